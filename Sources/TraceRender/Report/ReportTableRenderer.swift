import TraceAnalysis

/// `pyframe report` as text: the header, then each table.
package enum ReportTableRenderer {
    /// The whole report as lines.
    package static func render(_ report: ProfileReport) -> [String] {
        var out = ReportHeaderText.lines(report.header)
        out += marks(report.marks, severalProcesses: report.header.processes.count > 1)
        for table in report.tables {
            out.append("")
            out += lines(table)
        }
        if report.tables.contains(where: { !$0.rows.isEmpty }) {
            out.append("")
            out += legend
        }
        return out
    }

    /// What the columns mean, under the tables: the per-call columns are
    /// cProfile's, and a recursive function's calls are shown both ways.
    package static let legend = [
        "  calls: all/primitive where they differ (a primitive call is not induced by recursion); resumes: generator and coroutine resumes",
        "  total: inclusive time, a recursive function's outermost frames only; self: excluding callees; max: the longest single call or resume",
        "  self/call = self ÷ all calls; total/pcall = total ÷ primitive calls (cProfile's two percall columns); - where there were no calls",
    ]

    /// Marks shown in the text report; JSON lists them all.
    package static let markLimit = 20

    /// The marks under the header: time since the process's origin, thread, label.
    package static func marks(_ marks: [MarkSummary], severalProcesses: Bool) -> [String] {
        guard !marks.isEmpty else { return [] }
        var text = TextTable([.init("time"), .init("thread", right: false), .init("label", right: false)])
        for mark in marks.prefix(markLimit) {
            let thread = severalProcesses ? "pid \(mark.pid) \(mark.threadName)" : mark.threadName
            text.add([DisplayFormat.duration(mark.timeNs), thread, mark.label])
        }
        var out = text.lines(indent: 0).dropFirst().enumerated().map { (i, line) in (i == 0 ? "marks     " : "          ") + line }
        if marks.count > markLimit {
            out.append("          … \(marks.count - markLimit) more marks (--format json lists all)")
        }
        return out
    }

    /// `25,083/3` for a recursive function's all/primitive calls; one number when they are equal.
    package static func calls(_ s: FunctionStats) -> String {
        s.calls == s.primitiveCalls ? DisplayFormat.count(s.calls)
            : DisplayFormat.count(s.calls) + "/" + DisplayFormat.count(s.primitiveCalls)
    }

    /// One table with its title.
    package static func lines(_ table: ReportTable) -> [String] {
        var out: [String] = []
        if let thread = table.thread {
            out.append("thread \(thread.title): \(DisplayFormat.count(thread.events)) events, \(DisplayFormat.duration(table.totalSelfNs)) of Python time")
        }
        guard !table.rows.isEmpty else {
            out.append(table.totalSelfNs == 0 ? "  (no Python function ran)" : "  (no function matches)")
            return out
        }
        var text = TextTable([
            .init("calls"), .init("resumes"), .init("total"), .init("self"), .init("self/call"), .init("total/pcall"), .init("max"),
            .init("total%"), .init("self%"), .init("function", right: false),
        ])
        for row in table.rows {
            let s = row.stats
            text.add([
                calls(s), DisplayFormat.count(s.resumes),
                DisplayFormat.duration(s.totalNs), DisplayFormat.duration(s.selfNs),
                s.selfPerCallNs.map(DisplayFormat.duration) ?? "-",
                s.totalPerPrimitiveCallNs.map(DisplayFormat.duration) ?? "-", DisplayFormat.duration(s.maxNs),
                DisplayFormat.percent(table.share(s.totalNs)), DisplayFormat.percent(table.share(s.selfNs)),
                row.function.name,
            ])
        }
        out += text.lines()
        if table.matched > table.rows.count {
            out.append("  … \(table.matched - table.rows.count) more functions (--limit 0 shows all)")
        }
        return out
    }
}
