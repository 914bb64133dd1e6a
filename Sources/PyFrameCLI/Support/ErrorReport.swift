import ArgumentParser
import Glibc
import TraceFormat

extension PyFrameCommand {
    /// The one place an error becomes what the user sees: a line
    /// `pyframe: <description>` on stderr and the exit status (as
    /// swift-argument-parser's `MessageInfo` does for its own errors).
    ///
    /// - usage errors (an unknown option, a bad value): the line ends with
    ///   where the help is, status 2;
    /// - help and version requests: printed by the parser, status 0;
    /// - `ExitCode` (record passing on the program's status): that status, no line;
    /// - every other error, typed with a `description` (``CLIError``,
    ///   ``TraceError``, ``LaunchError``…): its line, status 1.
    static func report(_ error: Error, arguments: [String]) -> Never {
        // First: a recorded program's status is passed on as it is (64, the
        // parser's usage status, too), without building the parser's message.
        if let exit = error as? ExitCode { Glibc.exit(exit.rawValue) }
        let code = exitCode(for: error)
        if code == .validationFailure {
            let message = message(for: error).split(whereSeparator: \.isNewline)
                .map { $0.trimmingWhitespace() }.joined(separator: " ")
            warn("\(message) (see '\(helpCommand(arguments))')")
            Glibc.exit(2)
        }
        if code == .success { exit(withError: error) }
        warn(String(describing: error))
        Glibc.exit(ExitCode.failure.rawValue)
    }
}

/// Prints `pyframe: <message>` on stderr: a warning that does not end the
/// command (losses in a trace, where the output went).
func warn(_ message: String) {
    writeStandardError("pyframe: \(message)\n")
}

/// Writes `text` to stderr as it is, unbuffered (FileHandle.standardError
/// lives in full Foundation, which the command does not load).
func writeStandardError(_ text: String) {
    var text = text
    _ = text.withUTF8 { FileIO.writeAll(2, UnsafeRawBufferPointer($0)) }
}
