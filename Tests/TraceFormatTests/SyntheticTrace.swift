import Foundation
import TraceFormat

/// Builds small trace files with the format's own encoder, for tests.
struct SyntheticTrace {
    var process = ProcessRecord(pid: 42, parentPid: 1, pythonVersion: "3.11.7 (test)",
                                executable: "/usr/bin/python3", argv: ["python3", "t.py"], cwd: "/tmp",
                                startWallNs: 1_700_000_000_000_000_000, originMonotonicNs: 5_000,
                                clock: "test clock", properties: ["k": "v"])
    var codes: [CodeRecord] = [
        CodeRecord(id: 1, hash: 0xABCDEF, filename: "/tmp/t.py", qualname: "main", name: "main", firstLine: 1),
        CodeRecord(id: 2, hash: 0x123456, filename: "/tmp/t.py", qualname: "fib", name: "fib", firstLine: 5,
                   varnames: ["n"], consts: ["None", "2"], bytecode: [151, 0, 124, 0], lineTable: [1, 2, 3]),
    ]
    var threads = [ThreadRecord(index: 0, nativeId: 100, ident: 200, name: "MainThread")]
    /// Events per thread, each chunk a list.
    var chunks: [(thread: UInt32, events: [TraceEvent], open: [UInt32])] = []
    var end: EndRecord? = EndRecord(endTime: 10_000, eventsWritten: 0)

    /// A unique temporary path.
    static func temporaryPath(_ name: String = "t") -> String {
        NSTemporaryDirectory() + "pyframe-test-\(name)-\(UUID().uuidString).lz4"
    }

    /// Writes the trace and returns its path.
    func write(to path: String = SyntheticTrace.temporaryPath()) throws -> String {
        let file = try TraceFileWriter(path: path)
        file.append(chunk: ChunkWriter.process(process))
        file.append(chunk: ChunkWriter.codes(codes))
        file.append(chunk: ChunkWriter.threads(threads))
        var sequences: [UInt32: UInt64] = [:]
        let encoder = EventEncoder()
        for chunk in chunks {
            let seq = sequences[chunk.thread, default: 0]
            sequences[chunk.thread] = seq + 1
            encoder.begin(thread: chunk.thread, sequence: seq, openFrames: chunk.open)
            for e in chunk.events { encoder.append(e.kind, code: e.code, time: e.time) }
            file.append(chunk: encoder.finish())
        }
        if let end { file.append(chunk: ChunkWriter.end(end)) }
        file.close()
        return path
    }
}

/// All chunks of a trace file, decoded.
func readChunks(_ path: String) throws -> [Chunk] {
    var out: [Chunk] = []
    try TraceFile(path: path).forEachChunk { _, chunk in out.append(chunk) }
    return out
}
