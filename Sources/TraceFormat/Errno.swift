#if canImport(Glibc)
import Glibc
#endif

/// A C library error number, said in words where it is shown (as
/// swift-system's `Errno`): the one place errno becomes text, for the
/// recorder, the launcher and the command alike.
package struct Errno: Error, Equatable, CustomStringConvertible, Sendable {
    /// The number, as `errno` holds it.
    package let rawValue: Int32

    package init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's `errno` now: read it right after the call that failed.
    package static var current: Errno { Errno(errno) }

    /// The C library's sentence for it, such as "No such file or directory".
    package var description: String { String(cString: strerror(rawValue)) }
}
