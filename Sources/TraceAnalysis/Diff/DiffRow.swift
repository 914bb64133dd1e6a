import TraceFormat

/// One function in a diff: the same function on both sides (paired by file
/// and qualified name, wherever its lines went), or one that appeared or vanished.
package struct DiffRow: Sendable {
    /// Whether the function exists on both sides.
    package enum Presence: String, Sendable {
        /// Ran before and after.
        case both
        /// Ran only after the change.
        case appeared
        /// Ran only before the change.
        case vanished
    }

    /// Where the function is now: its place after the change, or before
    /// for a function that vanished.
    package var identity: FunctionIdentity
    /// Where it was before the change; nil when it appeared.
    package var beforeLocation: FunctionIdentity?
    /// Where it is after the change; nil when it vanished.
    package var afterLocation: FunctionIdentity?
    /// Before and after.
    package var presence: Presence
    /// Its code changed (bytecode, constants or names), wherever it lives now.
    package var patched: Bool
    /// Same code, other place (first line or file): an edit elsewhere shifted it.
    package var moved: Bool
    /// Same source, other bytecode: the two sides ran different CPython
    /// versions, whose compilers differ (not a patch).
    package var recompiled = false
    /// How the two sides were paired: `same-name`, `by-name` (across files)
    /// or `nearest` (a guess among namesakes); nil for one side only.
    package var pairing: String?
    /// Measures before the change.
    package var before: SideStats
    /// Measures after the change.
    package var after: SideStats
    /// Inclusive time of each complete activation before, when known.
    package var beforeActivations: Moments?
    /// Inclusive time of each complete activation after, when known.
    package var afterActivations: Moments?
    /// Welch's test (per run with several runs a side, else per activation
    /// when known); nil when it cannot be computed.
    package var significance: WelchTest?
    /// The test's p-value corrected for the number of functions tested
    /// (``MultipleComparison``); nil without a test.
    package var adjustedP: Double?
    /// The version before the change, to disassemble for a patched function.
    package var beforeCode: CodeRecord?
    /// The first version after the change that differs from every version before.
    package var afterCode: CodeRecord?

    /// For `--versions`: which versions of one run the row compares (1 and 2 …).
    package var versions: (before: Int, after: Int)?

    /// True when the pairing was chosen among namesakes of one file.
    package var isGuess: Bool { pairing == "nearest" }

    /// True when the corrected test says the function's time changed.
    package var changed: Bool { (adjustedP ?? 1) < WelchTest.alpha }

    /// `qualname (file:line)`, or `qualname (file:line → file:line)` when it
    /// moved; `[v1 → v2]` after it for versions of one run.
    package var displayName: String {
        let suffix = versions.map { " [v\($0.before) → v\($0.after)]" } ?? ""
        guard let b = beforeLocation, let a = afterLocation, (b.file, b.line) != (a.file, a.line) else {
            return identity.displayName + suffix
        }
        return "\(a.qualname) (\(b.file):\(b.line) → \(a.file):\(a.line))" + suffix
    }

    /// The row's flags as words: patched, recompiled, moved, appeared, vanished, guess.
    package var flags: [String] {
        var out: [String] = []
        if patched { out.append("patched") }
        if recompiled { out.append("recompiled") }
        if moved { out.append("moved") }
        if presence != .both { out.append(presence.rawValue) }
        if isGuess { out.append("guess") }
        return out
    }

    /// Mean inclusive time after minus before, ns.
    package var totalChange: Double { after.totalNs.mean - before.totalNs.mean }

    /// Mean self time after minus before, ns.
    package var selfChange: Double { after.selfNs.mean - before.selfNs.mean }

    /// The inclusive-time change relative to before (nil when before was 0).
    package var relativeTotalChange: Double? {
        let b = before.totalNs.mean
        return b > 0 ? totalChange / b : nil
    }
}
