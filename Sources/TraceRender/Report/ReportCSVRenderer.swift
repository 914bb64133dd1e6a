import TraceAnalysis

/// `pyframe report --format csv`: one row per function (per thread with
/// `--threads`), for spreadsheets.
public enum ReportCSVRenderer {
    /// Column names, in order.
    public static let columns = ["pid", "thread", "thread_name", "file", "line", "qualname", "version", "code_hash",
                                 "calls", "resumes", "total_ns", "self_ns", "mean_ns", "max_ns",
                                 "total_share", "self_share"]

    /// The CSV text of `reports` (several with `--by-process`), with a header line.
    public static func render(_ reports: [ProfileReport]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for report in reports {
            let pid = report.header.processes.count == 1 ? String(report.header.processes[0].process.pid) : ""
            for table in report.tables {
                for row in table.rows {
                    let s = row.stats
                    let f = row.function
                    let fields = [
                        table.thread.map { String($0.pid) } ?? pid,
                        table.thread.map { String($0.index) } ?? "",
                        table.thread?.name ?? "",
                        f.identity.file, String(f.identity.line), f.identity.qualname, String(f.version),
                        DisplayFormat.hash(f.hash),
                        String(s.calls), String(s.resumes), String(s.totalNs), String(s.selfNs),
                        String(s.meanNs), String(s.maxNs),
                        DisplayFormat.fixed(table.share(s.totalNs), 6), DisplayFormat.fixed(table.share(s.selfNs), 6),
                    ]
                    out += fields.map(Markup.csv).joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }
}
