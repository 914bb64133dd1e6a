import TraceAnalysis

/// Welch's test of a change (a function's or the whole run's), in
/// `diff --format json`; `t` is null where it is infinite.
struct SignificanceJSON: Encodable {
    @JSONNull var t: Double?
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
