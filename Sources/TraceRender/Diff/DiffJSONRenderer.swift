import Foundation
import PyBytecode
import TraceAnalysis

/// `pyframe diff --format json`: the overall change and one row per
/// function, for scripts and CI gates. With one run per side the values are
/// that run's; with several they are means, with standard deviations and
/// Welch's test.
public enum DiffJSONRenderer {
    /// The JSON text of `diff`; with `showBytecode`, patched rows carry
    /// `bytecode_diff`, the side-by-side disassembly in `width` columns.
    public static func render(_ diff: ProfileDiff, showBytecode: Bool = false, width: Int = 120) -> String {
        ReportJSONRenderer.encode(Document(diff, showBytecode: showBytecode, width: width))
    }

    struct Test: Encodable {
        var t: Double?
        var df: Double
        var p: Double
        var significant: Bool

        init(_ w: WelchTest) {
            t = w.t.isFinite ? w.t : nil
            df = w.degreesOfFreedom
            p = w.p
            significant = w.isSignificant
        }
    }

    struct Overall: Encodable {
        var durationNsBefore: Double
        var durationNsAfter: Double
        var durationStdevBefore: Double
        var durationStdevAfter: Double
        var pythonNsBefore: Double
        var pythonNsAfter: Double
        var changeNs: Double
        var relativeChange: Double?
        var significance: Test?
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

    struct Row: Encodable {
        var file: String
        var line: UInt32
        var qualname: String
        var presence: String
        var patched: Bool
        var codeHashBefore: String?
        var codeHashAfter: String?
        var callsBefore: Double
        var callsAfter: Double
        var selfNsBefore: Double
        var selfNsAfter: Double
        var totalNsBefore: Double
        var totalNsAfter: Double
        var totalStdevBefore: Double
        var totalStdevAfter: Double
        var totalChangeNs: Double
        var relativeChange: Double?
        var significance: Test?
        var verdict: String
        var bytecodeDiff: [String]?

        enum CodingKeys: String, CodingKey {
            case file, line, qualname, presence, patched, significance, verdict
            case bytecodeDiff = "bytecode_diff"
            case codeHashBefore = "code_hash_before"
            case codeHashAfter = "code_hash_after"
            case callsBefore = "calls_before"
            case callsAfter = "calls_after"
            case selfNsBefore = "self_ns_before"
            case selfNsAfter = "self_ns_after"
            case totalNsBefore = "total_ns_before"
            case totalNsAfter = "total_ns_after"
            case totalStdevBefore = "total_stdev_before"
            case totalStdevAfter = "total_stdev_after"
            case totalChangeNs = "total_change_ns"
            case relativeChange = "relative_change"
        }
    }

    struct Document: Encodable {
        var before: ReportJSON.Header
        var after: ReportJSON.Header
        var runsBefore: Int
        var runsAfter: Int
        var significanceJudged: Bool
        var overall: Overall
        var functions: [Row]

        enum CodingKeys: String, CodingKey {
            case before, after, overall, functions
            case runsBefore = "runs_before"
            case runsAfter = "runs_after"
            case significanceJudged = "significance_judged"
        }

        init(_ d: ProfileDiff, showBytecode: Bool, width: Int) {
            before = ReportJSON.Header(d.beforeHeader)
            after = ReportJSON.Header(d.afterHeader)
            runsBefore = d.beforeRuns
            runsAfter = d.afterRuns
            significanceJudged = d.canJudgeSignificance
            let change = d.afterDuration.mean - d.beforeDuration.mean
            overall = Overall(
                durationNsBefore: d.beforeDuration.mean, durationNsAfter: d.afterDuration.mean,
                durationStdevBefore: d.beforeDuration.standardDeviation,
                durationStdevAfter: d.afterDuration.standardDeviation,
                pythonNsBefore: d.beforePythonTime.mean, pythonNsAfter: d.afterPythonTime.mean,
                changeNs: change, relativeChange: d.beforeDuration.mean > 0 ? change / d.beforeDuration.mean : nil,
                significance: d.durationSignificance.map(Test.init),
                verdict: SignificanceText.verdict(d.durationSignificance))
            functions = d.rows.map { r in
                Row(file: r.identity.file, line: r.identity.line, qualname: r.identity.qualname,
                    presence: r.presence.rawValue, patched: r.patched,
                    codeHashBefore: r.beforeCode.map { DisplayFormat.hash($0.hash) },
                    codeHashAfter: r.afterCode.map { DisplayFormat.hash($0.hash) },
                    callsBefore: r.before.calls.mean, callsAfter: r.after.calls.mean,
                    selfNsBefore: r.before.selfNs.mean, selfNsAfter: r.after.selfNs.mean,
                    totalNsBefore: r.before.totalNs.mean, totalNsAfter: r.after.totalNs.mean,
                    totalStdevBefore: r.before.totalNs.standardDeviation,
                    totalStdevAfter: r.after.totalNs.standardDeviation,
                    totalChangeNs: r.totalChange, relativeChange: r.relativeTotalChange,
                    significance: r.significance.map(Test.init),
                    verdict: SignificanceText.verdict(r.significance),
                    bytecodeDiff: showBytecode && r.patched
                        ? r.beforeCode.flatMap { b in r.afterCode.map {
                            BytecodeDiff.sideBySide(b, $0, width: width,
                                                    beforePython: d.beforeHeader.processes.first?.process.pythonVersion,
                                                    afterPython: d.afterHeader.processes.first?.process.pythonVersion)
                        } }
                        : nil)
            }
        }
    }
}
