/// Chunks as text, one line a record or an event: what `pyframe dump`
/// prints and what the golden tests of the sample traces compare, so that
/// one spelling of a trace serves both.
///
/// Event lines name their code from the code records seen before them, so
/// one `ChunkText` reads one trace from its start.
package struct ChunkText {
    /// The code records seen so far.
    package private(set) var codes: [UInt32: CodeRecord] = [:]

    package init() {}

    /// The lines of a metadata chunk (an events chunk gives its header line
    /// alone: see ``event(_:thread:depth:)`` for its events). Code records
    /// are remembered for the event lines that follow.
    package mutating func lines(_ chunk: Chunk, offset: Int) -> [String] {
        switch chunk {
        case let .process(p):
            return ["process pid=\(p.pid) ppid=\(p.parentPid) python=\"\(p.pythonVersion.split(separator: " ").first ?? "")\"",
                    "  argv=\(p.argv) cwd=\(p.cwd)",
                    "  executable=\(p.executable)",
                    "  clock=\(p.clock) start-wall-ns=\(p.startWallNs) origin-ns=\(p.originMonotonicNs)"]
                + p.properties.sorted(by: { $0.key < $1.key }).map { "  \($0.key)=\($0.value)" }
        case let .codes(list):
            return list.map { c in
                codes[c.id] = c
                return "code \(c.id) \(c.qualname) \(c.filename):\(c.firstLine) hash=\(Self.hex(c.hash)) " +
                    "flags=\(c.flags) args=\(c.argCount)/\(c.posOnlyArgCount)/\(c.kwOnlyArgCount) " +
                    "varnames=\(c.varnames) names=\(c.names) consts=\(c.consts.count) " +
                    "bytecode=\(c.bytecode.count)B lines=\(c.lineTable.count)B"
            }
        case let .functions(list):
            return list.map { f in
                codes[f.id] = f.codeRecord
                return "function \(f.id) \(f.kind) \(f.displayName)"
            }
        case let .threads(list):
            return list.map { t in
                "thread \(t.index) \(t.name.isEmpty ? "-" : t.name) tid=\(t.nativeId)" +
                    (t.endTime.map { " ended=\($0) (recording paused)" } ?? "")
            }
        case let .events(c):
            return ["chunk @\(offset) thread=\(c.header.thread) seq=\(c.header.sequence) events=\(c.header.eventCount) " +
                    "open=\(c.header.openFrames.count)" +
                    (c.header.droppedBefore > 0 ? " dropped-before=\(c.header.droppedBefore)" : "")]
        case let .end(e):
            return ["end time=\(e.endTime) events=\(e.eventsWritten) dropped=\(e.eventsDropped) " +
                    "unmatched-exits=\(e.unmatchedExits) stalls=\(e.stalls) peak-rss-kib=\(e.peakRSSKiB)" +
                    (e.lossReason.isEmpty ? "" : " loss=\(e.lossReason)")]
        case let .loss(list):
            return list.map { "loss thread=\($0.thread) events=\($0.events) chunks=\($0.chunks) (not in this file)" }
        case let .marks(list):
            return list.map(Self.mark)
        case let .unknown(kind):
            return ["unknown chunk kind \(kind) (skipped)"]
        }
    }

    /// One event of `thread`'s chunk, indented by its call `depth` (the
    /// frames open around it).
    package func event(_ e: TraceEvent, thread: UInt32, depth: Int) -> String {
        let name = codes[e.code].map {
            $0.filename == CFunctionRecord.fileName ? $0.qualname : "\($0.qualname) (\($0.filename):\($0.firstLine))"
        } ?? "<code \(e.code)>"
        return "\(e.time) t\(thread) \(String(repeating: " ", count: min(depth, 60)))\(e.kind.name) \(name)"
    }

    /// The lines of every event of `chunk`, each indented by its depth.
    package func events(_ chunk: EventChunk) throws(TraceError) -> [String] {
        var lines: [String] = []
        var depth = chunk.header.openFrames.count
        try chunk.forEach { e in
            if !e.kind.isEntry { depth -= 1 }
            lines.append(event(e, thread: chunk.header.thread, depth: depth))
            if e.kind.isEntry { depth += 1 }
        }
        return lines
    }

    /// A mark: its time, thread and label.
    package static func mark(_ m: Mark) -> String { "\(m.time) t\(m.thread) mark \"\(m.label)\"" }

    /// A 64-bit hash as 16 hexadecimal digits.
    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
