#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to file descriptors the way every writer in pyframe needs it.
package enum FileIO {
    /// Where `highDescriptor` moves files when the limit on open files
    /// cannot be stepped over: above 0–255, else above 0–99.
    private static let highDescriptorFloors: [Int32] = [256, 100]

    /// Moves `fd` to a descriptor the program will not come across, close-on-
    /// exec, and closes the original; keeps `fd` if no move succeeds.
    ///
    /// Best is just above the soft limit on open files: no `open()` of the
    /// program's returns it, and a scan of every descriptor the limit allows
    /// (`range(os.sysconf("SC_OPEN_MAX"))`, as CPython's fd_status.py does
    /// for test_subprocess.test_pass_fds_redirected, which compares a child's
    /// open descriptors exactly) does not find it. The soft limit is raised
    /// for the move and put back at once; a descriptor above it stays valid.
    /// Where the hard limit leaves no room, or the soft limit is so high that
    /// a descriptor there would make the process's descriptor table large,
    /// the file goes above ``highDescriptorFloors``.
    package static func highDescriptor(_ fd: Int32) -> Int32 {
        var moved = aboveOpenFileLimit(fd) ?? -1
        for floor in highDescriptorFloors where moved < 0 {
            moved = fcntl(fd, F_DUPFD_CLOEXEC, floor)
        }
        guard moved >= 0 else { return fd }
        close(fd)
        return moved
    }

    /// A copy of `fd` numbered at the soft limit on open files, or nil.
    private static func aboveOpenFileLimit(_ fd: Int32) -> Int32? {
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        let soft = limit.rlim_cur
        guard soft >= 256, soft <= 1 << 16, limit.rlim_max > soft + 16 else {
            return nil
        }
        var raised = limit
        raised.rlim_cur = soft + 16
        guard setrlimit(resource, &raised) == 0 else { return nil }
        let moved = fcntl(fd, F_DUPFD_CLOEXEC, Int32(soft))
        setrlimit(resource, &limit)
        return moved >= 0 ? moved : nil
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
