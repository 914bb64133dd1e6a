import PyBytecode
import TraceAnalysis

/// What the HTML diff page's script draws, embedded as JSON: every
/// function's before and after means, and the differential flame graph.
struct HTMLDiffData: Encodable {
    /// One function of the diff.
    struct Row: Encodable {
        var name: String
        var path: String
        /// `both`, `appeared` or `vanished`.
        var presence: String
        /// The bytecode differs between the sides.
        var patched: Bool
        /// Same code, other line or file.
        var moved: Bool
        /// Paired among namesakes of one file: a guess.
        var guess: Bool
        var callsBefore: Double
        var callsAfter: Double
        var selfBefore: Double
        var selfAfter: Double
        var totalBefore: Double
        var totalAfter: Double
        /// Mean total after minus before, ns.
        var change: Double
        /// Change relative to before; nil for a function that appeared.
        var relative: Double?
        /// Welch's p-value; nil with one run a side.
        var p: Double?
        /// The p-value corrected for the number of functions tested.
        var q: Double?
        /// The corrected test says the time changed.
        var changed: Bool
    }

    /// A patched function's code before and after, disassembled side by side.
    struct Patch: Encodable {
        var name: String
        var before: String
        var after: String
        var lines: [String]
    }

    var title: String
    var rows: [Row]
    var flame: FlameChartData
    /// Frame name → `patched`, `moved`, `appeared` … for the flame graph's tooltips.
    var frameFlags: [String: String]
    /// Every patched function's side-by-side bytecode.
    var patches: [Patch]
    /// What the tests compare and how they are corrected; nil without tests.
    var method: String?

    /// The page data for `diff` and its differential graph.
    init(title: String, diff: ProfileDiff, graph: DiffFlameGraph) {
        self.title = title
        rows = diff.rows.map { r in
            Row(name: r.displayName, path: r.identity.file, presence: r.presence.rawValue, patched: r.patched,
                moved: r.moved, guess: r.isGuess,
                callsBefore: r.before.calls.mean, callsAfter: r.after.calls.mean,
                selfBefore: r.before.selfNs.mean, selfAfter: r.after.selfNs.mean,
                totalBefore: r.before.totalNs.mean, totalAfter: r.after.totalNs.mean,
                change: r.totalChange, relative: r.relativeTotalChange, p: r.significance?.p,
                q: r.adjustedP, changed: r.changed)
        }
        flame = FlameChartData(graph)
        frameFlags = DiffFrameFlags.of(diff)
        patches = diff.rows.filter(\.patched).map { r in
            guard let b = r.beforeCode, let a = r.afterCode else {
                return Patch(name: r.displayName, before: "", after: "", lines: ["(the code records are missing from the traces)"])
            }
            let lines = BytecodeDiff.sideBySide(b, a, width: 150,
                                                beforePython: diff.beforeHeader.processes.first?.process.pythonVersion,
                                                afterPython: diff.afterHeader.processes.first?.process.pythonVersion)
            return Patch(name: r.displayName, before: DisplayFormat.hash(b.hash), after: DisplayFormat.hash(a.hash),
                         lines: lines.isEmpty ? ["(no disassembly available in this build of pyframe)"] : lines)
        }
        method = SignificanceText.method(diff)
    }
}
