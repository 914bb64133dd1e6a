/// How analysed traces become a flame graph.
public struct FlameOptions: Sendable {
    /// What a frame's width measures.
    public var weight: FlameWeight
    /// Put each thread under a root frame of its own.
    public var perThread: Bool
    /// Mark versions of patched functions (`[v2]`); `diff` turns this off
    /// because it matches functions across versions.
    public var versionMarks: Bool

    /// Options with the given values.
    public init(weight: FlameWeight = .time, perThread: Bool = false, versionMarks: Bool = true) {
        self.weight = weight
        self.perThread = perThread
        self.versionMarks = versionMarks
    }
}
