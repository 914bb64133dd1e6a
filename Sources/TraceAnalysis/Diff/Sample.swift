/// The values of one measure over several runs, with their mean and spread.
package struct Sample: Sendable, Equatable {
    /// One value per run.
    package var values: [Double]

    /// A sample of `values`.
    package init(_ values: [Double]) {
        self.values = values
    }

    /// Number of runs.
    package var count: Int { values.count }

    /// Arithmetic mean (0 for no runs).
    package var mean: Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Unbiased variance (n − 1 in the denominator); 0 for fewer than two runs.
    package var variance: Double {
        guard values.count > 1 else { return 0 }
        let m = mean
        return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
    }

    /// Sample standard deviation: the spread shown as `± x`.
    package var standardDeviation: Double { variance.squareRoot() }
}
