/// A value on both sides of a comparison: the value a ``DiffFlameGraph``
/// node holds.
public struct BeforeAfter: AdditiveArithmetic, Hashable, Sendable {
    /// The value in the trace before the change.
    public var before: UInt64
    /// The value in the trace after the change.
    public var after: UInt64

    public init(before: UInt64, after: UInt64) {
        self.before = before
        self.after = after
    }

    public static var zero: BeforeAfter { BeforeAfter(before: 0, after: 0) }

    public static func + (a: BeforeAfter, b: BeforeAfter) -> BeforeAfter {
        BeforeAfter(before: a.before + b.before, after: a.after + b.after)
    }

    public static func - (a: BeforeAfter, b: BeforeAfter) -> BeforeAfter {
        BeforeAfter(before: a.before - b.before, after: a.after - b.after)
    }
}
