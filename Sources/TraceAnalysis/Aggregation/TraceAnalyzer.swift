import Dispatch
import FoundationEssentials
import Synchronization
import TraceFormat

/// Turns a trace file into a ``TraceProfile``, decoding chunks on all cores.
///
/// Workers take chunks in file order from a shared counter; each decodes with
/// its own LZ4 context into its own tables, and hands the chunk's boundary
/// summary to the thread's ``ThreadStitcher``. Because every table is a sum,
/// the result is exactly the same for any number of workers.
public enum TraceAnalyzer {
    /// Opens and analyses the trace at `path`.
    ///
    /// - Throws: ``TraceError`` when the file cannot be opened, is not a trace,
    ///   or holds a chunk of a newer format. Damage inside the file is not
    ///   thrown: it is listed in ``TraceProfile/problems``.
    public static func analyze(path: String, options: AnalysisOptions = AnalysisOptions()) throws(TraceError) -> TraceProfile {
        let file = try TraceFile(path: path)
        let scan = file.scan
        let size = file.size
        let chunks = scan.chunks
        let workerCount = max(1, min(options.workers, chunks.count))
        let stackLimit = options.collectStacks ? options.stackLimit : nil
        let counts = options.collectFunctions
        let workers = (0..<workerCount).map { _ in Worker(stackLimit: stackLimit, countsFunctions: counts) }
        let stitching = Stitching(stackLimit: stackLimit, countsFunctions: counts)
        let cursor = WorkCursor()
        let progress = options.progress

        DispatchQueue.concurrentPerform(iterations: workerCount) { w in
            let worker = workers[w]
            let codec = ChunkCodec()
            var buffer: [UInt8] = []
            while !cursor.stopped.load(ordering: .relaxed) {
                let i = cursor.next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < chunks.count else { break }
                do throws(TraceError) {
                    let chunk = try file.decodeChunk(chunks[i], buffer: &buffer, codec: codec)
                    if case let .events(events) = chunk {
                        let (summary, damage) = worker.aggregator.process(events)
                        worker.eventChunks.append((i, events.header.thread))
                        if let damage { worker.problems.append((i, .damage("\(damage)"))) }
                        stitching.submit(summary)
                    } else {
                        worker.metadata.append((i, chunk))
                    }
                } catch {
                    if case .newerVersion = error {
                        worker.fatal = error
                        cursor.stopped.store(true, ordering: .relaxed)
                        break
                    }
                    worker.problems.append((i, .damage("\(error)")))
                }
                progress?(chunks[i].length)
            }
        }
        if let fatal = workers.compactMap(\.fatal).first { throw fatal }
        var profile = assemble(path: path, size: size, scan: scan, workers: workers, stitching: stitching)
        for (i, thread) in workers.flatMap(\.eventChunks).sorted(by: { $0.0 < $1.0 }) {
            profile.eventChunks[thread, default: []].append(chunks[i])
        }
        return profile
    }

