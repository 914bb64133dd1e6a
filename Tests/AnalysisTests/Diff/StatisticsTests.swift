import Testing
import TraceAnalysis

/// The t distribution and Welch's test against published values.
@Suite struct StatisticsTests {
    @Test(arguments: [
        // (t, df, P(T ≤ t)) from standard t tables / scipy.stats.t.cdf.
        (0.0, 5.0, 0.5),
        (2.015, 5.0, 0.9500),
        (2.228, 10.0, 0.9750),
        (-2.228, 10.0, 0.0250),
        (1.0, 1.0, 0.75),          // Cauchy: 1/2 + atan(1)/π
        (3.0, 2.0, 0.95227),       // 1/2 + t / (2 sqrt(t² + 2))
        (1.96, 1000.0, 0.97486),
        (12.706, 1.0, 0.97500),
        (0.5, 7.5, 0.68433),
    ])
    func cdf(t: Double, df: Double, expected: Double) {
        #expect(abs(StudentT.cdf(t, degreesOfFreedom: df) - expected) < 2e-4)
    }

    @Test func twoSidedPIsTwiceTheTail() {
        #expect(abs(StudentT.twoSidedP(2.228, degreesOfFreedom: 10) - 0.05) < 2e-4)
        #expect(StudentT.twoSidedP(0, degreesOfFreedom: 3) == 1)
        #expect(StudentT.twoSidedP(40, degreesOfFreedom: 3) < 1e-4)
    }

    @Test func welchMatchesAWorkedExample() throws {
        // scipy.stats.ttest_ind([19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0],
        //   [28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9,
        //    21.6, 24.3, 20.4, 24.0, 13.2], equal_var=False) → t = 2.2185 (after − before), p = 0.03597
        let a = Sample([19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0])
        let b = Sample([28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9,
                        21.6, 24.3, 20.4, 24.0, 13.2])
        let w = try #require(WelchTest(before: a, after: b))
        #expect(abs(w.t - 2.2185) < 1e-3)
        #expect(abs(w.degreesOfFreedom - 24.4992) < 1e-2)
        #expect(abs(w.p - 0.03597) < 2e-4)
        #expect(w.isSignificant)
    }

    @Test func oneRunCannotBeJudgedAndNoSpreadIsCertain() throws {
        #expect(WelchTest(before: Sample([1]), after: Sample([2, 3])) == nil)
        let same = try #require(WelchTest(before: Sample([5, 5]), after: Sample([5, 5])))
        #expect(same.p == 1 && !same.isSignificant)
        let apart = try #require(WelchTest(before: Sample([5, 5]), after: Sample([6, 6])))
        #expect(apart.p == 0 && apart.isSignificant)
        let noisy = try #require(WelchTest(before: Sample([10, 12, 11]), after: Sample([11, 10, 12])))
        #expect(!noisy.isSignificant)
        #expect(abs(Sample([2, 4, 4, 4, 5, 5, 7, 9]).standardDeviation - 2.13809) < 1e-4)
    }
}
