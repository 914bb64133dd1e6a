import TraceAnalysis

/// `pyframe diff --format html`: the before/after function table (patched
/// functions flagged) and the differential flame graph (red grew, blue
/// shrank) in one offline page, so a change's effect can be browsed and shared.
public enum HTMLDiffRenderer {
    /// The page for `diff`, with `graph` built from the same runs (per-run means).
    ///
    /// - Parameter title: the page heading.
    public static func render(_ diff: ProfileDiff, graph: DiffFlameGraph, title: String) -> String {
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
        items.append(("runs", "\(diff.beforeRuns) before, \(diff.afterRuns) after"))
        items.append(("run time", DiffTableRenderer.change(diff.beforeDuration, diff.afterDuration)))
        items.append(("significance", SignificanceText.verdict(diff.durationSignificance)))
        items.append(("python", DiffTableRenderer.change(diff.beforePythonTime, diff.afterPythonTime) + "  (time in Python frames)"))
        let patched = diff.rows.filter(\.patched).count
        items.append(("patched", patched == 0 ? "no function's bytecode changed" : "\(patched) function(s) run with different bytecode after the change"))
        let losses = diff.beforeHeader.losses.map { "before: " + $0 } + diff.afterHeader.losses.map { "after: " + $0 }
        return HTMLDocument.summary(items, losses: losses, noLoss: "No loss: every trace is complete.",
                                    lossHeadline: "Loss: the numbers below miss part of the runs.")
    }
}
