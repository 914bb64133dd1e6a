import PyFrameShim
import Synchronization
import TraceFormat

/// Named instants the program puts in its trace (`pyframe.mark("label")`),
/// such as "before patch" and "after patch" inside one run.
///
/// A mark takes its timestamp on the calling thread, like an event, and
/// waits in a queue until the writer converts it and writes a marks chunk.
/// Marks are rare, so the queue is a plain locked array.
enum Marks {
    struct Pending {
        var thread: UInt32
        var ticks: UInt64
        var label: String
    }

    /// Marks not yet taken by the writer.
    static let pending = ForkSafeLock<[Pending]>([])

    /// Marks `label` now on the calling thread (GIL held). Returns false when
    /// nothing is being recorded.
    static func mark(_ label: String) -> Bool {
        let session = Hook.activeSession
        guard session != 0 else { return false }
        let ticks = pf_ticks()
        let thread = ThreadRegistry.cursor(session: session).pointee.ring.takeUnretainedValue().index
        pending.withLock { $0.append(Pending(thread: thread, ticks: ticks, label: label)) }
        return true
    }

    /// Takes the queued marks, converting their times with `clock`.
    static func take(_ clock: TickClock) -> [Mark] {
        pending.withLock { queue in
            defer { queue.removeAll() }
            return queue.map { Mark(thread: $0.thread, time: clock.nanoseconds($0.ticks), label: $0.label) }
        }
    }
}
