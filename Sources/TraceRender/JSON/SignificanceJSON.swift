import TraceAnalysis

/// Welch's test of a change (a function's or the whole run's), in
/// `diff --format json`; `t` is null where it is infinite.
struct SignificanceJSON: Encodable {
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
