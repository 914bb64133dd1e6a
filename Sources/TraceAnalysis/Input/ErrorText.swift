import FoundationEssentials
import Glibc

/// One line for an error thrown by FileManager and friends. FoundationEssentials
/// has no `localizedDescription` (that lives in full Foundation, which the
/// command does not load), so the system's own wording for the underlying
/// errno is used: "No such file or directory", "Permission denied".
package enum ErrorText {
    package static func describe(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return message(posix.code.rawValue) }
        if let cocoa = error as? CocoaError {
            if let posix = cocoa.underlying as? POSIXError { return message(posix.code.rawValue) }
            if let path = cocoa.filePath { return "\(path): error \(cocoa.code.rawValue)" }
            return "error \(cocoa.code.rawValue)"
        }
        return String(describing: error)
    }

    private static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
