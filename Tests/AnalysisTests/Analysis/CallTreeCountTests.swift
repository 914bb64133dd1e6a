import Testing
@testable import TraceAnalysis

/// A node's self time, calls and resumes keep their low 32 bits in its
/// record (or beside it) and the rest in ``TreeStorage/carries``: counts
/// and times that pass 2³², in the per-event loop and when trees are
/// merged, against exact sums. (Reaching 2³² calls by events would take a
/// trace of 8 billion of them, so the counts start just below it.)
@Suite struct CallTreeCountTests {
    @Test func countsAndTimesPassTwoToTheThirtyTwo() {
        let tree = CallTree()
        let node = tree.node(forStack: [1, 2])
        let other = tree.node(forStack: [1, 3])
        tree.storage.nodes.base[Int(node)].calls = UInt32.max - 1
        tree.storage.resumes[unchecked: Int(node)] = UInt32.max
        for _ in 0..<3 { tree.storage.countCall(node) }
        tree.storage.countResume(node)
        tree.storage.countCall(other)
        // Self time: many small additions across 2³², then one larger than 2³² alone.
        let step: UInt64 = 3_000_000_007
        for _ in 0..<5 { tree.addSelf(node, step) }
        tree.addSelf(other, 10 << 32 + 5)
        tree.addSelf(other, UInt64(UInt32.max))

        #expect(tree.calls(of: node) == 1 << 32 + 1)
        #expect(tree.resumes(of: node) == 1 << 32)
        #expect(tree.selfNs(of: node) == 5 * step)
        #expect(tree.calls(of: other) == 1)
        #expect(tree.resumes(of: other) == 0)
        #expect(tree.selfNs(of: other) == 10 << 32 + 5 + UInt64(UInt32.max))

        let merged = CallTree()
        merged.merge(tree)
        merged.merge(tree)
        let same = merged.node(forStack: [1, 2])
        #expect(merged.calls(of: same) == 2 * (1 << 32 + 1))
        #expect(merged.resumes(of: same) == 2 * (1 << 32))
        #expect(merged.selfNs(of: same) == 10 * step)
        #expect(merged.selfNs(of: merged.node(forStack: [1, 3])) == 2 * (10 << 32 + 5 + UInt64(UInt32.max)))
        #expect(merged.calls(of: merged.node(forStack: [1, 3])) == 2)
        #expect(merged.stacks().map(\.calls).sorted() == [0, 2, 2 * (1 << 32 + 1)])
    }
}
