import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat

/// Writes a large trace for measuring analyzer throughput; runs only when
/// PYFRAME_BENCH_TRACE names the file to write (PYFRAME_BENCH_EVENTS sets
/// the event count, default 50 million; PYFRAME_BENCH_SHAPE=random makes
/// nearly every call a new stack, the worst case for flame graphs; the
/// default, `paths`, repeats a few thousand call paths as programs do).
/// Build with `-c release`.
///
///     PYFRAME_BENCH_TRACE=/tmp/bench.lz4 PYFRAME_BENCH_EVENTS=50000000 \
///       swift test -c release --scratch-path .build-analysis --filter writeBenchmarkTrace
///     time .build-analysis/release/pyframe report /tmp/bench.lz4
@Suite struct BenchmarkTraceTests {
    static let path = ProcessInfo.processInfo.environment["PYFRAME_BENCH_TRACE"]

    @Test(.enabled(if: path != nil)) func writeBenchmarkTrace() throws {
        let path = Self.path!
        let events = Int(ProcessInfo.processInfo.environment["PYFRAME_BENCH_EVENTS"] ?? "") ?? 50_000_000
        let random = ProcessInfo.processInfo.environment["PYFRAME_BENCH_SHAPE"] == "random"
        let written = try Self.write(to: path, events: events, threads: 2, codes: 3000, randomStacks: random)
        let profile = try TraceAnalyzer.analyze(path: path)
        #expect(profile.events == UInt64(written))
        #expect(profile.problems.isEmpty)
    }

    /// Writes `events` events over `threads` threads in recorder-sized chunks
    /// (32,768 events): a few hot functions called from moderately deep
    /// stacks, many cold ones, generators resuming. With `randomStacks` each
    /// call picks its function at random; otherwise the program walks between
    /// 2,000 fixed call paths and calls hot leaves at their ends.
    static func write(to path: String, events: Int, threads: Int, codes: UInt32,
                      randomStacks: Bool) throws -> Int {
        try? FileManager.default.removeItem(atPath: path)
        var trace = SyntheticTrace()
        trace.events = [:]
        for id in 1...codes { trace.code(id, "module\(id % 40).func\(id)", file: "/home/u/proj/pkg/mod\(id % 40).py", line: id) }
        let writer = try TraceFileWriter(path: path)
        defer { writer.close() }
        writer.append(chunk: ChunkWriter.process(trace.process))
        writer.append(chunk: ChunkWriter.codes(trace.codes))
        writer.append(chunk: ChunkWriter.threads((0..<threads).map {
            ThreadRecord(index: UInt32($0), nativeId: UInt64(1000 + $0), ident: UInt64($0), name: "t\($0)")
        }))
        var rng: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            rng ^= rng << 13
            rng ^= rng >> 7
            rng ^= rng << 17
            return rng
        }
        var paths: [[UInt32]] = []
        for _ in 0..<2000 {
            let depth = 5 + Int(next() % 36)
            paths.append((0..<depth).map { level in
                level < 3 ? UInt32(25 + level) : UInt32(30 + next() % UInt64(codes - 30))
            })
        }
        var targets = [Int](repeating: 0, count: threads)
        var matched = [Int](repeating: 0, count: threads)  // stack frames that follow the target path
        var stacks = [[UInt32]](repeating: [], count: threads)
        var times = [UInt64](repeating: 1000, count: threads)
        var sequences = [UInt64](repeating: 0, count: threads)
        let encoder = EventEncoder()
        var written = 0
        let perChunk = 1 << 15
        while written < events {
            for t in 0..<threads where written < events {
                encoder.begin(thread: UInt32(t), sequence: sequences[t], openFrames: stacks[t])
                let n = min(perChunk, events - written)
                for _ in 0..<n {
                    let r = next()
                    times[t] += 40 + (r >> 40) % 400
                    let depth = stacks[t].count
                    var push: UInt32?
                    if randomStacks {
                        if depth < 6 || (depth < 60 && (r & 0xFF) < 124) {
                            let hot = (r >> 8) & 7 != 0
                            push = hot ? UInt32(1 + (r >> 12) % 24) : UInt32(1 + (r >> 12) % UInt64(codes))
                        }
                    } else {
                        let path = paths[targets[t]]
                        if matched[t] == depth && depth < path.count {
                            push = path[depth]  // down the current path
                            matched[t] += 1
                        } else if matched[t] == depth && depth == path.count {
                            if (r & 3) != 0 {
                                push = UInt32(1 + (r >> 12) % 24)  // a hot leaf at the path's end
                            } else {
                                // On to another path: keep the prefix it shares.
                                targets[t] = Int((r >> 16) % UInt64(paths.count))
                                let next = paths[targets[t]]
                                var common = 0
                                while common < min(depth, next.count) && stacks[t][common] == next[common] { common += 1 }
                                matched[t] = common
                            }
                        }
                    }
                    if let code = push {
                        let kind: EventKind = (r >> 20) & 15 == 0 ? .resume : .call
                        encoder.append(kind, code: code, time: times[t])
                        stacks[t].append(code)
                    } else {
                        let code = stacks[t].removeLast()
                        matched[t] = min(matched[t], stacks[t].count)
                        let kind: EventKind = (r >> 24) & 15 == 0 ? .yield : .return
                        encoder.append(kind, code: code, time: times[t])
                    }
                }
                writer.append(chunk: encoder.finish())
                sequences[t] += 1
                written += n
            }
        }
        writer.append(chunk: ChunkWriter.end(EndRecord(endTime: times.max()! + 10, eventsWritten: UInt64(written))))
        return written
    }
}
