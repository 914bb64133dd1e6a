import TraceAnalysis

/// A function's row of a report table: its identity and its stats, in
/// `report --format json` and the HTML report's table. Hashes are hexadecimal
/// strings: 64-bit integers do not survive JavaScript's number type.
struct FunctionRowJSON: Encodable {
    var file: String
    var path: String
    var line: UInt32
    var qualname: String
    var name: String
    var version: Int
    var codeHash: String
    var calls: UInt64
    var primitiveCalls: UInt64
    var resumes: UInt64
    var totalNs: UInt64
    var selfNs: UInt64
    /// Nil (JSON null) without calls.
    @JSONNull var selfPerCallNs: UInt64?
    /// Nil (JSON null) without primitive calls.
    @JSONNull var totalPerPrimitiveCallNs: UInt64?
    var maxNs: UInt64
    var totalShare: Double
    var selfShare: Double

    enum CodingKeys: String, CodingKey {
        case file, path, line, qualname, name, version, calls, resumes
        case primitiveCalls = "primitive_calls"
        case codeHash = "code_hash"
        case totalNs = "total_ns"
        case selfNs = "self_ns"
        case selfPerCallNs = "self_per_call_ns"
        case totalPerPrimitiveCallNs = "total_per_primitive_call_ns"
        case maxNs = "max_ns"
        case totalShare = "total_share"
        case selfShare = "self_share"
    }

    init(_ r: ReportRow, table: ReportTable) {
        file = r.function.identity.file
        path = r.function.rawPath
        line = r.function.identity.line
        qualname = r.function.identity.qualname
        name = r.function.name
        version = r.function.version
        codeHash = DisplayFormat.hash(r.function.hash)
        calls = r.stats.calls
        primitiveCalls = r.stats.primitiveCalls
        resumes = r.stats.resumes
        totalNs = r.stats.totalNs
        selfNs = r.stats.selfNs
        selfPerCallNs = r.stats.selfPerCallNs
        totalPerPrimitiveCallNs = r.stats.totalPerPrimitiveCallNs
        maxNs = r.stats.maxNs
        totalShare = table.share(r.stats.totalNs)
        selfShare = table.share(r.stats.selfNs)
    }
}
