/// Welch's unequal-variances t-test: whether two sets of runs differ by more
/// than their noise, as pyperf's `compare_to` judges benchmark results.
public struct WelchTest: Sendable, Equatable {
    /// The t statistic (after − before, over the combined standard error).
    public var t: Double
    /// Welch–Satterthwaite degrees of freedom.
    public var degreesOfFreedom: Double
    /// Two-sided p-value.
    public var p: Double

    /// The significance level below which a difference is called significant.
    public static let alpha = 0.05

    /// True when p < ``alpha``.
    public var isSignificant: Bool { p < WelchTest.alpha }

    /// Tests `before` against `after`; nil when either side has fewer than two runs.
    public init?(before: Sample, after: Sample) {
        guard before.count >= 2, after.count >= 2 else { return nil }
        let va = before.variance / Double(before.count)
        let vb = after.variance / Double(after.count)
        let difference = after.mean - before.mean
        let se2 = va + vb
        guard se2 > 0 else {
            // No spread on either side: any difference is certain.
            t = difference == 0 ? 0 : (difference > 0 ? .infinity : -.infinity)
            degreesOfFreedom = Double(before.count + after.count - 2)
            p = difference == 0 ? 1 : 0
            return
        }
        t = difference / se2.squareRoot()
        let denominator = va * va / Double(before.count - 1) + vb * vb / Double(after.count - 1)
        degreesOfFreedom = se2 * se2 / denominator
        p = StudentT.twoSidedP(t, degreesOfFreedom: degreesOfFreedom)
    }
}
