import Glibc

/// Runs a command found on PATH and collects what it prints on stdout (its
/// stderr goes to /dev/null). Written on posix_spawn because Foundation's
/// `Process` lives in full Foundation, which the command does not load.
struct CapturedRun {
    var output: String
    /// The exit status, or 128 + the signal that ended it.
    var status: Int32

    /// Fails with the system's reason when the command cannot be started.
    static func run(_ arguments: [String]) -> Result<CapturedRun, SpawnFailure> {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return .failure(SpawnFailure(errno)) }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        close(pipeEnds[1])
        guard rc == 0 else {
            close(pipeEnds[0])
            return .failure(SpawnFailure(rc))
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(pipeEnds[0], &buffer, buffer.count)
            if n > 0 { bytes += buffer[..<n] } else if n < 0 && errno == EINTR { continue } else { break }
        }
        close(pipeEnds[0])
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        let status = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        return .success(CapturedRun(output: String(decoding: bytes, as: UTF8.self), status: status))
    }

    /// Why a command could not be started.
    struct SpawnFailure: Error, CustomStringConvertible {
        let code: Int32
        init(_ code: Int32) { self.code = code }
        var description: String { String(cString: strerror(code)) }
    }
}
