import TraceAnalysis

/// `pyframe html`: one self-contained HTML page with everything a trace
/// says — the header with every loss, the sortable function table, the
/// flame graph and the timeline of marks — so a run can be shared as a
/// single file that opens offline in any browser.
package enum HTMLReportRenderer {
    /// The page of built models: `report` (its first table, all rows, is the
    /// function table), `flame` (the flame graph), and the `profiles` they
    /// were built from, whose threads and marks make the timeline.
    ///
    /// - Parameter title: the page heading.
    package static func render(_ report: ProfileReport, flame: FlameGraph, timeline profiles: [TraceProfile],
                              title heading: String) -> String {
        let data = HTMLReportData(title: heading, profiles: profiles, table: report.tables.first, flame: flame)
        return HTMLDocument.page(
            title: Markup.xml(heading),
            style: FlameChartScript.style + "\n" + SortableTableScript.style + "\n" + HTMLReportTemplate.style,
            body: HTMLReportTemplate.body(heading: Markup.xml(heading), summary: summary(report.header)),
            data: HTMLDocument.json(data),
            scripts: [FlameChartScript.script, SortableTableScript.script, HTMLReportTemplate.script])
    }

    /// The header as escaped `<dt>`/`<dd>` pairs, then the loss paragraph.
    static func summary(_ header: ReportHeader) -> String {
        var items: [(String, String)] = []
        if header.processes.count == 1, let p = header.processes.first {
            items.append(("program", DisplayFormat.commandLine(p.process.argv)))
            items.append(("pid", "\(p.process.pid)"))
            items.append(("cwd", p.process.cwd))
        } else {
            for p in header.processes {
                items.append(("pid \(p.process.pid)", DisplayFormat.commandLine(p.process.argv) + "  (\(DisplayFormat.duration(p.durationNs)), \(p.path))"))
            }
        }
        let versions = Set(header.processes.map(\.pythonVersion)).sorted()
        items.append(("python", versions.joined(separator: ", ")))
        items.append(("duration", DisplayFormat.duration(header.durationNs)))
        let names = header.processes.flatMap(\.threads).map(\.name)
        items.append(("threads", "\(names.count)" + (names.isEmpty ? "" : " (" + names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", …)" : ")"))))
        items.append(("processes", "\(header.processes.count)"))
        items.append(("events", DisplayFormat.count(header.events)))
        items.append(("trace size", DisplayFormat.bytes(header.traceBytes)))
        let limits = header.recordingLimits
        if !limits.isEmpty { items.append(("recorded", limits.joined(separator: "; "))) }
        return HTMLDocument.summary(items, losses: ProblemText.losses(header), noLoss: "No loss: the trace is complete and every event was recorded.",
                                    lossHeadline: "Loss: the numbers below miss part of the run.")
    }
}
