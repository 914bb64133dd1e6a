import PyFrameShim
import Synchronization
import TraceFormat
#if canImport(Glibc)
import Glibc
#endif

/// Knows every thread that has run a frame during the session, and gives
/// each its ring on its first frame.
enum ThreadRegistry {
    /// Rings the writer drains; finished ones leave once empty.
    static let rings = ForkSafeLock<[ThreadRing]>([])
    /// Thread records (new threads, renames) not yet taken by the writer.
    static let pending = ForkSafeLock<[ThreadRecord]>([])
    nonisolated(unsafe) private static var nextIndex: UInt32 = 0
    nonisolated(unsafe) static var mainIdent: UInt = 0
    /// Python thread names by ident, for threads named before their first
    /// recorded frame (GIL held).
    nonisolated(unsafe) private static var names: [UInt: String] = [:]
    nonisolated(unsafe) private static var key = pthread_key_t()
    nonisolated(unsafe) private static var keyCreated = false

    /// Starts a session's thread numbering; `mainIdent` is the thread calling start().
    static func reset() {
        nextIndex = 0
        rings.withLock { $0.removeAll() }
        pending.withLock { $0.removeAll() }
        mainIdent = PyThread_get_thread_ident()
        names = [:]
        if !keyCreated {
            keyCreated = pthread_key_create(&key, threadExited) == 0
        }
    }

    /// The calling thread's cursor for `session`: its thread-local one, or a
    /// new ring on the thread's first frame of the session (`frame`, which
    /// tells the thread's name).
    @inline(__always)
    static func cursor(session: UInt64,
                       frame: UnsafeMutablePointer<_PyInterpreterFrame>? = nil) -> UnsafeMutablePointer<ProducerCursor> {
        if let c = pf_tls_get()?.assumingMemoryBound(to: ProducerCursor.self),
           _fastPath(c.pointee.session == session) {
            return c
        }
        return attach(session: session, frame: frame)
    }

    /// Gives the calling thread a ring for `session` and points its
    /// thread-local slot at the ring's cursor. Called from the hook (GIL held)
    /// on a thread's first frame of the session.
    @inline(never)
    static func attach(session: UInt64,
                       frame: UnsafeMutablePointer<_PyInterpreterFrame>?) -> UnsafeMutablePointer<ProducerCursor> {
        waitForRetiredRings()
        let ring = ThreadRing(index: nextIndex, session: session,
                              capacity: nextIndex == 0 ? ThreadRing.firstThreadCapacity : ThreadRing.defaultCapacity)
        nextIndex += 1
        let ident = PyThread_get_thread_ident()
        let name = names[ident] ?? (ident == mainIdent ? "MainThread"
                                                       : ThreadNames.name(ident: ident, firstFrame: frame) ?? "")
        rings.withLock { $0.append(ring) }
        pending.withLock {
            $0.append(ThreadRecord(index: ring.index, nativeId: UInt64(PyThread_get_thread_native_id()), ident: UInt64(ident),
                                   name: name))
        }
        if keyCreated {
            // The key's value keeps the ring (and the cursor the thread-local
            // slot points at) alive until the thread exits.
            if let old = pthread_getspecific(key) {
                Unmanaged<ThreadRing>.fromOpaque(old).release()
            }
            pthread_setspecific(key, Unmanaged.passRetained(ring).toOpaque())
        }
        pf_tls_set(ring.cursor)
        CCalls.installOnCurrentThread()
        return ring.cursor
    }

    /// Rings of ended threads that the writer has not emptied yet, beyond
    /// which a new thread waits for it: a program that starts short threads
    /// faster than the writer keeps up would otherwise pile up ring memory.
    static let maxRetiredBacklog = 8

    private static func waitForRetiredRings() {
        var waited = 0
        while waited < 20_000 {  // at most about 2 s, then go on regardless
            let backlog = rings.withLock { all in
                all.reduce(0) { $0 + ($1.finished.load(ordering: .relaxed) ? 1 : 0) }
            }
            guard backlog > maxRetiredBacklog else { return }
            WriterThread.wake()
            WriterThread.pause()
            waited += 1
        }
    }

    /// Records a new name for the calling thread (from `threading`).
    static func rename(_ name: String) {
        names[PyThread_get_thread_ident()] = name
        guard let raw = pf_tls_get() else { return }
        let cursor = raw.assumingMemoryBound(to: ProducerCursor.self)
        guard cursor.pointee.session == Hook.activeSession else { return }
        let index = cursor.pointee.ring.takeUnretainedValue().index
        pending.withLock {
            $0.append(ThreadRecord(index: index, nativeId: UInt64(PyThread_get_thread_native_id()),
                                   ident: UInt64(PyThread_get_thread_ident()), name: name))
        }
    }
}

/// pthread key destructor: the OS thread is gone, so its ring will get no
/// more events; the writer drains and drops it.
private func threadExited(_ value: UnsafeMutableRawPointer?) {
    guard let value else { return }
    let ring = Unmanaged<ThreadRing>.fromOpaque(value)
    ring.takeUnretainedValue().finished.store(true, ordering: .releasing)
    // The last reference may go here, outside the GIL, and freeing the ring
    // takes the slot pool's lock: under the drain lock, so that no fork can
    // happen while it is held (a child would inherit it locked).
    ForkGuard.whileDraining { ring.release() }
    pf_tls_set(nil)
}
