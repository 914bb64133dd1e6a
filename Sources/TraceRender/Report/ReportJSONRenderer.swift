import FoundationEssentials
import TraceAnalysis

/// `pyframe report --format json`: one document with the header and the
/// rows, for scripts and CI checks.
public enum ReportJSONRenderer {
    /// One report: `{"header": …, "functions": […]}`, or with per-thread
    /// tables `{"header": …, "threads": [{"thread": …, "functions": […]}]}`.
    public static func render(_ report: ProfileReport) -> String {
        encode(document(report))
    }

    /// One report per process: `{"reports": [ … ]}`.
    public static func render(byProcess reports: [ProfileReport]) -> String {
        struct Reports: Encodable { var reports: [ReportJSON.Document] }
        return encode(Reports(reports: reports.map(document)))
    }

    static func document(_ report: ProfileReport) -> ReportJSON.Document {
        var doc = ReportJSON.Document(header: ReportJSON.Header(report.header))
        doc.marks = report.marks.map(ReportJSON.MarkEntry.init)
        if report.tables.count == 1, report.tables[0].thread == nil {
            let table = report.tables[0]
            doc.totalSelfNs = table.totalSelfNs
            doc.functions = table.rows.map { ReportJSON.Row($0, table: table) }
        } else {
            doc.threads = report.tables.map { table in
                ReportJSON.Thread(thread: ReportJSON.ThreadInfo(table.thread!), totalSelfNs: table.totalSelfNs,
                                  functions: table.rows.map { ReportJSON.Row($0, table: table) })
            }
        }
        return doc
    }

    /// Pretty, key-sorted JSON text ending in a newline.
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings and numbers cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
