import ArgumentParser
import FoundationEssentials
import TraceAnalysis
import TraceFormat
import TraceRender

/// `pyframe export`: traces in the formats other profilers' viewers read.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Convert traces for other viewers: Chrome/Perfetto, speedscope, folded stacks, pprof, pstats.",
        discussion: """
            chrome is Chrome Trace Event JSON (ui.perfetto.dev, chrome://tracing): one
            complete event per frame on its thread's track, marks as instant events.
            speedscope is speedscope.app's format, one time-ordered profile per thread.
            folded is what `pyframe flame --format folded` prints. pprof is a gzip'd
            pprof profile (go tool pprof) with self time and calls per call stack.
            pstats is the file cProfile writes (python -m pstats, snakeviz, gprof2dot,
            tuna): calls, primitive calls, tottime, cumtime and callers per function,
            a generator's resumes counted as calls as cProfile counts them.
            Several traces (or a directory) go into one file.
            Examples:
              pyframe export --format chrome -o trace.json trace.lz4
              pyframe export --format speedscope -o app.speedscope.json traces/
              pyframe export --format pprof -o profile.pb.gz trace.lz4
              pyframe export --format pstats -o out.prof trace.lz4 && python3 -m pstats out.prof
            """)

    enum Format: String, CaseIterable, ExpressibleByArgument { case chrome, speedscope, folded, pprof, pstats }

    @Option(help: "Output format: chrome, speedscope, folded, pprof or pstats.")
    var format: Format

    @OptionGroup var input: TraceArguments
    var traces: [String] { input.traces }

    @OptionGroup var destination: OutputArguments
    var output: String? { destination.output }
    var jobs: Int? { destination.jobs }


    func run() throws {
        if (format == .pprof || format == .pstats) && output == nil && Terminal.isTerminal(1) {
            throw fail("\(format.rawValue) output is binary: give -o FILE or redirect stdout")
        }
        let stacks = format == .folded || format == .pprof || format == .pstats
        let paths = try TraceLoader.paths(traces)
        let target = try destination.target(reading: paths)
        let profiles = TraceLoader.inStartOrder(try TraceLoader.load(paths, stacks: stacks, jobs: jobs))
        switch format {
        case .chrome:
            try streamJSON(target) { emit in try ChromeTraceExporter.write(profiles, to: emit) }
        case .speedscope:
            try streamJSON(target) { emit in try SpeedscopeExporter.write(profiles, to: emit) }
        case .folded:
            let graph = FlameBuilder.build(profiles)
            try target.stream { emit in FoldedStacksRenderer.write(graph, to: emit) }
        case .pprof:
            let bytes: [UInt8]
            do { bytes = try PprofExporter.export(profiles) } catch { throw fail(error.description) }
            try target.write(bytes: bytes)
        case .pstats:
            try target.write(bytes: PstatsExporter.export(profiles))
        }
        TraceLoader.warnLosses(profiles)
        if let output { warn("wrote \(output)") }
    }

    /// Streams an exporter's lines to `target`, turning a trace that can no
    /// longer be read into one error line.
    private func streamJSON(_ target: OutputTarget,
                            _ produce: ((String) -> Void) throws -> Void) throws {
        var failure: String?
        try target.stream { emit in
            do { try withoutActuallyEscaping(emit) { try produce($0) } } catch { failure = (error as? TraceError)?.description ?? "\(error)" }
        }
        if let failure { throw fail(failure) }
    }
}