    private static func assemble(path: String, size: Int, scan: ChunkScan, workers: [Worker],
                                 stitching: Stitching) -> TraceProfile {
        var process: ProcessRecord?
        var codes: [UInt32: CodeRecord] = [:]
        var threadRecords: [UInt32: ThreadRecord] = [:]
        var end: EndRecord?
        var ignoredCodes = 0
        var losses: [UInt32: ThreadLoss] = [:]
        var marks: [Mark] = []
        let metadata = workers.flatMap(\.metadata).sorted { $0.0 < $1.0 }
        for (_, chunk) in metadata {
            switch chunk {
            case let .process(p): if process == nil { process = p }
            case let .codes(list):
                for c in list {
                    // Events never name such ids (they are counted as unknown code).
                    if c.id > ChunkAggregator.maxCodeId { ignoredCodes += 1 } else { codes[c.id] = c }
                }
            // C functions (--c-calls) are one more kind of function: file `~`.
            case let .functions(list):
                for f in list {
                    if f.id > ChunkAggregator.maxCodeId { ignoredCodes += 1 } else { codes[f.id] = f.codeRecord }
                }
            case let .threads(list): for t in list { threadRecords[t.index] = t }
            case let .end(e): end = e
            // Each loss chunk is cumulative; the last one counts.
            case let .loss(list): for l in list { losses[l.thread] = l }
            case let .marks(list): marks += list
            case .events, .unknown: break
            }
        }
        var problems: [TraceProblem] = scan.problems.map { .damage($0) }
        if ignoredCodes > 0 {
            problems.append(.codeRecordsIgnored(count: ignoredCodes, maxId: ChunkAggregator.maxCodeId))
        }
        problems += workers.flatMap(\.problems).sorted { $0.0 < $1.0 }.map(\.1)

        let stitchers = stitching.stitchers
        var threads: [ThreadProfile] = []
        for index in Set(stitchers.keys).union(threadRecords.keys).union(losses.keys).sorted() {
            let tables = merged(workers.compactMap { $0.aggregator.threads[index] }, stackLimit: stitching.stackLimit)
            var profile = ThreadProfile(
                index: index, record: threadRecords[index], functions: tables.stats, stacks: tables.tree,
                firstTime: 0, lastTime: 0, endTime: 0, events: 0, chunks: 0, missingChunks: 0,
                droppedBefore: 0, ringLoss: losses[index].flatMap { $0.events > 0 || $0.chunks > 0 ? $0 : nil })
            if let stitcher = stitchers[index] {
                // A stream that stopped early (recording paused) ends at its own time.
                stitcher.finish(endTime: threadRecords[index]?.endTime ?? end?.endTime)
                tables.merge(stitcher.tables)
                profile.firstTime = stitcher.firstTime ?? 0
                profile.lastTime = stitcher.lastTime ?? 0
                profile.endTime = max(end?.endTime ?? profile.lastTime, profile.lastTime)
                profile.events = stitcher.events
                profile.chunks = stitcher.chunks
                profile.missingChunks = stitcher.missingChunks
                profile.droppedBefore = stitcher.droppedBefore
                let dropped = min(stitcher.missingChunks, profile.ringLoss?.chunks ?? 0)
                if let loss = profile.ringLoss, loss.events > 0 {
                    problems.append(.ringDropped(thread: index, events: loss.events))
                }
                if stitcher.missingChunks > dropped {
                    problems.append(.chunksMissing(thread: index, count: stitcher.missingChunks - dropped))
                }
                if tables.tree?.overflowed == true {
                    problems.append(.stackLimitReached(thread: index, limit: stitching.stackLimit ?? 0))
                }
                if stitcher.repeatedChunks > 0 {
                    problems.append(.chunksRepeated(thread: index, count: stitcher.repeatedChunks))
                }
            }
            threads.append(profile)
        }
        let outOfRange = workers.reduce(0) { $0 + $1.aggregator.outOfRangeCodes }
        if outOfRange > 0 {
            problems.append(.codeIdsOutOfRange(events: outOfRange, maxId: ChunkAggregator.maxCodeId))
        }
        if end == nil {
            problems.append(.noEndRecord)
        }
        var profile = TraceProfile(
            path: path, size: size,
            process: process ?? ProcessRecord(pid: 0, parentPid: 0, pythonVersion: "", executable: "",
                                              argv: [], cwd: "", startWallNs: 0, originMonotonicNs: 0, clock: ""),
            codes: codes, threads: threads, end: end, problems: problems)
        profile.marks = marks.sorted { ($0.time, $0.thread) < ($1.time, $1.thread) }
        return profile
    }
}

extension TraceAnalyzer {
    /// The workers' tables of one thread summed into the one with the
    /// largest call tree: into an empty one, every node of every part was
    /// looked up again, the largest part's too (with one worker, the whole
    /// tree copied for nothing).
    fileprivate static func merged(_ parts: [ThreadAccumulator], stackLimit: Int?) -> ThreadAccumulator {
        guard let largest = parts.indices.max(by: { (parts[$0].tree?.count ?? 0) < (parts[$1].tree?.count ?? 0) }) else {
            return ThreadAccumulator(stackLimit: stackLimit)
        }
        let tables = parts[largest]
        for (i, part) in parts.enumerated() where i != largest { tables.merge(part) }
        return tables
    }
}

/// One worker's private state.
private final class Worker: @unchecked Sendable {
    let aggregator: ChunkAggregator
    var metadata: [(Int, Chunk)] = []
    /// The events chunks it decoded: index in the file's chunk list, and thread.
    var eventChunks: [(Int, UInt32)] = []
    var problems: [(Int, TraceProblem)] = []
    var fatal: TraceError?

    init(stackLimit: Int?, countsFunctions: Bool) {
        aggregator = ChunkAggregator(stackLimit: stackLimit, countsFunctions: countsFunctions)
    }
}

/// The shared index of the next chunk to decode.
private final class WorkCursor: Sendable {
    let next = Atomic<Int>(0)
    let stopped = Atomic<Bool>(false)
}

/// The stitchers of all threads, behind one lock (taken once per chunk).
private final class Stitching: @unchecked Sendable {
    let stackLimit: Int?
    private let countsFunctions: Bool
    private let lock = Mutex(())
    private(set) var stitchers: [UInt32: ThreadStitcher] = [:]

    init(stackLimit: Int?, countsFunctions: Bool) {
        self.stackLimit = stackLimit
        self.countsFunctions = countsFunctions
    }

    func submit(_ summary: ChunkSummary) {
        lock.withLock { _ in
            let stitcher: ThreadStitcher
            if let existing = stitchers[summary.thread] {
                stitcher = existing
            } else {
                stitcher = ThreadStitcher(thread: summary.thread, stackLimit: stackLimit, countsFunctions: countsFunctions)
                stitchers[summary.thread] = stitcher
            }
            stitcher.submit(summary)
        }
    }
}
