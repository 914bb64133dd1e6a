import TraceAnalysis

/// The document of `pyframe report --format json` (snake_case keys), made of
/// the shared row types in `JSON/`.
enum ReportJSON {
    struct Document: Encodable {
        /// ``JSONSchema/report``.
        var schema = JSONSchema.report
        var header: HeaderJSON
        var marks: [MarkJSON] = []
        var totalSelfNs: UInt64?
        var functions: [FunctionRowJSON]?
        var threads: [Thread]?

        enum CodingKeys: String, CodingKey {
            case schema, header, marks, functions, threads
            case totalSelfNs = "total_self_ns"
        }
    }

    /// One thread's table, with `--by-thread`.
    struct Thread: Encodable {
        var thread: ThreadJSON
        var totalSelfNs: UInt64
        var functions: [FunctionRowJSON]

        enum CodingKeys: String, CodingKey {
            case thread, functions
            case totalSelfNs = "total_self_ns"
        }
    }
}
