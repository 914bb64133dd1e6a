import Synchronization
import TraceFormat
#if canImport(Glibc)
import Glibc
#endif

/// One event as the hook stores it: fixed width, so that recording is a
/// timestamp read, one 16-byte store and a pointer bump. The writer thread
/// turns these into the compact encoding.
struct RawEvent {
    var ticks: UInt64
    var code: UInt32
    var kind: UInt32
}

/// The producer's view of a thread's ring, read and written only by the
/// thread that owns it (always holding the GIL). It lives in plain memory so
/// that the hot path has no reference counting and no exclusivity checks;
/// the thread-local slot points at it.
struct ProducerCursor {
    /// The ring's slots.
    var slots: UnsafeMutablePointer<RawEvent>
    /// capacity - 1 (capacity is a power of two).
    var mask: UInt64
    /// Events written so far by this thread (the next slot is head & mask).
    var head: UInt64
    /// When head reaches this, the slow path wakes the writer and checks room.
    var limit: UInt64
    /// The recording session this cursor belongs to; a stale one is not used.
    var session: UInt64
    /// The ring, for publishing `head` to the writer.
    var ring: Unmanaged<ThreadRing>
    /// Python frames of this thread being evaluated (filtered hook only).
    var depth: Int = 0
    /// Below this C stack address the hook raises RecursionError rather
    /// than let the thread overflow its stack (0: no limit known).
    var stackFloor: UInt = ThreadStacks.floorOfCurrentThread()
}

/// A single-producer, single-consumer ring of raw events for one thread.
///
/// The owning Python thread appends and publishes its head with a release
/// store; the writer thread reads up to the published head, encodes and
/// writes those events, then releases the slots by advancing `consumed`.
/// The ring never grows; when it is full the producer waits for the writer
/// (nothing is dropped), which at LZ4 speed takes microseconds.
final class ThreadRing: @unchecked Sendable {
    /// Slots per ring of the first thread (usually the main one, where most
    /// programs spend their time): 262,144 events, 4 MiB, about 25 ms of the
    /// fastest recursion, so the writer can be descheduled that long before
    /// the thread has to wait for it. Pages are touched only as they fill.
    static let firstThreadCapacity = 1 << 18
    /// Slots per ring of other threads: 65,536 events, 1 MiB.
    static let defaultCapacity = 1 << 16

    /// Dense index used in the trace's events chunks.
    let index: UInt32
    let capacity: Int
    let slots: UnsafeMutablePointer<RawEvent>
    let cursor: UnsafeMutablePointer<ProducerCursor>
    /// Producer's head, published for the writer.
    let published = Atomic<UInt64>(0)
    /// Writer's tail: slots below it may be reused.
    let consumed = Atomic<UInt64>(0)
    /// Set when the OS thread has exited; the writer retires the ring once drained.
    let finished = Atomic<Bool>(false)

    // Writer-only state.
    /// Code ids of the frames open at the writer's position, outermost first.
    let openFrames = FrameStack()
    /// Next events chunk's sequence number.
    var sequence: UInt64 = 0
    /// Exits of frames entered before recording started (not written).
    var unmatchedExits: UInt64 = 0
    /// The session this ring records for.
    let session: UInt64
    /// Set once its session was paused and its end time written.
    var ended = false

    init(index: UInt32, session: UInt64, capacity: Int = ThreadRing.defaultCapacity) {
        precondition(capacity > 0 && capacity & (capacity - 1) == 0)
        self.index = index
        self.session = session
        self.capacity = capacity
        slots = SlotPool.take(capacity: capacity)
        cursor = .allocate(capacity: 1)
        cursor.initialize(to: ProducerCursor(
            slots: slots, mask: UInt64(capacity - 1), head: 0, limit: UInt64(capacity / 2),
            session: session, ring: Unmanaged.passUnretained(self)))
    }

    deinit {
        SlotPool.give(slots, capacity: capacity)
        cursor.deallocate()
    }
}

/// Appends one event to the calling thread's ring: the whole per-event cost
/// of recording besides reading the frame.
@inline(__always)
func appendEvent(_ c: UnsafeMutablePointer<ProducerCursor>, _ kind: EventKind, _ code: UInt32, _ ticks: UInt64) {
    let head = c.pointee.head
    c.pointee.slots[Int(truncatingIfNeeded: head & c.pointee.mask)] =
        RawEvent(ticks: ticks, code: code, kind: UInt32(kind.rawValue))
    let next = head &+ 1
    c.pointee.head = next
    c.pointee.ring._withUnsafeGuaranteedRef { $0.published.store(next, ordering: .releasing) }
    if _slowPath(next == c.pointee.limit) { ringReachedLimit(c) }
}

/// Half the ring is filled, or all of it: wake the writer (starting it again
/// first if a fork stopped it, ``ForkPause``), and if no slot is free wait
/// until it has drained some. Called once per half ring.
@inline(never)
func ringReachedLimit(_ c: UnsafeMutablePointer<ProducerCursor>) {
    ForkPause.resumeIfPaused()
    let ring = c.pointee.ring.takeUnretainedValue()
    let capacity = UInt64(ring.capacity)
    WriterThread.wake()
    var tail = ring.consumed.load(ordering: .acquiring)
    if c.pointee.head &- tail >= capacity {
        Stats.stalls.add(1, ordering: .relaxed)
        var spins = 0
        while c.pointee.head &- tail >= capacity {
            WriterThread.wake()
            // The writer usually frees room within microseconds: yield the
            // core first, sleep only if it takes longer.
            if spins < 64 { sched_yield() } else { WriterThread.pause() }
            spins += 1
            tail = ring.consumed.load(ordering: .acquiring)
        }
    }
    c.pointee.limit = min(tail &+ capacity, c.pointee.head &+ capacity / 2)
}

/// Counters the recorder reports when it stops.
enum Stats {
    /// Times a thread found its ring full and waited for the writer.
    static let stalls = Atomic<UInt64>(0)
}

/// Ring memory of threads that have ended, kept for the next threads, so that
/// a program that keeps starting short threads (a pool that grows and
/// shrinks, a thread per request) does not map and fault in fresh memory for
/// each. At most `limit` buffers are kept; the rest are freed.
enum SlotPool {
    static let limit = 8
    private static let free = ForkSafeLock<[(UnsafeMutablePointer<RawEvent>, Int)]>([])

    /// In a forked child: the pool's lock as new (``ForkGuard``).
    static func resetInChild() { free.resetInChild() }

    /// A buffer of `capacity` slots, recycled when one is free.
    static func take(capacity: Int) -> UnsafeMutablePointer<RawEvent> {
        let recycled = free.withLock { list -> UnsafeMutablePointer<RawEvent>? in
            guard let i = list.firstIndex(where: { $0.1 == capacity }) else { return nil }
            return list.remove(at: i).0
        }
        return recycled ?? .allocate(capacity: capacity)
    }

    /// Returns a buffer for reuse (or frees it when enough are kept).
    static func give(_ slots: UnsafeMutablePointer<RawEvent>, capacity: Int) {
        let kept = free.withLock { list -> Bool in
            guard list.count < limit else { return false }
            list.append((slots, capacity))
            return true
        }
        if !kept { slots.deallocate() }
    }
}
