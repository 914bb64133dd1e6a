import ArgumentParser
import Foundation

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
        let code = exitCode(for: error)
        if code == .validationFailure {
            let message = message(for: error).split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            warn("\(message) (see '\(helpCommand(arguments))')")
            Foundation.exit(2)
        }
        if code == .success { exit(withError: error) }
        if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
        warn(String(describing: error))
        Foundation.exit(ExitCode.failure.rawValue)
    }
}

/// Prints `pyframe: <message>` on stderr: a warning that does not end the
/// command (losses in a trace, where the output went).
func warn(_ message: String) {
    FileHandle.standardError.write(Data("pyframe: \(message)\n".utf8))
}
