import TraceAnalysis

/// Problems and losses of traces in words: the one place the analyzers'
/// ``TraceProblem`` values become sentences, for every header, warning and
/// JSON document.
package enum ProblemText {
    /// One sentence for `problem`.
    package static func sentence(_ problem: TraceProblem) -> String {
        switch problem {
        case let .damage(detail):
            detail
        case let .codeRecordsIgnored(count, maxId):
            "\(count) code records have ids beyond \(maxId) and were ignored"
        case let .ringDropped(thread, events):
            "thread \(thread): its oldest \(events) events were dropped by flight-recorder mode; the numbers cover the rest of the run"
        case let .chunksMissing(thread, count):
            "thread \(thread): \(count) events chunk(s) missing from its sequence; times around the gap are approximate"
        case let .stackLimitReached(thread, limit):
            "thread \(thread): more than \(limit) distinct call stacks; the rarest are grouped as [other stacks] under their deepest kept caller"
        case let .chunksRepeated(thread, count):
            "thread \(thread): \(count) events chunk(s) repeat a sequence number"
        case let .codeIdsOutOfRange(events, maxId):
            "\(events) events name code ids beyond \(maxId); counted as unknown code"
        case .noEndRecord:
            "no end record: the recording was cut short (the program was killed or the file truncated)"
        }
    }

    /// Every loss or damage in `header`, one sentence each, prefixed by the
    /// trace when there are several.
    package static func losses(_ header: ReportHeader) -> [String] {
        var out: [String] = []
        let several = header.processes.count > 1
        for p in header.processes {
            let prefix = several ? "\(p.path): " : ""
            if p.droppedEvents > 0 {
                out.append(prefix + "\(p.droppedEvents) events were lost while recording; times around them are approximate")
            }
            out += p.problems.map { prefix + sentence($0) }
        }
        return out
    }
}
