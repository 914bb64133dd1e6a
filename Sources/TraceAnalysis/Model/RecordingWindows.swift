/// What pausing (`pyframe record --signal`, SIGUSR2) leaves in a trace, as
/// reports need it: the spans of time that were recorded, and which streams
/// of the trace are one thread of the program.
///
/// The recorder ends a thread's stream when recording pauses (its thread
/// record gets an end time) and starts a new stream, with a new index, when
/// it resumes. Reports must count such a thread once, and must say that the
/// time between the windows was not recorded rather than let it pass for a
/// quiet program.
extension TraceProfile {
    /// Positions in ``threads`` grouped by program thread, in order of first
    /// stream. A stream joins an earlier one of the same kernel thread id and
    /// Python ident only when that one was ended by a pause, so a thread id
    /// the kernel reused for a new thread stays a thread of its own.
    public var programThreads: [[Int]] {
        struct Key: Hashable {
            var nativeId: UInt64
            var ident: UInt64
        }
        var groups: [[Int]] = []
        var open: [Key: Int] = [:]  // a paused stream's group, waiting for its resumption
        for (position, thread) in threads.enumerated() {
            guard let record = thread.record, record.nativeId != 0 else {
                groups.append([position])
                continue
            }
            let key = Key(nativeId: record.nativeId, ident: record.ident)
            let group: Int
            if let waiting = open.removeValue(forKey: key) {
                groups[waiting].append(position)
                group = waiting
            } else {
                groups.append([position])
                group = groups.count - 1
            }
            if record.endTime != nil { open[key] = group }
        }
        return groups
    }

    /// Whether recording was paused at some point, or could have been
    /// (started paused with `--signal`).
    public var wasPaused: Bool {
        settings.togglesOnSignal || threads.contains { $0.record?.endTime != nil }
    }

    /// The spans of time (ns since the origin) during which recording was on,
    /// in order; nil when recording never paused. Each stream covers its first
    /// event to its pause (or, without one, its last event); overlapping
    /// spans merge, and the last window, if recording was still on, runs to
    /// the end of the trace.
    public var recordedWindows: [ClosedRange<UInt64>]? {
        guard wasPaused else { return nil }
        var spans: [(range: ClosedRange<UInt64>, paused: Bool)] = []
        for thread in threads where thread.events > 0 {
            let end = max(thread.record?.endTime ?? thread.lastTime, thread.firstTime)
            spans.append((thread.firstTime...end, thread.record?.endTime != nil))
        }
        spans.sort { $0.range.lowerBound < $1.range.lowerBound }
        var windows: [(range: ClosedRange<UInt64>, stillOn: Bool)] = []
        for span in spans {
            if let last = windows.last, span.range.lowerBound <= last.range.upperBound {
                windows[windows.count - 1] = (last.range.lowerBound...max(last.range.upperBound, span.range.upperBound),
                                              last.stillOn || !span.paused)
            } else {
                windows.append((span.range, !span.paused))
            }
        }
        if let last = windows.last, last.stillOn, durationNs > last.range.upperBound {
            windows[windows.count - 1].range = last.range.lowerBound...durationNs
        }
        return windows.map(\.range)
    }
}
