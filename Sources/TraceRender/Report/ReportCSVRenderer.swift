import TraceAnalysis

/// `pyframe report --format csv`: one row per function (per thread with
/// `--threads`), for spreadsheets.
package enum ReportCSVRenderer {
    /// Column names, in order.
    package static let columns = ["pid", "thread", "thread_name", "file", "line", "qualname", "version", "code_hash",
                                 "calls", "primitive_calls", "resumes", "total_ns", "self_ns",
                                 "self_per_call_ns", "total_per_primitive_call_ns", "max_ns",
                                 "total_share", "self_share"]

    /// The CSV text of `reports` (several with `--by-process`), with a header line.
    package static func render(_ reports: [ProfileReport]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for report in reports {
            let pid = report.header.processes.count == 1 ? String(report.header.processes[0].process.pid) : ""
            for table in report.tables {
                for row in table.rows {
                    let s = row.stats
                    let f = row.function
                    let selfPerCall: String = s.selfPerCallNs.map { String($0) } ?? ""
                    let totalPerCall: String = s.totalPerPrimitiveCallNs.map { String($0) } ?? ""
                    let fields: [String] = [
                        table.thread.map { String($0.pid) } ?? pid,
                        table.thread.map { String($0.index) } ?? "",
                        table.thread?.name ?? "",
                        f.identity.file, String(f.identity.line), f.identity.qualname, String(f.version),
                        DisplayFormat.hash(f.hash),
                        String(s.calls), String(s.primitiveCalls), String(s.resumes), String(s.totalNs), String(s.selfNs),
                        selfPerCall, totalPerCall,
                        String(s.maxNs),
                        DisplayFormat.fixed(table.share(s.totalNs), 6), DisplayFormat.fixed(table.share(s.selfNs), 6),
                    ]
                    out += fields.map(Markup.csv).joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }
}
