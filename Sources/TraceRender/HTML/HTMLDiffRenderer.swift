import TraceAnalysis

/// `pyframe diff --format html`: the before/after function table (patched
/// functions flagged) and the differential flame graph (red grew, blue
/// shrank) in one offline page, so a change's effect can be browsed and shared.
package enum HTMLDiffRenderer {
    /// The page for `diff`, with `graph` built from the same runs (per-run means).
    ///
    /// - Parameter title: the page heading.
    package static func render(_ diff: ProfileDiff, graph: DiffFlameGraph, title: String) -> String {
        let data = HTMLDiffData(title: title, diff: diff, graph: graph)
        return HTMLDocument.page(
            title: Markup.xml(title),
            style: FlameChartScript.style + "\n" + SortableTableScript.style + "\n" + HTMLDiffTemplate.style,
            body: HTMLDiffTemplate.body(heading: Markup.xml(title), summary: summary(diff)),
            data: HTMLDocument.json(data),
            scripts: [FlameChartScript.script, SortableTableScript.script, HTMLDiffTemplate.script])
    }

    /// The overall change as escaped `<dt>`/`<dd>` pairs, with every loss of either side.
    static func summary(_ diff: ProfileDiff) -> String {
        var items: [(String, String)] = []
        let program = diff.afterHeader.processes.first.map { DisplayFormat.commandLine($0.process.argv) } ?? "?"
        items.append(("program", program))
        switch diff.kind {
        case .runs:
            items.append(("runs", "\(diff.beforeRuns) before, \(diff.afterRuns) after"))
            items.append(("run time", DiffTableRenderer.change(diff.beforeDuration, diff.afterDuration)))
            items.append(("significance", SignificanceText.verdict(diff.durationSignificance)))
        case .windows:
            items.append(("windows", "before: \(diff.beforeLabel); after: \(diff.afterLabel)"))
            items.append(("length", DiffTableRenderer.change(diff.beforeDuration, diff.afterDuration)))
        case .versions:
            items.append(("versions", "each version of a function patched during the run against the next"))
        }
        if diff.kind != .versions {
            items.append(("python", DiffTableRenderer.change(diff.beforePythonTime, diff.afterPythonTime) + "  (time in Python frames)"))
        }
        if let method = SignificanceText.method(diff) { items.append(("tests", method)) }
        let patched = diff.rows.filter(\.patched).count
        items.append(("patched", patched == 0 ? "no function's code changed" : "\(patched) function(s) run with different code after the change (bytecode below)"))
        let moved = diff.rows.filter(\.moved).count
        if moved > 0 { items.append(("moved", "\(moved) function(s) with the same code in another place")) }
        for warning in diff.warnings { items.append(("warning", warning)) }
        let losses = diff.kind == .runs
            ? ProblemText.losses(diff.beforeHeader).map { "before: " + $0 } + ProblemText.losses(diff.afterHeader).map { "after: " + $0 }
            : ProblemText.losses(diff.afterHeader)
        return HTMLDocument.summary(items, losses: losses, noLoss: "No loss: every trace is complete.",
                                    lossHeadline: "Loss: the numbers below miss part of the runs.")
    }
}
