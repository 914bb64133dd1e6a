/// A span of one trace's time, `[start, end)` in ns since the origin: what
/// `--window A..B` selects, and what `pyframe diff --split-at` or
/// `--before-window` compares with another.
public struct TimeWindow: Sendable, Equatable {
    /// First instant inside.
    public var start: UInt64
    /// First instant after (`UInt64.max`: the end of the trace).
    public var end: UInt64

    /// The window `[start, end)`.
    public init(start: UInt64, end: UInt64) {
        self.start = start
        self.end = end
    }

    /// The whole trace.
    public static let all = TimeWindow(start: 0, end: .max)

    /// Whether `time` is inside.
    @inline(__always)
    public func contains(_ time: UInt64) -> Bool { time >= start && time < end }

    /// How much of `[from, to)` lies inside, ns.
    @inline(__always)
    public func overlap(_ from: UInt64, _ to: UInt64) -> UInt64 {
        let a = max(from, start), b = min(to, end)
        return b > a ? b - a : 0
    }
}
