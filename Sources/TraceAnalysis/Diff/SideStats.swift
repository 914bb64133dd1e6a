/// One function's measures on one side of a diff, one value per run.
package struct SideStats: Sendable {
    /// Calls per run.
    package var calls: Sample
    /// Self time per run, ns.
    package var selfNs: Sample
    /// Inclusive time per run, ns.
    package var totalNs: Sample

    /// True when the function never ran on this side.
    package var isAbsent: Bool {
        calls.values.allSatisfy { $0 == 0 } && totalNs.values.allSatisfy { $0 == 0 }
            && selfNs.values.allSatisfy { $0 == 0 }
    }
}
