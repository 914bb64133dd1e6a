import TraceAnalysis

/// `pyframe report --format json`: one document with the header and the
/// rows, for scripts and CI checks.
package enum ReportJSONRenderer {
    /// One report: `{"header": …, "functions": […]}`, or with per-thread
    /// tables `{"header": …, "threads": [{"thread": …, "functions": […]}]}`.
    package static func render(_ report: ProfileReport) -> String {
        JSONText.encode(document(report))
    }

    /// One report per process: `{"reports": [ … ]}`.
    package static func render(byProcess reports: [ProfileReport]) -> String {
        struct Reports: Encodable { var reports: [ReportJSON.Document] }
        return JSONText.encode(Reports(reports: reports.map(document)))
    }

    static func document(_ report: ProfileReport) -> ReportJSON.Document {
        var doc = ReportJSON.Document(header: HeaderJSON(report.header))
        doc.marks = report.marks.map { MarkJSON($0) }
        if report.tables.count == 1, report.tables[0].thread == nil {
            let table = report.tables[0]
            doc.totalSelfNs = table.totalSelfNs
            doc.functions = table.rows.map { FunctionRowJSON($0, table: table) }
        } else {
            doc.threads = report.tables.map { table in
                ReportJSON.Thread(thread: ThreadJSON(table.thread!), totalSelfNs: table.totalSelfNs,
                                  functions: table.rows.map { FunctionRowJSON($0, table: table) })
            }
        }
        return doc
    }
}
