import FoundationEssentials
import PyBytecode
import TraceAnalysis

/// `pyframe diff --format json`: the overall change and one row per
/// function, for scripts and CI gates. With one run per side the values are
/// that run's; with several they are means, with standard deviations and
/// Welch's test, corrected for the number of functions tested. A spread
/// that cannot be computed (one run, one activation) is null, never 0.
package enum DiffJSONRenderer {
    /// The JSON text of `diff`; with `showBytecode`, patched rows carry
    /// `bytecode_diff`, the side-by-side disassembly in `width` columns.
    package static func render(_ diff: ProfileDiff, showBytecode: Bool = false, width: Int = 120) -> String {
        JSONText.encode(Document(diff, showBytecode: showBytecode, width: width))
    }

    struct Overall: Encodable {
        var durationNsBefore: Double
        var durationNsAfter: Double
        @JSONNull var durationStdevBefore: Double?
        @JSONNull var durationStdevAfter: Double?
        var pythonNsBefore: Double
        var pythonNsAfter: Double
        var changeNs: Double
        @JSONNull var relativeChange: Double?
        @JSONNull var significance: SignificanceJSON?
        var verdict: String

        enum CodingKeys: String, CodingKey {
            case significance, verdict
            case durationNsBefore = "duration_ns_before"
            case durationNsAfter = "duration_ns_after"
            case durationStdevBefore = "duration_stdev_before"
            case durationStdevAfter = "duration_stdev_after"
            case pythonNsBefore = "python_ns_before"
            case pythonNsAfter = "python_ns_after"
            case changeNs = "change_ns"
            case relativeChange = "relative_change"
        }
    }

    struct Document: Encodable {
        /// ``JSONSchema/diff``.
        var schema = JSONSchema.diff
        var kind: String
        var basis: String
        var beforeLabel: String
        var afterLabel: String
        var before: HeaderJSON
        var after: HeaderJSON
        var runsBefore: Int
        var runsAfter: Int
        var significanceJudged: Bool
        @JSONNull var correction: String?
        var warnings: [String]
        var overall: Overall
        var functions: [DiffRowJSON]

        enum CodingKeys: String, CodingKey {
            case schema, kind, basis, before, after, overall, functions, correction, warnings
            case beforeLabel = "before_label"
            case afterLabel = "after_label"
            case runsBefore = "runs_before"
            case runsAfter = "runs_after"
            case significanceJudged = "significance_judged"
        }

        init(_ d: ProfileDiff, showBytecode: Bool, width: Int) {
            kind = d.kind.rawValue
            basis = d.basis.rawValue
            beforeLabel = d.beforeLabel
            afterLabel = d.afterLabel
            before = HeaderJSON(d.beforeHeader)
            after = HeaderJSON(d.afterHeader)
            runsBefore = d.beforeRuns
            runsAfter = d.afterRuns
            significanceJudged = d.canJudgeSignificance
            correction = d.testsFunctions ? MultipleComparison.name : nil
            warnings = d.warnings
            let change = d.afterDuration.mean - d.beforeDuration.mean
            overall = Overall(
                durationNsBefore: d.beforeDuration.mean, durationNsAfter: d.afterDuration.mean,
                durationStdevBefore: DiffRowJSON.stdev(d.beforeDuration), durationStdevAfter: DiffRowJSON.stdev(d.afterDuration),
                pythonNsBefore: d.beforePythonTime.mean, pythonNsAfter: d.afterPythonTime.mean,
                changeNs: change, relativeChange: d.beforeDuration.mean > 0 ? change / d.beforeDuration.mean : nil,
                significance: d.durationSignificance.map(SignificanceJSON.init),
                verdict: SignificanceText.verdict(d.durationSignificance))
            functions = DiffRowJSON.rows(d, showBytecode: showBytecode, width: width)
        }
    }
}
