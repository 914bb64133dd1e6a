import Testing
@testable import TraceAnalysis

/// A node's call and resume counts keep their low 32 bits in its record and
/// the rest beside it (``TreeStorage/carries``): counts that pass 2³², in
/// the per-event loop and when trees are merged, against exact sums.
/// (Reaching 2³² by events would take a trace of 8 billion of them, so the
/// records start just below it.)
@Suite struct CallTreeCountTests {
    @Test func countsPassTwoToTheThirtyTwo() {
        let tree = CallTree()
        let node = tree.node(forStack: [1, 2])
        let other = tree.node(forStack: [1, 3])
        tree.storage.nodes.base[Int(node)].calls = UInt32.max - 1
        tree.storage.nodes.base[Int(node)].resumes = UInt32.max
        for _ in 0..<3 { tree.storage.countCall(node) }
        tree.storage.countResume(node)
        tree.storage.countCall(other)
        #expect(tree.calls(of: node) == 1 << 32 + 1)
        #expect(tree.resumes(of: node) == 1 << 32)
        #expect(tree.calls(of: other) == 1)
        #expect(tree.resumes(of: other) == 0)

        let merged = CallTree()
        merged.merge(tree)
        merged.merge(tree)
        let same = merged.node(forStack: [1, 2])
        #expect(merged.calls(of: same) == 2 * (1 << 32 + 1))
        #expect(merged.resumes(of: same) == 2 * (1 << 32))
        #expect(merged.calls(of: merged.node(forStack: [1, 3])) == 2)
        #expect(merged.stacks().map(\.calls).sorted() == [0, 2, 2 * (1 << 32 + 1)])
    }
}
