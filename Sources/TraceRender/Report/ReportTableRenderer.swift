import TraceAnalysis

/// `pyframe report` as text: the header, then each table.
public enum ReportTableRenderer {
    /// The whole report as lines.
    public static func render(_ report: ProfileReport) -> [String] {
        var out = ReportHeaderText.lines(report.header)
        for table in report.tables {
            out.append("")
            out += lines(table)
        }
        return out
    }

    /// One table with its title.
    public static func lines(_ table: ReportTable) -> [String] {
        var out: [String] = []
        if let thread = table.thread {
            out.append("thread \(thread.title): \(DisplayFormat.count(thread.events)) events, \(DisplayFormat.duration(table.totalSelfNs)) of Python time")
        }
        guard !table.rows.isEmpty else {
            out.append(table.totalSelfNs == 0 ? "  (no Python function ran)" : "  (no function matches)")
            return out
        }
        var text = TextTable([
            .init("calls"), .init("resumes"), .init("total"), .init("self"), .init("mean"), .init("max"),
            .init("total%"), .init("self%"), .init("function", right: false),
        ])
        for row in table.rows {
            let s = row.stats
            text.add([
                DisplayFormat.count(s.calls), DisplayFormat.count(s.resumes),
                DisplayFormat.duration(s.totalNs), DisplayFormat.duration(s.selfNs),
                DisplayFormat.duration(s.meanNs), DisplayFormat.duration(s.maxNs),
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
