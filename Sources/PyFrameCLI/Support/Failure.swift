import ArgumentParser
import TraceFormat

/// Prints `pyframe: <message>` on stderr and ends the command with status 1.
///
/// Every user-facing error goes through here, so errors are one line that
/// names the problem.
func fail(_ message: String) -> ExitCode {
    warn(message)
    return ExitCode.failure
}

/// Prints `pyframe: <message>` on stderr.
func warn(_ message: String) {
    writeStandardError("pyframe: \(message)\n")
}

/// Writes `text` to stderr as it is (unbuffered, like FileHandle.standardError,
/// which lives in full Foundation).
func writeStandardError(_ text: String) {
    var text = text
    _ = text.withUTF8 { FileIO.writeAll(2, UnsafeRawBufferPointer($0)) }
}
