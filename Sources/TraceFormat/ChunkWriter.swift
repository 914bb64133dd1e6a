/// Builds the uncompressed bytes of the metadata chunks.
///
/// The layout of every field is in Traces/FORMAT.md; ``ChunkReader`` is the
/// one decoder of what is written here.
public enum ChunkWriter {
    /// A writer holding the chunk prefix: magic, version, kind.
    package static func start(_ kind: ChunkKind, capacity: Int = 256) -> ByteWriter {
        var out = ByteWriter(capacity: capacity)
        out.raw(chunkMagic)
        out.byte(TraceFormatVersion.current)
        out.byte(kind.rawValue)
        return out
    }

    /// The process chunk, first in every trace.
    public static func process(_ p: ProcessRecord) -> [UInt8] {
        var out = start(.process, capacity: 512)
        out.record { r in
            r.varint(p.pid)
            r.varint(p.parentPid)
            r.string(p.pythonVersion)
            r.string(p.executable)
            r.strings(p.argv)
            r.string(p.cwd)
            r.varint(p.startWallNs)
            r.varint(p.originMonotonicNs)
            r.string(p.clock)
            let keys = p.properties.keys.sorted()
            r.varint(keys.count)
            for key in keys {
                r.string(key)
                r.string(p.properties[key] ?? "")
            }
        }
        return out.bytes
    }

    /// A chunk of code records.
    public static func codes(_ codes: [CodeRecord]) -> [UInt8] {
        var batch = CodeRecordBatch()
        for c in codes { batch.append(c) }
        return self.codes(batch)
    }

    /// A chunk of code records already encoded (the recorder's queue).
    package static func codes(_ batch: CodeRecordBatch) -> [UInt8] {
        var out = start(.codes, capacity: batch.writer.count + 16)
        out.varint(batch.count)
        out.raw(batch.writer.bytes)
        return out.bytes
    }

    /// A chunk of C function records.
    public static func functions(_ functions: [CFunctionRecord]) -> [UInt8] {
        var out = start(.functions, capacity: 64 * max(1, functions.count))
        out.varint(functions.count)
        for f in functions {
            out.record { r in
                r.varint(UInt64(f.id))
                r.varint(UInt64(f.kind.rawValue))
                r.string(f.qualifier)
                r.string(f.name)
            }
        }
        return out.bytes
    }

    /// A chunk of thread records.
    public static func threads(_ threads: [ThreadRecord]) -> [UInt8] {
        var out = start(.threads)
        out.varint(threads.count)
        for t in threads {
            out.record { r in
                r.varint(UInt64(t.index))
                r.varint(t.nativeId)
                r.varint(t.ident)
                r.string(t.name)
                if let end = t.endTime { r.varint(end) }
            }
        }
        return out.bytes
    }

    /// The end chunk, written last when recording stops cleanly.
    public static func end(_ e: EndRecord) -> [UInt8] {
        var out = start(.end)
        out.record { r in
            r.varint(e.endTime)
            r.varint(e.eventsWritten)
            r.varint(e.eventsDropped)
            r.varint(e.unmatchedExits)
            r.string(e.lossReason)
            r.varint(e.stalls)
            r.varint(e.peakRSSKiB)
        }
        return out.bytes
    }

    /// A loss chunk: what ring mode dropped so far, per thread (cumulative).
    public static func loss(_ losses: [ThreadLoss]) -> [UInt8] {
        var out = start(.loss)
        out.varint(losses.count)
        for l in losses {
            out.record { r in
                r.varint(UInt64(l.thread))
                r.varint(l.events)
                r.varint(l.chunks)
            }
        }
        return out.bytes
    }

    /// A marks chunk: named instants, each with its thread and time.
    public static func marks(_ marks: [Mark]) -> [UInt8] {
        var out = start(.marks)
        out.varint(marks.count)
        for m in marks {
            out.record { r in
                r.varint(UInt64(m.thread))
                r.varint(m.time)
                r.string(m.label)
            }
        }
        return out.bytes
    }
}
