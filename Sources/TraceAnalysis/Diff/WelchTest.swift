/// Welch's unequal-variances t-test: whether two sets of runs differ by more
/// than their noise, as pyperf's `compare_to` judges benchmark results.
package struct WelchTest: Sendable, Equatable {
    /// The t statistic (after − before, over the combined standard error).
    package var t: Double
    /// Welch–Satterthwaite degrees of freedom.
    package var degreesOfFreedom: Double
    /// Two-sided p-value.
    package var p: Double

    /// The significance level below which a difference is called significant.
    package static let alpha = 0.05

    /// True when p < ``alpha``.
    package var isSignificant: Bool { p < WelchTest.alpha }

    /// Tests `before` against `after`; nil when either side has fewer than two runs.
    package init?(before: Sample, after: Sample) {
        guard before.count >= 2, after.count >= 2 else { return nil }
        self.init(countBefore: before.count, meanBefore: before.mean, varianceBefore: before.variance,
                  countAfter: after.count, meanAfter: after.mean, varianceAfter: after.variance)
    }

    /// The test from each side's count (at least 2), mean and unbiased variance.
    init(countBefore: Int, meanBefore: Double, varianceBefore: Double,
         countAfter: Int, meanAfter: Double, varianceAfter: Double) {
        let va = varianceBefore / Double(countBefore)
        let vb = varianceAfter / Double(countAfter)
        let difference = meanAfter - meanBefore
        let se2 = va + vb
        guard se2 > 0 else {
            // No spread on either side: any difference is certain.
            t = difference == 0 ? 0 : (difference > 0 ? .infinity : -.infinity)
            degreesOfFreedom = Double(countBefore + countAfter - 2)
            p = difference == 0 ? 1 : 0
            return
        }
        t = difference / se2.squareRoot()
        let denominator = va * va / Double(countBefore - 1) + vb * vb / Double(countAfter - 1)
        degreesOfFreedom = se2 * se2 / denominator
        p = StudentT.twoSidedP(t, degreesOfFreedom: degreesOfFreedom)
    }
}

extension WelchTest {
    /// Tests two sets of values summarised by their moments (per-activation
    /// times); nil when either side has fewer than two values.
    package init?(before: Moments, after: Moments) {
        guard let vb = before.variance, let va = after.variance else { return nil }
        self.init(countBefore: before.count, meanBefore: before.mean, varianceBefore: vb,
                  countAfter: after.count, meanAfter: after.mean, varianceAfter: va)
    }
}
