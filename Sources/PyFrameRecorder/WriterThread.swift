import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The thread that empties the rings into the trace file, so that Python
/// threads never wait on compression or disk.
///
/// It wakes when a ring is half full, and at least every `flushInterval`
/// so that a killed program loses at most about that much of its trace.
enum WriterThread {
    /// Longest time events wait in a ring before they reach the file.
    static let flushIntervalNs = 200_000_000

    private static let semaphore: UnsafeMutablePointer<sem_t> = {
        let s = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
        sem_init(s, 0, 0)
        return s
    }()
    nonisolated(unsafe) private static var thread = pthread_t()
    nonisolated(unsafe) private static var running = false
    private static let stopping = Atomic<Bool>(false)

    /// Wakes the writer (cheap when nobody waits: no system call).
    @inline(__always)
    static func wake() { sem_post(semaphore) }

    /// A producer whose ring is full waits this long between checks.
    static func pause() {
        var ts = timespec(tv_sec: 0, tv_nsec: 20_000)
        nanosleep(&ts, nil)
    }

    /// Starts the thread; it drains `recorder` until ``stop()``.
    static func start() -> Bool {
        stopping.store(false, ordering: .relaxed)
        while sem_trywait(semaphore) == 0 {}
        running = pthread_create(&thread, nil, { _ in
            WriterThread.run()
            return nil
        }, nil) == 0
        return running
    }

    /// Stops the thread after its current drain and waits for it.
    static func stop() {
        guard running else { return }
        stopping.store(true, ordering: .releasing)
        wake()
        pthread_join(thread, nil)
        running = false
    }

    /// Stops the thread (``stop()``) and waits until the kernel no longer
    /// counts it in the process: pthread_join returns once the thread has
    /// let go of its stack, a moment before the kernel removes the thread.
    /// False if it was not running.
    static func stopAndWaitUntilGone() -> Bool {
        guard running else { return false }
        stop()
        var pause = timespec(tv_sec: 0, tv_nsec: 20_000)
        var waits = 0
        while waits < 5000, taskPath[0] != 0, access(taskPath, F_OK) == 0 {
            nanosleep(&pause, nil)
            waits += 1
        }
        return true
    }

    /// The running writer's entry in /proc, "/proc/self/task/TID" (a C
    /// string, empty when unknown), written by the thread as it starts.
    private static let taskPath: UnsafeMutablePointer<CChar> = {
        let path = UnsafeMutablePointer<CChar>.allocate(capacity: 64)
        path.initialize(repeating: 0, count: 64)
        return path
    }()

    /// Records ``taskPath`` for the calling thread: /proc/thread-self links
    /// to "PID/task/TID".
    private static func noteTaskPath() {
        var link = [CChar](repeating: 0, count: 48)
        let count = readlink("/proc/thread-self", &link, link.count - 1)
        guard count > 0, let slash = link[..<count].lastIndex(of: CChar(UInt8(ascii: "/"))) else {
            taskPath[0] = 0
            return
        }
        let path = "/proc/self/task/" + String(decoding: link[(slash + 1)..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        _ = path.withCString { strncpy(taskPath, $0, 63) }
    }

    /// Forgets the thread without joining: in a forked child it does not exist.
    static func forgetAfterFork() {
        running = false
        // The parent's writer may have been waiting on the semaphore.
        sem_destroy(semaphore)
        sem_init(semaphore, 0, 0)
    }

    private static func run() {
        TerminationSignals.blockInCurrentThread()
        noteTaskPath()
        // The first wake-up comes once the clock can be calibrated, so that
        // the file has its header early.
        var first = true
        while !stopping.load(ordering: .acquiring) {
            var deadline = timespec()
            clock_gettime(CLOCK_REALTIME, &deadline)
            let wait = first ? Int(TickClock.calibrationWindowNs) : flushIntervalNs
            first = false
            deadline.tv_nsec += wait
            deadline.tv_sec += deadline.tv_nsec / 1_000_000_000
            deadline.tv_nsec %= 1_000_000_000
            _ = sem_timedwait(semaphore, &deadline)
            while sem_trywait(semaphore) == 0 {}
            if stopping.load(ordering: .acquiring) { break }
            let signal = TerminationSignals.requested.load(ordering: .acquiring)
            if signal != 0 {
                // The program is being terminated: complete the trace, then let it die.
                Recorder.current?.drain(final: true)
                TerminationSignals.actAfterFlush(signal)
                return
            }
            Recorder.current?.drain()
        }
    }
}
