import FoundationEssentials
import PyBytecode
import TraceAnalysis

/// `pyframe diff --format json`: the overall change and one row per
/// function, for scripts and CI gates. With one run per side the values are
/// that run's; with several they are means, with standard deviations and
/// Welch's test, corrected for the number of functions tested. A spread
/// that cannot be computed (one run, one activation) is null, never 0.
public enum DiffJSONRenderer {
    /// The JSON text of `diff`; with `showBytecode`, patched rows carry
    /// `bytecode_diff`, the side-by-side disassembly in `width` columns.
    public static func render(_ diff: ProfileDiff, showBytecode: Bool = false, width: Int = 120) -> String {
        ReportJSONRenderer.encode(Document(diff, showBytecode: showBytecode, width: width))
    }

    /// A standard deviation, or nil where one value cannot have one.
    static func stdev(_ s: Sample) -> Double? { s.count > 1 ? s.standardDeviation : nil }

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

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(t, forKey: .t)
            try c.encode(df, forKey: .df)
            try c.encode(p, forKey: .p)
            try c.encode(significant, forKey: .significant)
        }

        enum CodingKeys: String, CodingKey { case t, df, p, significant }
    }

    struct Overall: Encodable {
        var durationNsBefore: Double
        var durationNsAfter: Double
        var durationStdevBefore: Double?
        var durationStdevAfter: Double?
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

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(durationNsBefore, forKey: .durationNsBefore)
            try c.encode(durationNsAfter, forKey: .durationNsAfter)
            try c.encode(durationStdevBefore, forKey: .durationStdevBefore)
            try c.encode(durationStdevAfter, forKey: .durationStdevAfter)
            try c.encode(pythonNsBefore, forKey: .pythonNsBefore)
            try c.encode(pythonNsAfter, forKey: .pythonNsAfter)
            try c.encode(changeNs, forKey: .changeNs)
            try c.encode(relativeChange, forKey: .relativeChange)
            try c.encode(significance, forKey: .significance)
            try c.encode(verdict, forKey: .verdict)
        }
    }

    /// One function; every key is always present, null when it does not apply.
    struct Row: Encodable {
        var values: [(String, Encodable?)]

        /// `pythons`: the `sys.version` of each side's Python, so that each
        /// side's bytecode is read as its own version's.
        init(_ r: DiffRow, basis: ProfileDiff.Basis, showBytecode: Bool, width: Int,
             pythons: (before: String?, after: String?)) {
            let bytecode: [String]? = showBytecode && r.patched
                ? r.beforeCode.flatMap { b in r.afterCode.map {
                    BytecodeDiff.sideBySide(b, $0, width: width, beforePython: pythons.before, afterPython: pythons.after)
                } }
                : nil
            values = [
                ("name", r.displayName),
                ("file", r.identity.file), ("line", r.identity.line), ("qualname", r.identity.qualname),
                ("file_before", r.beforeLocation?.file), ("line_before", r.beforeLocation?.line),
                ("file_after", r.afterLocation?.file), ("line_after", r.afterLocation?.line),
                ("presence", r.presence.rawValue), ("patched", r.patched), ("recompiled", r.recompiled), ("moved", r.moved),
                ("pairing", r.pairing), ("guess", r.isGuess),
                ("versions", r.versions.map { [$0.before, $0.after] }),
                ("code_hash_before", r.beforeCode.map { DisplayFormat.hash($0.hash) }),
                ("code_hash_after", r.afterCode.map { DisplayFormat.hash($0.hash) }),
                ("calls_before", r.before.calls.mean), ("calls_after", r.after.calls.mean),
                ("self_ns_before", r.before.selfNs.mean), ("self_ns_after", r.after.selfNs.mean),
                ("total_ns_before", r.before.totalNs.mean), ("total_ns_after", r.after.totalNs.mean),
                ("total_stdev_before", stdev(r.before.totalNs)), ("total_stdev_after", stdev(r.after.totalNs)),
                ("activations_before", r.beforeActivations?.count), ("activations_after", r.afterActivations?.count),
                ("mean_ns_before", r.beforeActivations.flatMap { $0.count > 0 ? $0.mean : nil }),
                ("mean_ns_after", r.afterActivations.flatMap { $0.count > 0 ? $0.mean : nil }),
                ("mean_stdev_before", r.beforeActivations?.standardDeviation),
                ("mean_stdev_after", r.afterActivations?.standardDeviation),
                ("total_change_ns", r.totalChange), ("relative_change", r.relativeTotalChange),
                ("significance", r.significance.map(Test.init)), ("p_adjusted", r.adjustedP),
                ("changed", r.changed), ("verdict", SignificanceText.verdict(r, basis: basis)),
                ("bytecode_diff", bytecode),
            ]
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            for (key, value) in values {
                if let value { try c.encode(value, forKey: Key(stringValue: key)) } else { try c.encodeNil(forKey: Key(stringValue: key)) }
            }
        }
    }

    struct Document: Encodable {
        /// ``JSONSchema/version``.
        var schema = JSONSchema.version
        var kind: String
        var basis: String
        var beforeLabel: String
        var afterLabel: String
        var before: ReportJSON.Header
        var after: ReportJSON.Header
        var runsBefore: Int
        var runsAfter: Int
        var significanceJudged: Bool
        var correction: String?
        var warnings: [String]
        var overall: Overall
        var functions: [Row]

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
            before = ReportJSON.Header(d.beforeHeader)
            after = ReportJSON.Header(d.afterHeader)
            runsBefore = d.beforeRuns
            runsAfter = d.afterRuns
            significanceJudged = d.canJudgeSignificance
            correction = d.testsFunctions ? MultipleComparison.name : nil
            warnings = d.warnings
            let change = d.afterDuration.mean - d.beforeDuration.mean
            overall = Overall(
                durationNsBefore: d.beforeDuration.mean, durationNsAfter: d.afterDuration.mean,
                durationStdevBefore: stdev(d.beforeDuration), durationStdevAfter: stdev(d.afterDuration),
                pythonNsBefore: d.beforePythonTime.mean, pythonNsAfter: d.afterPythonTime.mean,
                changeNs: change, relativeChange: d.beforeDuration.mean > 0 ? change / d.beforeDuration.mean : nil,
                significance: d.durationSignificance.map(Test.init),
                verdict: SignificanceText.verdict(d.durationSignificance))
            let pythons = (before: d.beforeHeader.processes.first?.process.pythonVersion,
                           after: d.afterHeader.processes.first?.process.pythonVersion)
            functions = d.rows.map { Row($0, basis: d.basis, showBytecode: showBytecode, width: width, pythons: pythons) }
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(basis, forKey: .basis)
            try c.encode(beforeLabel, forKey: .beforeLabel)
            try c.encode(afterLabel, forKey: .afterLabel)
            try c.encode(before, forKey: .before)
            try c.encode(after, forKey: .after)
            try c.encode(runsBefore, forKey: .runsBefore)
            try c.encode(runsAfter, forKey: .runsAfter)
            try c.encode(significanceJudged, forKey: .significanceJudged)
            try c.encode(correction, forKey: .correction)
            try c.encode(warnings, forKey: .warnings)
            try c.encode(overall, forKey: .overall)
            try c.encode(functions, forKey: .functions)
        }
    }
}
