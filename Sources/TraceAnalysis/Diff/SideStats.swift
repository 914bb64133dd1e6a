/// One function's measures on one side of a diff, one value per run.
public struct SideStats: Sendable {
    /// Calls per run.
    public var calls: Sample
    /// Self time per run, ns.
    public var selfNs: Sample
    /// Inclusive time per run, ns.
    public var totalNs: Sample

    /// True when the function never ran on this side.
    public var isAbsent: Bool {
        calls.values.allSatisfy { $0 == 0 } && totalNs.values.allSatisfy { $0 == 0 }
            && selfNs.values.allSatisfy { $0 == 0 }
    }
}
