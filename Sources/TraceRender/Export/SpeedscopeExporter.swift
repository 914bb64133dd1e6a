import TraceAnalysis
import TraceFormat

/// Writes traces in speedscope's file format
/// (https://www.speedscope.app/file-format-schema.json): one "evented"
/// profile per thread, of frame open and close events in nanoseconds, over
/// one shared frame table, so speedscope shows each thread's time-ordered
/// view as well as its left-heavy and sandwich views.
///
/// Like ``ChromeTraceExporter`` it streams: each thread's events are written
/// as ``TraceTimeline`` replays them. Opens and closes always balance, also
/// where events were lost. Several traces go into one file, on one timeline
/// by their wall-clock starts (the earliest at 0).
///
/// Speedscope's format has no instants, so each `pyframe.mark("label")` is a
/// zero-length frame named `mark: label` on its thread's profile, opened and
/// closed at the mark's time: visible in the file and in speedscope's
/// sandwich view, and never changing any other frame's time.
package enum SpeedscopeExporter {
    /// The schema address the document declares.
    package static let schema = "https://www.speedscope.app/file-format-schema.json"

    /// Writes the document for `profiles` (analysed traces, whose files are
    /// read again for their events) as lines to `emit`.
    ///
    /// - Throws: ``TraceError`` if a trace can no longer be opened.
    package static func write(_ profiles: [TraceProfile], to emit: (String) -> Void) throws(TraceError) {
        let catalog = FunctionCatalog(profiles: profiles)
        let origin = profiles.map(\.process.startWallNs).min() ?? 0
        let title = profiles.first.map { "pyframe: " + DisplayFormat.commandLine($0.process.argv) } ?? "pyframe"
        emit("{\"$schema\":\(ExportJSON.quote(schema)),\"exporter\":\"pyframe\",\"name\":\(ExportJSON.quote(title)),\"activeProfileIndex\":0,")
        emit("\"shared\":{\"frames\":[")
        for (i, f) in catalog.functions.enumerated() {
            emit((i > 0 ? "," : "") + frame(f))
        }
        // One frame per distinct mark label, after the functions.
        var markFrames: [String: Int] = [:]
        for label in profiles.flatMap({ $0.marks.map(\.label) }) where markFrames[label] == nil {
            markFrames[label] = catalog.functions.count + markFrames.count
            emit((markFrames[label]! > 0 ? "," : "") + "{\"name\":\(ExportJSON.quote("mark: " + label))}")
        }
        emit("]},\"profiles\":[")
        var firstProfile = true
        for (t, profile) in profiles.enumerated() {
            let offset = profile.process.startWallNs - origin
            let names = Dictionary(profile.threads.map { ($0.index, $0.name) }) { $1 }
            let index = FrameNames(catalog: catalog, trace: t) { _ in 0 }
            let timeline = try TraceTimeline(profile: profile)
            let marksByThread = Dictionary(grouping: profile.marks, by: \.thread)
            // One profile per program thread: the streams of a thread paused
            // and resumed (--signal) follow each other in time, each ending
            // at its pause.
            var groups = profile.programThreads.map { $0.map { profile.threads[$0].index } }
            let grouped = Set(groups.joined())
            for thread in Set(timeline.threads).union(marksByThread.keys).sorted() where !grouped.contains(thread) {
                groups.append([thread])
            }
            let pauses = Dictionary(profile.threads.compactMap { t in t.record?.endTime.map { (t.index, $0) } }) { $1 }
            for streams in groups {
                guard streams.contains(where: { timeline.chunks[$0] != nil || marksByThread[$0] != nil }) else { continue }
                let thread = streams[streams.count - 1]
                var name = names[thread] ?? "thread \(thread)"
                if profiles.count > 1 { name = "pid \(profile.process.pid) \(name)" }
                emit((firstProfile ? "" : ",") + "{\"type\":\"evented\",\"name\":\(ExportJSON.quote(name)),\"unit\":\"nanoseconds\",\"events\":[")
                firstProfile = false
                var start: UInt64?
                var end: UInt64 = 0
                func event(_ type: String, _ frame: Int, _ at: UInt64) {
                    emit((start == nil ? "" : ",") + "{\"type\":\"\(type)\",\"frame\":\(frame),\"at\":\(at)}")
                    if start == nil { start = at }
                    end = at
                }
                // Marks go in where their time comes, as frames of no length.
                var marks = streams.flatMap { marksByThread[$0] ?? [] }.sorted { $0.time < $1.time }[...]
                func marksUntil(_ time: UInt64) {
                    while let mark = marks.first, mark.time <= time {
                        marks.removeFirst()
                        let at = max(offset + mark.time, start == nil ? 0 : end)
                        event("O", markFrames[mark.label]!, at)
                        event("C", markFrames[mark.label]!, at)
                    }
                }
                for stream in streams {
                    timeline.walk(thread: stream, endTime: pauses[stream] ?? profile.durationNs, window: profile.window?.window) { step in
                        let (type, code, time) = switch step {
                        case let .open(code, time): ("O", code, time)
                        case let .close(code, time): ("C", code, time)
                        }
                        marksUntil(time)
                        event(type, index.function(code), max(offset + time, start == nil ? 0 : end))
                    }
                }
                marksUntil(.max)
                emit("],\"startValue\":\(start ?? offset),\"endValue\":\(max(end, start ?? offset))}")
            }
        }
        emit("]}")
    }

    /// A frame of the shared table: the qualified name (with `[vN]` when the
    /// function has several versions), and its file and first line when known.
    static func frame(_ f: FunctionInfo) -> String {
        let name = f.version > 0 ? "\(f.identity.qualname) [v\(f.version)]" : f.identity.qualname
        guard !f.identity.file.isEmpty else { return "{\"name\":\(ExportJSON.quote(name))}" }
        return "{\"name\":\(ExportJSON.quote(name)),\"file\":\(ExportJSON.quote(f.identity.file)),\"line\":\(f.identity.line)}"
    }
}
