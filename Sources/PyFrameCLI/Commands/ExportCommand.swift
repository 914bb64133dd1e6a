import ArgumentParser
import FoundationEssentials
import TraceAnalysis
import TraceFormat
import TraceRender

/// `pyframe export`: traces in the formats other profilers' viewers read.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Convert traces for other viewers: Perfetto, Chrome, speedscope, folded stacks, pprof, pstats.",
        discussion: """
            perfetto is Perfetto's native protobuf trace (ui.perfetto.dev, trace_processor):
            a slice per frame on its thread's track, threads under their process's track,
            marks as instant events; names interned and times delta-encoded, so it is
            several times smaller than chrome's and the format for large traces;
            --compress deflates its packets (Perfetto's compressed_packets), smaller
            again but slower to write.
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
              pyframe export --format perfetto -o out.pftrace trace.lz4
              pyframe export --format perfetto --compress -o out.pftrace trace.lz4
              pyframe export --format chrome -o trace.json trace.lz4
              pyframe export --format speedscope -o app.speedscope.json traces/
              pyframe export --format pprof -o profile.pb.gz trace.lz4
              pyframe export --format pstats -o out.prof trace.lz4 && python3 -m pstats out.prof
              pyframe export --format chrome --window start..done -o window.json trace.lz4
            """)

    enum Format: String, CaseIterable, ExpressibleByArgument { case perfetto, chrome, speedscope, folded, pprof, pstats }

    @Option(help: "Output format: perfetto, chrome, speedscope, folded, pprof or pstats.")
    var format: Format

    @Flag(help: "perfetto: deflate the packets (smaller, slower to write).")
    var compress = false

    @OptionGroup var input: TraceArguments
    var traces: [String] { input.traces }

    @OptionGroup var span: WindowArguments

    @OptionGroup var destination: OutputArguments
    var output: String? { destination.output }
    var jobs: Int? { destination.jobs }


    func run() throws {
        if compress && format != .perfetto {
            throw CLIError("--compress applies to --format perfetto only")
        }
        if [.perfetto, .pprof, .pstats].contains(format) && output == nil && Terminal.isTerminal(1) {
            throw CLIError("\(format.rawValue) output is binary: give -o FILE or redirect stdout")
        }
        let stacks = format == .folded || format == .pprof || format == .pstats
        let paths = try TraceLoader.paths(traces)
        let target = try destination.target(reading: paths)
        let profiles = TraceLoader.inStartOrder(try TraceLoader.load(paths, stacks: stacks, jobs: jobs, window: span.window))
        switch format {
        case .perfetto:
            try target.stream(bytes: { sink in
                try PerfettoExporter.write(profiles, compress: compress, to: sink)
            })
        case .chrome:
            var failure: TraceError?
            try target.stream(bytes: { sink in
                do throws(TraceError) { try ChromeTraceExporter.write(profiles, bytes: sink) } catch { failure = error }
            })
            if let failure { throw failure }
        case .speedscope:
            try streamJSON(target) { emit in try SpeedscopeExporter.write(profiles, to: emit) }
        case .folded:
            let graph = FlameBuilder.build(profiles)
            try target.stream(bytes: { sink in FoldedStacksRenderer.write(graph, to: sink) })
        case .pprof:
            try target.write(bytes: try PprofExporter.export(profiles))
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
            do { try withoutActuallyEscaping(emit) { try produce($0) } } catch { failure = "\(error)" }
        }
        if let failure { throw CLIError(failure) }
    }
}
