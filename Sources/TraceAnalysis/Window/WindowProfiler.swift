/// Measures functions inside windows of one trace's time, all threads
/// together, with the spread of single activations: what `pyframe diff
/// --split-at`, `--before-window` and `--versions` compare.
package enum WindowProfiler {
    /// Measures `windows` of the trace at `path`.
    package static func profile(path: String, windows: [TimeWindow]) throws -> WindowedStats {
        let (tables, end) = try WindowPass.run(path: path, windows: windows, stacks: false)
        return WindowedStats(
            functions: tables.map { t in
                let merged = StatsTable()
                for acc in t.threads.values { merged.merge(acc.stats) }
                return Dictionary(uniqueKeysWithValues: merged.nonEmpty().map { ($0.code, $0.stats) })
            },
            activations: tables.map { t in
                Dictionary(uniqueKeysWithValues: t.moments.enumerated().filter { $0.element.count > 0 }.map { (UInt32($0.offset), $0.element) })
            },
            pythonNs: tables.map(\.pythonNs),
            durations: windows.map { $0.overlap(0, end) })
    }
}
