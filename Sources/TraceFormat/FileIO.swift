#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to file descriptors the way every writer in pyframe needs it.
package enum FileIO {
    /// The lowest descriptor that `highDescriptor` moves files to.
    package static let firstHighDescriptor: Int32 = 100

    /// Moves `fd` to a descriptor numbered 100 or above (close-on-exec) and
    /// closes the original, so that a recorder's file never takes the low
    /// numbers a program's own `open()` would get untraced. Keeps `fd` if
    /// the move fails.
    package static func highDescriptor(_ fd: Int32) -> Int32 {
        let moved = fcntl(fd, F_DUPFD_CLOEXEC, firstHighDescriptor)
        guard moved >= 0 else { return fd }
        close(fd)
        return moved
    }

    /// Writes all of `bytes` to `fd`, going on after short writes and EINTR.
    ///
    /// - Returns: 0, or the errno of the write that failed.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += n
        }
        return 0
    }
}
