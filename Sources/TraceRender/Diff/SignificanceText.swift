import TraceAnalysis

/// How a diff states whether a change is real or noise.
package enum SignificanceText {
    /// Said when a side has a single run.
    package static let cannotJudge = "cannot judge significance from one run a side (record several: --before a1 a2 a3 --after b1 b2 b3)"

    /// `significant (p=0.003)`, `not significant (p=0.41)`, or that it cannot be judged.
    package static func verdict(_ test: WelchTest?) -> String {
        guard let test else { return cannotJudge }
        return (test.isSignificant ? "significant" : "not significant") + " (p=\(pValue(test.p)))"
    }

    /// A function's verdict after the correction for many functions:
    /// `changed (p=0.001, q=0.004)`, `not changed (p=0.03, q=0.21)`, or why
    /// it cannot be judged.
    package static func verdict(_ row: DiffRow, basis: ProfileDiff.Basis) -> String {
        guard let test = row.significance, let q = row.adjustedP else {
            return basis == .activations ? "cannot judge: fewer than two complete activations a side" : cannotJudge
        }
        return (row.changed ? "changed" : "not changed") + " (p=\(pValue(test.p)), q=\(pValue(q)))"
    }

    /// The short table form: `p=0.003 *` when significant.
    package static func mark(_ test: WelchTest?) -> String {
        guard let test else { return "n/a" }
        return "p=\(pValue(test.p))" + (test.isSignificant ? " *" : "")
    }

    /// The short table form of a function: `q=0.004 *` when changed after
    /// the correction (`p` is in the JSON).
    package static func mark(_ row: DiffRow) -> String {
        guard let q = row.adjustedP else { return "n/a" }
        return "q=\(pValue(q))" + (row.changed ? " *" : "")
    }

    /// What the functions' tests are, in one sentence.
    package static func method(_ diff: ProfileDiff) -> String? {
        let tested = diff.rows.filter { $0.adjustedP != nil }.count
        if diff.basis == .activations && tested == 0 {
            return "none: no function completed two activations on each side"
        }
        let what: String
        switch diff.basis {
        case .none: return nil
        case .runs: what = "Welch's t-test on each function's total time per run"
        case .activations: what = "Welch's t-test on each function's time per complete activation"
        }
        return "\(what); q = p corrected by \(MultipleComparison.name) over \(tested) function(s); * changed (q < \(DisplayFormat.fixed(WelchTest.alpha, 2)))"
    }

    static func pValue(_ p: Double) -> String {
        if p < 0.001 { return "<0.001" }
        return DisplayFormat.fixed(p, 3)
    }
}
