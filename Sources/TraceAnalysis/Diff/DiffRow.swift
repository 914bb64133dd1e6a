import TraceFormat

/// One function in a diff: matched by file, qualified name and first line
/// across the two sides, whatever its bytecode.
public struct DiffRow: Sendable {
    /// Whether the function exists on both sides.
    public enum Presence: String, Sendable {
        /// Ran before and after.
        case both
        /// Ran only after the change.
        case appeared
        /// Ran only before the change.
        case vanished
    }

    /// The function.
    public var identity: FunctionIdentity
    /// Before and after.
    public var presence: Presence
    /// Its bytecode hash differs between the sides (the function was patched).
    public var patched: Bool
    /// Measures before the change.
    public var before: SideStats
    /// Measures after the change.
    public var after: SideStats
    /// Welch's test on inclusive time per run; nil with fewer than two runs a side.
    public var significance: WelchTest?
    /// The version before the change, to disassemble for a patched function.
    public var beforeCode: CodeRecord?
    /// The first version after the change that differs from every version before.
    public var afterCode: CodeRecord?

    /// Mean inclusive time after minus before, ns.
    public var totalChange: Double { after.totalNs.mean - before.totalNs.mean }

    /// Mean self time after minus before, ns.
    public var selfChange: Double { after.selfNs.mean - before.selfNs.mean }

    /// The inclusive-time change relative to before (nil when before was 0).
    public var relativeTotalChange: Double? {
        let b = before.totalNs.mean
        return b > 0 ? totalChange / b : nil
    }
}
