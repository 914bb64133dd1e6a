/// A value on both sides of a comparison: the value a ``DiffFlameGraph``
/// node holds.
package struct BeforeAfter: AdditiveArithmetic, Hashable, Sendable {
    /// The value in the trace before the change.
    package var before: UInt64
    /// The value in the trace after the change.
    package var after: UInt64

    package init(before: UInt64, after: UInt64) {
        self.before = before
        self.after = after
    }

    package static var zero: BeforeAfter { BeforeAfter(before: 0, after: 0) }

    package static func + (a: BeforeAfter, b: BeforeAfter) -> BeforeAfter {
        BeforeAfter(before: a.before + b.before, after: a.after + b.after)
    }

    package static func - (a: BeforeAfter, b: BeforeAfter) -> BeforeAfter {
        BeforeAfter(before: a.before - b.before, after: a.after - b.after)
    }
}
