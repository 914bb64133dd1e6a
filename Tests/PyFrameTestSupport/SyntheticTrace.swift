import Foundation
import TraceFormat

/// Writes trace files with exactly known events, through the real encoder
/// and writer, so that the decoder and the analyzers can be checked against
/// hand-computed values: the one trace builder of the tests.
///
/// Events are given per thread (``events``, cut into chunks of
/// ``chunkSize``), or chunk by chunk (``chunks``, for tests of the chunk
/// encoding itself).
public struct SyntheticTrace {
    public var process = ProcessRecord(
        pid: 4242, parentPid: 1, pythonVersion: "3.11.7 (main) [GCC]", executable: "/usr/bin/python3",
        argv: ["python3", "app.py"], cwd: "/home/u/proj", startWallNs: 1_700_000_000_000_000_000,
        originMonotonicNs: 1000, clock: "test")
    public var codes: [CodeRecord] = []
    public var threads: [ThreadRecord] = []
    /// Events per thread index, in order.
    public var events: [UInt32: [TraceEvent]] = [:]
    /// Events per chunk.
    public var chunkSize = 1 << 15
    /// Nil leaves the trace without an end record.
    public var end: EndRecord? = EndRecord(endTime: 0, eventsWritten: 0)
    /// Chunks (by thread and sequence) to leave out, as if lost.
    public var omit: Set<[UInt64]> = []
    /// droppedBefore to write into given chunks.
    public var dropped: [[UInt64]: UInt64] = [:]
    /// A loss chunk to write after the metadata (flight-recorder mode).
    public var losses: [ThreadLoss] = []
    /// Marks to write after the metadata (`pyframe.mark`).
    public var marks: [Mark] = []

    /// Chunks written exactly as given (thread, events, the frames open at
    /// its start), in this order; when set, ``events`` is not used.
    public var chunks: [(thread: UInt32, events: [TraceEvent], open: [UInt32])] = []

    public init() {}

    /// A trace with one record of every metadata kind filled in (properties,
    /// varnames, constants, bytecode and line table) and no events.
    public static var everyRecord: SyntheticTrace {
        var trace = SyntheticTrace()
        trace.process = ProcessRecord(pid: 42, parentPid: 1, pythonVersion: "3.11.7 (test)",
                                      executable: "/usr/bin/python3", argv: ["python3", "t.py"], cwd: "/tmp",
                                      startWallNs: 1_700_000_000_000_000_000, originMonotonicNs: 5_000,
                                      clock: "test clock", properties: ["k": "v"])
        trace.codes = [
            CodeRecord(id: 1, hash: 0xABCDEF, filename: "/tmp/t.py", qualname: "main", name: "main", firstLine: 1),
            CodeRecord(id: 2, hash: 0x123456, filename: "/tmp/t.py", qualname: "fib", name: "fib", firstLine: 5,
                       varnames: ["n"], consts: ["None", "2"], bytecode: [151, 0, 124, 0], lineTable: [1, 2, 3]),
        ]
        trace.threads = [ThreadRecord(index: 0, nativeId: 100, ident: 200, name: "MainThread")]
        trace.end = EndRecord(endTime: 10_000, eventsWritten: 0)
        return trace
    }

    /// Adds a code record for a function of `file` (relative to the cwd).
    @discardableResult
    public mutating func code(_ id: UInt32, _ qualname: String, file: String = "/home/u/proj/app.py", line: UInt32 = 1,
                       hash: UInt64? = nil) -> UInt32 {
        codes.append(CodeRecord(id: id, hash: hash ?? UInt64(id) &* 0x9E37_79B9, filename: file,
                                qualname: qualname, name: String(qualname.split(separator: ".").last ?? ""),
                                firstLine: line, bytecode: [151, 0, 100, 0, 83, 0]))
        return id
    }

    /// Writes the trace to `path` (replacing it) and returns the path.
    @discardableResult
    public func write(to path: String = temporaryPath("trace.lz4")) throws -> String {
        try? FileManager.default.removeItem(atPath: path)
        let writer = try TraceFileWriter(path: path)
        defer { writer.close() }
        writer.append(chunk: ChunkWriter.process(process))
        if !codes.isEmpty { writer.append(chunk: ChunkWriter.codes(codes)) }
        if !threads.isEmpty { writer.append(chunk: ChunkWriter.threads(threads)) }
        if !losses.isEmpty { writer.append(chunk: ChunkWriter.loss(losses)) }
        if !marks.isEmpty { writer.append(chunk: ChunkWriter.marks(marks)) }

        // Cut each thread into chunks, then interleave the threads round-robin.
        var perThread: [[[UInt8]]] = []
        var total: UInt64 = 0
        var lastTime: UInt64 = 0
        if !chunks.isEmpty {
            let encoder = EventEncoder()
            var sequences: [UInt32: UInt64] = [:]
            for chunk in chunks {
                let sequence = sequences[chunk.thread, default: 0]
                sequences[chunk.thread] = sequence + 1
                encoder.begin(thread: chunk.thread, sequence: sequence, openFrames: chunk.open)
                for e in chunk.events { encoder.append(e.kind, code: e.code, time: e.time) }
                perThread.append([encoder.finish()])
            }
        }
        for thread in events.keys.sorted() where chunks.isEmpty {
            let list = events[thread]!
            var chunks: [[UInt8]] = []
            var stack: [UInt32] = []
            let encoder = EventEncoder()
            var sequence: UInt64 = 0
            var i = 0
            while i < list.count {
                let slice = list[i..<min(i + chunkSize, list.count)]
                encoder.begin(thread: thread, sequence: sequence,
                              droppedBefore: dropped[[UInt64(thread), sequence]] ?? 0, openFrames: stack)
                for e in slice {
                    encoder.append(e.kind, code: e.code, time: e.time)
                    if e.kind.isEntry { stack.append(e.code) } else { stack.removeLast() }
                    lastTime = max(lastTime, e.time)
                }
                if !omit.contains([UInt64(thread), sequence]) {
                    chunks.append(encoder.finish())
                    total += UInt64(slice.count)
                }
                sequence += 1
                i += chunkSize
            }
            perThread.append(chunks)
        }
        var round = 0
        while perThread.contains(where: { round < $0.count }) {
            for chunks in perThread where round < chunks.count { writer.append(chunk: chunks[round]) }
            round += 1
        }
        if var end {
            if end.endTime == 0 { end.endTime = lastTime }
            if end.eventsWritten == 0 { end.eventsWritten = total }
            writer.append(chunk: ChunkWriter.end(end))
        }
        return path
    }
}

/// Shorthand for one event.
public func ev(_ kind: EventKind, _ code: UInt32, _ time: UInt64) -> TraceEvent {
    TraceEvent(kind: kind, code: code, time: time)
}

/// The directory of this test process's files, removed when it exits.
public let testDirectory: String = {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("pyframe-analysis-tests-\(getpid())", isDirectory: true).path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: testDirectory) }
    return dir
}()

/// A fresh path in the test process's temporary directory.
public func temporaryPath(_ name: String) -> String {
    testDirectory + "/\(UUID().uuidString)-\(name)"
}

/// All chunks of a trace file, decoded.
public func readChunks(_ path: String) throws -> [Chunk] {
    var out: [Chunk] = []
    try TraceFile(path: path).forEachChunk { _, chunk in out.append(chunk) }
    return out
}
