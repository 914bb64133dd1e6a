import TraceFormat

/// The analysis of one trace file (one process): what was recorded and what
/// it cost, per thread and per code object, plus everything that was lost.
///
/// Its size grows with the number of code objects, threads and (when
/// collected) distinct stacks, not with the number of events.
public struct TraceProfile: Sendable {
    /// The trace file's path.
    public var path: String
    /// The trace file's size in bytes.
    public var size: Int
    /// The recorded process.
    public var process: ProcessRecord
    /// Code records by id.
    public var codes: [UInt32: CodeRecord]
    /// Threads by index, ascending.
    public var threads: [ThreadProfile]
    /// The end record, absent when the recording was cut short.
    public var end: EndRecord?
    /// Everything found wrong with the file (`ProblemText` words them).
    public var problems: [TraceProblem]
    /// The instants the program marked, by time.
    public var marks: [Mark] = []
    /// The window the tables were cut to (`--window`); nil for the whole run.
    public var window: SelectedWindow?
    /// Each thread's events chunks, in file order, as the analysis found
    /// them: what ``TraceTimeline`` replays without reading the file twice.
    /// One entry per chunk (about 200,000 events), so it stays small.
    public var eventChunks: [UInt32: [ChunkLocation]] = [:]

    /// True when the trace ends with an end record.
    public var isComplete: Bool { end != nil }

    /// Events decoded from the file.
    public var events: UInt64 { threads.reduce(0) { $0 + $1.events } }

    /// Events known to be lost: the end record's count (or, without one, the
    /// loss chunk's, which the end record includes) plus each chunk's `droppedBefore`.
    public var droppedEvents: UInt64 {
        let recorded = end?.eventsDropped ?? threads.reduce(0) { $0 + ($1.ringLoss?.events ?? 0) }
        return recorded + threads.reduce(0) { $0 + $1.droppedBefore }
    }

    /// The record-time filters and modes the process record names, as
    /// sentences (`--exclude '*/site-packages/*'`, ring mode …); empty when
    /// everything was recorded.
    public var recordingLimits: [String] {
        let s = settings
        var out: [String] = []
        if !s.include.isEmpty { out.append("only files matching --include \(s.include.joined(separator: " ; ")) were recorded") }
        if !s.exclude.isEmpty { out.append("files matching --exclude \(s.exclude.joined(separator: " ; ")) were not recorded") }
        if !out.isEmpty { out.append("time in left-out frames counts as their nearest recorded caller's self time") }
        if let depth = s.maxDepth { out.append("frames deeper than --max-depth \(depth) were not recorded") }
        if let ring = s.ringBytes { out.append("flight-recorder mode (--ring \(ring) bytes) keeps only the newest events") }
        if let pauses = pauseSentence { out.append(pauses) }
        if let window { out.append(window.sentence) }
        return out
    }

    /// The settings the trace was recorded with (defaults where its process
    /// record holds a value this pyframe cannot read).
    public var settings: RecordingSettings {
        (try? RecordingSettings(properties: process.properties)) ?? RecordingSettings()
    }

    /// Which windows were recorded when recording was paused (`--signal`),
    /// as one sentence; nil when it never paused.
    public var pauseSentence: String? {
        guard let windows = recordedWindows else { return nil }
        let how = settings.togglesOnSignal ? "with \(RecordingSettings.toggleSignal) (--signal)" : "while the program ran"
        guard !windows.isEmpty else {
            return "recording was paused \(how) and never resumed: nothing was recorded"
        }
        let spans = windows.map { "\(Self.milliseconds($0.lowerBound))–\(Self.milliseconds($0.upperBound)) ms" }
        return "recording was paused and resumed \(how): recorded only \(spans.joined(separator: ", ")) "
            + "of \(Self.milliseconds(durationNs)) ms; outside these windows recording was paused and nothing is counted"
    }

    /// `ns` in milliseconds with three decimals.
    static func milliseconds(_ ns: UInt64) -> String {
        let micros = (ns + 500) / 1000
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// Length of the recording in ns: the end record's time, else the last event.
    public var durationNs: UInt64 {
        let last = threads.map(\.lastTime).max() ?? 0
        return max(end?.endTime ?? last, last)
    }

    /// Sum of self time over all functions and threads: all Python time recorded.
    public var totalSelfNs: UInt64 {
        threads.reduce(0) { sum, t in t.functions.nonEmpty().reduce(sum) { $0 + $1.stats.selfNs } }
    }

    /// Statistics of every code id summed over threads.
    public func mergedFunctions() -> StatsTable {
        let table = StatsTable()
        for t in threads { table.merge(t.functions) }
        return table
    }
}
