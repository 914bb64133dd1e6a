import TraceAnalysis

/// How a diff states whether a change is real or noise.
public enum SignificanceText {
    /// Said when a side has a single run.
    public static let cannotJudge = "cannot judge significance from one run a side (record several: --before a1 a2 a3 --after b1 b2 b3)"

    /// `significant (p=0.003)`, `not significant (p=0.41)`, or that it cannot be judged.
    public static func verdict(_ test: WelchTest?) -> String {
        guard let test else { return cannotJudge }
        return (test.isSignificant ? "significant" : "not significant") + " (p=\(pValue(test.p)))"
    }

    /// The short table form: `p=0.003 *` when significant.
    public static func mark(_ test: WelchTest?) -> String {
        guard let test else { return "n/a" }
        return "p=\(pValue(test.p))" + (test.isSignificant ? " *" : "")
    }

    static func pValue(_ p: Double) -> String {
        if p < 0.001 { return "<0.001" }
        return DisplayFormat.fixed(p, 3)
    }
}
