import TraceAnalysis

/// Writes traces as a pprof profile (github.com/google/pprof/proto/profile.proto),
/// gzip-compressed, for `go tool pprof`, pprof's web UI, and the many
/// viewers that read pprof (Grafana Pyroscope, speedscope, Perfetto).
///
/// pprof is a sampling format; a pyframe trace is exact, so each distinct
/// call stack becomes one sample whose values are its exact self time
/// (`wall`/`nanoseconds`) and the calls that created it (`calls`/`count`).
/// Stacks are merged by function over threads and traces, as in
/// `pyframe flame`; every function is one location with one line.
package enum PprofExporter {
    /// The gzip'd profile of `profiles`, which must have been analysed with
    /// ``AnalysisOptions/collectStacks``.
    package static func export(_ profiles: [TraceProfile]) throws(GzipError) -> [UInt8] {
        try GzipWriter.compress(encode(profiles))
    }

    /// The profile of `profiles` as an uncompressed `Profile` message.
    package static func encode(_ profiles: [TraceProfile]) -> [UInt8] {
        let catalog = FunctionCatalog(profiles: profiles)
        let other = catalog.functions.count  // the function of "[other stacks]" nodes
        var samples: [[Int]: (selfNs: UInt64, calls: UInt64)] = [:]
        for (p, profile) in profiles.enumerated() {
            for thread in profile.threads {
                guard let tree = thread.stacks, tree.count > 1 else { continue }
                for node in 1..<Int32(tree.count) {
                    let selfNs = tree.selfNs(of: node), calls = tree.calls(of: node)
                    guard selfNs > 0 || calls > 0 else { continue }
                    let leafFirst = tree.stack(of: node).reversed().map { code in
                        code == CallTree.otherStacks ? other : catalog.function(trace: p, code: code)
                    }
                    samples[leafFirst, default: (0, 0)].selfNs += selfNs
                    samples[leafFirst, default: (0, 0)].calls += calls
                }
            }
        }

        var strings = StringTable()
        var message = ProtobufWriter()
        for (type, unit) in [("wall", "nanoseconds"), ("calls", "count")] {
            let t = strings[type], u = strings[unit]
            message.message(1) { $0.int64(1, t); $0.int64(2, u) }
        }
        var used = Set<Int>()
        // Sorted for a stable file: the same traces give the same bytes.
        for (stack, value) in samples.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            used.formUnion(stack)
            message.message(2) {
                $0.packed(1, stack.map { UInt64($0 + 1) })
                $0.packed(2, [Int64(clamping: value.selfNs), Int64(clamping: value.calls)])
            }
        }
        for function in used.sorted() {
            message.message(4) {
                $0.uint64(1, UInt64(function + 1))
                $0.message(4) { $0.uint64(1, UInt64(function + 1)); $0.int64(2, line(catalog, function)) }
            }
        }
        for function in used.sorted() {
            let names = self.names(catalog, function)
            let name = strings[names.name], system = strings[names.system], file = strings[names.file]
            message.message(5) {
                $0.uint64(1, UInt64(function + 1))
                $0.int64(2, name)
                $0.int64(3, system)
                $0.int64(4, file)
                $0.int64(5, line(catalog, function))
            }
        }
        let start = profiles.map(\.process.startWallNs).min() ?? 0
        let end = profiles.map { $0.process.startWallNs + $0.durationNs }.max() ?? start
        let wall = strings["wall"]
        for s in strings.ordered { message.string(6, s) }
        message.int64(9, Int64(clamping: start))
        message.int64(10, Int64(clamping: end - start))
        message.int64(14, wall)
        return message.bytes
    }

    /// Name (qualname, with `[vN]` when versioned), system name (the full
    /// `qualname (file:line)` as other pyframe outputs show it) and file of
    /// `function`.
    private static func names(_ catalog: FunctionCatalog, _ function: Int) -> (name: String, system: String, file: String) {
        guard function < catalog.functions.count else {
            return (FlameGraph.otherStacksName, FlameGraph.otherStacksName, "")
        }
        let f = catalog.functions[function]
        let name = f.version > 0 ? "\(f.identity.qualname) [v\(f.version)]" : f.identity.qualname
        return (name, f.name, f.identity.file)
    }

    private static func line(_ catalog: FunctionCatalog, _ function: Int) -> Int64 {
        function < catalog.functions.count ? Int64(catalog.functions[function].identity.line) : 0
    }
}

/// pprof's string table: every string once, "" at index 0 as the format requires.
private struct StringTable {
    private(set) var ordered: [String] = [""]
    private var index: [String: Int64] = ["": 0]

    /// The index of `text`, added on first use.
    subscript(text: String) -> Int64 {
        mutating get {
            if let i = index[text] { return i }
            let i = Int64(ordered.count)
            ordered.append(text)
            index[text] = i
            return i
        }
    }
}
