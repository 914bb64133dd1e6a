import Testing
import TraceAnalysis

/// The call tree's child lookups (last child, the follower of the last
/// child, the caller's list, the table) against a dictionary of stacks:
/// callers that go round their callees, and callers with more callees than
/// a list holds, under a limit and without.
@Suite struct CallTreeLookupTests {
    /// Stacks of depth 1 to 4 under a few callers, visited in rounds (A B C
    /// A B C …) and in a scrambled order, with one caller of 40 callees.
    static func stacks() -> [[UInt32]] {
        var out: [[UInt32]] = []
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: UInt64) -> UInt32 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt32((seed >> 33) % n)
        }
        for round in 0..<50 {
            for callee in UInt32(10)..<13 { out.append([1, 2, callee]) }
            for callee in UInt32(10)..<13 where round % 2 == 0 { out.append([1, 2, callee, callee + 100]) }
            out.append([1, 3, 20 + UInt32(round % 40)])
            for _ in 0..<6 { out.append((0..<(1 + next(4))).map { _ in 1 + next(6) }) }
        }
        return out
    }

    @Test func everyStackHasOneNodeWhateverTheOrder() {
        let tree = CallTree()
        var known: [[UInt32]: Int32] = [:]
        for stack in CallTreeLookupTests.stacks() {
            let node = tree.node(forStack: stack)
            if let earlier = known[stack] { #expect(node == earlier, "stack \(stack)") } else { known[stack] = node }
            #expect(tree.stack(of: node) == stack)
        }
        #expect(Set(known.values).count == known.count)
        #expect(tree.count == Set(known.keys.flatMap { s in (1...s.count).map { Array(s.prefix($0)) } }).count + 1)
    }

    @Test func pastTheLimitAStackStillHasOneNode() {
        let tree = CallTree(limit: 30)
        var known: [[UInt32]: Int32] = [:]
        for stack in CallTreeLookupTests.stacks() {
            let node = tree.node(forStack: stack)
            if let earlier = known[stack] { #expect(node == earlier, "stack \(stack)") } else { known[stack] = node }
            // Its own node, or "other stacks" under its deepest kept caller.
            let path = tree.stack(of: node)
            if path != stack {
                #expect(path.last == CallTree.otherStacks)
                #expect(Array(stack.prefix(path.count - 1)) == path.dropLast())
            }
        }
        #expect(tree.overflowed)
    }
}
