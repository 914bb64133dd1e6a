#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to file descriptors the way every writer in pyframe needs it.
package enum FileIO {
    /// The lowest descriptors `highDescriptor` moves files to, in order of
    /// preference: above 0–255, the range programs and test helpers scan for
    /// open descriptors (CPython's fd_status.py, which
    /// test_subprocess.test_pass_fds_redirected compares exactly), else above
    /// 0–99 where the limit on open files is 256 or less.
    package static let highDescriptorFloors: [Int32] = [256, 100]

    /// Moves `fd` to a high descriptor (``highDescriptorFloors``, close-on-exec)
    /// and closes the original, so that a recorder's file never takes the
    /// numbers a program's own `open()` would get untraced, nor shows in its
    /// scans of them. Keeps `fd` if no move succeeds.
    package static func highDescriptor(_ fd: Int32) -> Int32 {
        for floor in highDescriptorFloors {
            let moved = fcntl(fd, F_DUPFD_CLOEXEC, floor)
            guard moved >= 0 else { continue }
            close(fd)
            return moved
        }
        return fd
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
