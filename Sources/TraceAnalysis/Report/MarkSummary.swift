/// A named instant from `pyframe.mark("label")`, as a report lists it: which
/// process and thread marked it, and when.
package struct MarkSummary: Sendable, Equatable {
    /// The process that marked it.
    package var pid: UInt64
    /// The thread's index in its trace.
    package var thread: UInt32
    /// The thread's name (`MainThread`, or `thread N`).
    package var threadName: String
    /// Nanoseconds since its process's origin (the clock of its events).
    package var timeNs: UInt64
    /// The program's label.
    package var label: String

    /// Every mark of `profiles`, by process in the given order, then by time.
    package static func all(_ profiles: [TraceProfile]) -> [MarkSummary] {
        profiles.flatMap { profile in
            let names = Dictionary(profile.threads.map { ($0.index, $0.name) }) { $1 }
            return profile.marks.map {
                MarkSummary(pid: profile.process.pid, thread: $0.thread,
                            threadName: names[$0.thread] ?? "thread \($0.thread)", timeNs: $0.time, label: $0.label)
            }
        }
    }
}
