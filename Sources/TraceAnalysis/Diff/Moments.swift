/// Count, mean and variance of many values, kept in constant space
/// (Welford's method), for per-activation times where a trace holds far
/// more activations than one would keep one by one.
package struct Moments: Sendable, Equatable {
    /// Values added.
    package internal(set) var count: Int = 0
    /// Their mean (0 with none).
    package internal(set) var mean: Double = 0
    /// Sum of squared deviations from the mean.
    var m2: Double = 0

    /// No values.
    package init() {}

    /// The moments of `values`.
    package init(_ values: [Double]) {
        for v in values { add(v) }
    }

    /// Adds one value.
    package mutating func add(_ value: Double) {
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        m2 += delta * (value - mean)
    }

    /// Unbiased variance (n − 1); nil with fewer than two values, where it
    /// cannot be computed (never shown as 0).
    package var variance: Double? { count > 1 ? m2 / Double(count - 1) : nil }

    /// Sample standard deviation; nil with fewer than two values.
    package var standardDeviation: Double? { variance.map { $0.squareRoot() } }
}

extension Moments {
    /// The moments of both sets of values together (Chan et al.'s pairwise update).
    package func merged(with other: Moments) -> Moments {
        guard other.count > 0 else { return self }
        guard count > 0 else { return other }
        var out = Moments()
        let n = Double(count + other.count)
        let delta = other.mean - mean
        out.count = count + other.count
        out.mean = mean + delta * Double(other.count) / n
        out.m2 = m2 + other.m2 + delta * delta * Double(count) * Double(other.count) / n
        return out
    }
}
