/// The one decoder of chunk bytes, used by `pyframe dump` and every analyzer.
///
/// It checks the prefix, the version and every length it reads; unknown chunk
/// kinds are returned as ``Chunk/unknown(kind:)`` so that a newer recorder's
/// extra chunks do not stop an older reader.
public enum ChunkReader {
    /// Hard bound on the open frames an events chunk may list, far above any
    /// recursion limit CPython can reach, so a damaged header cannot demand
    /// a huge allocation.
    package static let maxOpenFrames = 10_000_000

    /// Decodes the decompressed bytes of one chunk.
    ///
    /// - Parameter fileOffset: where the chunk's frame starts in the file.
    public static func decode(_ bytes: [UInt8], fileOffset: Int) throws(TraceError) -> Chunk {
        try withBytes(bytes) { (raw: UnsafeRawBufferPointer) throws(TraceError) -> Chunk in
            var r = ByteReader(raw, fileOffset: fileOffset)
            guard raw.count >= 6, Array(raw[0..<4]) == chunkMagic else {
                throw TraceError.damaged(offset: fileOffset, detail: "chunk does not start with PYFR")
            }
            r.position = 4
            let version = try r.byte()
            guard version <= TraceFormatVersion.current, version > 0 else {
                throw TraceError.newerVersion(found: Int(version), supported: Int(TraceFormatVersion.current))
            }
            let kindByte = try r.byte()
            guard let kind = ChunkKind(rawValue: kindByte) else { return .unknown(kind: kindByte) }
            switch kind {
            case .process:
                var p = try r.record()
                return .process(try process(&p))
            case .codes:
                let n = try r.count(max: r.remaining, "code record count")
                var codes: [CodeRecord] = []
                codes.reserveCapacity(n)
                for _ in 0..<n {
                    var c = try r.record()
                    codes.append(try code(&c))
                }
                return .codes(codes)
            case .threads:
                let n = try r.count(max: r.remaining, "thread record count")
                var threads: [ThreadRecord] = []
                for _ in 0..<n {
                    var t = try r.record()
                    var thread = ThreadRecord(index: try t.varint32("thread index"), nativeId: try t.varint(),
                                              ident: try t.varint(), name: try t.string())
                    // Fields added after version 1's first release are optional.
                    if !t.isAtEnd { thread.endTime = try t.varint() }
                    threads.append(thread)
                }
                return .threads(threads)
            case .events:
                let thread = try r.varint32("thread index")
                let sequence = try r.varint()
                let baseTime = try r.varint()
                // Every event takes at least one byte.
                let count = try r.count(max: min(r.remaining, Int(UInt32.max)), "event count")
                let dropped = try r.varint()
                let depth = try r.count(max: min(r.remaining, maxOpenFrames), "open frame count")
                var open: [UInt32] = []
                open.reserveCapacity(depth)
                for _ in 0..<depth { open.append(try r.varint32("code id")) }
                let header = EventChunkHeader(thread: thread, sequence: sequence, baseTime: baseTime,
                                              eventCount: UInt32(count), droppedBefore: dropped,
                                              openFrames: open)
                return .events(EventChunk(header: header, bytes: bytes, eventsStart: r.position,
                                          fileOffset: fileOffset))
            case .loss:
                let n = try r.count(max: r.remaining, "loss record count")
                var losses: [ThreadLoss] = []
                for _ in 0..<n {
                    var l = try r.record()
                    losses.append(ThreadLoss(thread: try l.varint32("thread index"), events: try l.varint(),
                                             chunks: try l.varint()))
                }
                return .loss(losses)
            case .marks:
                let n = try r.count(max: r.remaining, "mark count")
                var marks: [Mark] = []
                for _ in 0..<n {
                    var m = try r.record()
                    marks.append(Mark(thread: try m.varint32("thread index"), time: try m.varint(),
                                      label: try m.string()))
                }
                return .marks(marks)
            case .functions:
                let n = try r.count(max: r.remaining, "C function record count")
                var functions: [CFunctionRecord] = []
                for _ in 0..<n {
                    var f = try r.record()
                    let id = try f.varint32("C function id")
                    guard id != 0 else { throw f.damage("C function id 0") }
                    // A kind this reader does not know is named as a function.
                    let kind = CFunctionRecord.Kind(rawValue: UInt8(truncatingIfNeeded: try f.varint())) ?? .function
                    functions.append(CFunctionRecord(id: id, kind: kind, qualifier: try f.string(), name: try f.string()))
                }
                return .functions(functions)
            case .end:
                var e = try r.record()
                var end = EndRecord(endTime: try e.varint(), eventsWritten: try e.varint(),
                                    eventsDropped: try e.varint(), unmatchedExits: try e.varint(),
                                    lossReason: try e.string())
                // Fields added after version 1's first release are optional.
                if !e.isAtEnd { end.stalls = try e.varint() }
                if !e.isAtEnd { end.peakRSSKiB = try e.varint() }
                return .end(end)
            }
        }
    }

    private static func process(_ r: inout ByteReader) throws(TraceError) -> ProcessRecord {
        var p = ProcessRecord(pid: try r.varint(), parentPid: try r.varint(),
                              pythonVersion: try r.string(), executable: try r.string(),
                              argv: try r.strings(), cwd: try r.string(),
                              startWallNs: try r.varint(), originMonotonicNs: try r.varint(),
                              clock: try r.string())
        let n = try r.count(max: r.remaining, "property count")
        for _ in 0..<n {
            let key = try r.string()
            p.properties[key] = try r.string()
        }
        return p
    }

    private static func code(_ r: inout ByteReader) throws(TraceError) -> CodeRecord {
        let id = try r.varint32("code id")
        guard id != 0 else { throw r.damage("code id 0") }
        var code = CodeRecord(
            id: id, hash: try r.fixed64(), filename: try r.string(), qualname: try r.string(),
            name: try r.string(), firstLine: try r.varint32("first line"),
            flags: try r.varint32("flags"), argCount: try r.varint32("argcount"),
            posOnlyArgCount: try r.varint32("posonlyargcount"),
            kwOnlyArgCount: try r.varint32("kwonlyargcount"),
            varnames: try r.strings(), cellvars: try r.strings(), freevars: try r.strings(),
            names: try r.strings(), consts: try r.strings(), bytecode: try r.blob(),
            lineTable: try r.blob())
        // Fields added after version 1's first release are optional.
        if !r.isAtEnd { code.exceptionTable = try r.blob() }
        return code
    }
}
