import ArgumentParser
import Foundation

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
    FileHandle.standardError.write(Data("pyframe: \(message)\n".utf8))
}
