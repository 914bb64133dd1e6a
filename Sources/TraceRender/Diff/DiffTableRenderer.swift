import PyBytecode
import TraceAnalysis

/// `pyframe diff` as text: the overall change, then each function's.
package enum DiffTableRenderer {
    /// The report's lines; `limit` cuts the function table (nil for all).
    /// With `showBytecode`, each patched function's bytecode before and after
    /// follows, side by side in `width` columns.
    package static func render(_ diff: ProfileDiff, limit: Int?, showBytecode: Bool = false,
                              width: Int = 120) -> [String] {
        var out = header(diff)
        out.append("")
        let rows = limit.map { Array(diff.rows.prefix($0)) } ?? diff.rows
        if rows.isEmpty {
            out.append(diff.kind == .versions ? "  (no function was patched during the run)" : "  (no functions ran on either side)")
        } else {
            out += table(rows, diff: diff)
            if rows.count < diff.rows.count {
                out.append("  … \(diff.rows.count - rows.count) more functions (--limit 0 shows all)")
            }
        }
        out.append("")
        if let method = SignificanceText.method(diff) { out.append("tests: " + method) }
        let patched = diff.rows.filter(\.patched)
        if !patched.isEmpty {
            out.append("patched: \(patched.count) function(s) run with different code after the change: "
                       + patched.map(\.displayName).joined(separator: ", "))
        }
        let recompiled = diff.rows.filter(\.recompiled)
        if !recompiled.isEmpty {
            let versions = [diff.beforeHeader, diff.afterHeader].map { $0.processes.first?.pythonVersion ?? "?" }
            out.append("recompiled: \(recompiled.count) function(s) whose bytecode differs only because CPython "
                       + "\(versions[0]) and \(versions[1]) compile the same source differently (not patched)")
        }
        let moved = diff.rows.filter(\.moved)
        if !moved.isEmpty {
            out.append("moved: \(moved.count) function(s) with the same code in another place (not patched)")
        }
        let guesses = diff.rows.filter(\.isGuess)
        if !guesses.isEmpty {
            out.append("guess: \(guesses.count) pairing(s) chosen among functions of the same name in one file (by code, order and nearest line): "
                       + guesses.map(\.displayName).joined(separator: ", "))
        }
        if showBytecode {
            for row in patched {
                out.append("")
                out.append("── bytecode of \(row.displayName)")
                guard let before = row.beforeCode, let after = row.afterCode else {
                    out.append("  (the code records are missing from the traces)")
                    continue
                }
                out.append("   before \(DisplayFormat.hash(before.hash)) → after \(DisplayFormat.hash(after.hash))")
                let lines = BytecodeDiff.sideBySide(before, after, width: width,
                                                    beforePython: diff.beforeHeader.processes.first?.process.pythonVersion,
                                                    afterPython: diff.afterHeader.processes.first?.process.pythonVersion)
                out += lines.isEmpty ? ["  (no disassembly available in this build of pyframe)"] : lines
            }
        }
        if out.last == "" { out.removeLast() }
        return out
    }

    static func header(_ diff: ProfileDiff) -> [String] {
        var out: [String] = []
        let program = diff.afterHeader.processes.first.map { DisplayFormat.commandLine($0.process.argv) } ?? "?"
        out.append("program   \(program)")
        switch diff.kind {
        case .runs:
            out.append("runs      \(diff.beforeRuns) before, \(diff.afterRuns) after")
            out.append("run time  " + change(diff.beforeDuration, diff.afterDuration))
            out.append("          " + SignificanceText.verdict(diff.durationSignificance))
            out.append("python    " + change(diff.beforePythonTime, diff.afterPythonTime) + "  (time in Python frames)")
        case .windows:
            out.append("windows   before: \(diff.beforeLabel); after: \(diff.afterLabel)")
            out.append("length    " + change(diff.beforeDuration, diff.afterDuration))
            out.append("python    " + change(diff.beforePythonTime, diff.afterPythonTime) + "  (time in Python frames)")
        case .versions:
            out.append("versions  \(diff.rows.count) change(s) of functions patched during the run, each version against the next")
            out.append("run time  " + spread(diff.afterDuration))
        }
        let losses = diff.kind == .runs
            ? ProblemText.losses(diff.beforeHeader).map { "before: " + $0 } + ProblemText.losses(diff.afterHeader).map { "after: " + $0 }
            : ProblemText.losses(diff.afterHeader)
        for loss in losses { out.append("  ! " + loss) }
        return out
    }

    /// `1.200 s ± 3.0 ms → 1.000 s ± 2.0 ms (-200.000 ms, -16.7%)`.
    static func change(_ before: Sample, _ after: Sample) -> String {
        let delta = after.mean - before.mean
        let relative = before.mean > 0 ? ", " + DisplayFormat.signedPercent(delta / before.mean) : ""
        return "\(spread(before)) → \(spread(after))  (\(DisplayFormat.change(delta))\(relative))"
    }

    static func spread(_ s: Sample) -> String {
        s.count > 1 ? "\(DisplayFormat.duration(s.mean)) ± \(DisplayFormat.duration(s.standardDeviation))"
            : DisplayFormat.duration(s.mean)
    }

    /// Mean time per activation, or `-` when none completed.
    static func perActivation(_ m: Moments?) -> String {
        guard let m, m.count > 0 else { return "-" }
        return DisplayFormat.duration(m.mean)
    }

    static func table(_ rows: [DiffRow], diff: ProfileDiff) -> [String] {
        let activations = diff.basis == .activations
        var columns: [TextTable.Column] = [
            .init("total change"), .init("rel"), .init("total before"), .init("total after"),
        ]
        if activations { columns += [.init("mean before"), .init("mean after")] }
        columns += [.init("self before"), .init("self after"), .init("calls before"), .init("calls after")]
        if diff.testsFunctions { columns.append(.init("signif.")) }
        columns.append(.init("function", right: false))
        var text = TextTable(columns)
        for row in rows {
            var cells = [
                DisplayFormat.change(row.totalChange),
                row.relativeTotalChange.map(DisplayFormat.signedPercent) ?? "new",
                spread(row.before.totalNs), spread(row.after.totalNs),
            ]
            if activations { cells += [perActivation(row.beforeActivations), perActivation(row.afterActivations)] }
            cells += [
                DisplayFormat.duration(row.before.selfNs.mean), DisplayFormat.duration(row.after.selfNs.mean),
                DisplayFormat.count(row.before.calls.mean), DisplayFormat.count(row.after.calls.mean),
            ]
            if diff.testsFunctions { cells.append(SignificanceText.mark(row)) }
            let flags = row.flags
            cells.append(row.displayName + (flags.isEmpty ? "" : "  [" + flags.joined(separator: ", ") + "]"))
            text.add(cells)
        }
        return text.lines()
    }
}
