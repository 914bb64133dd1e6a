import Testing
@testable import PyBytecode

/// The Myers alignment behind the side-by-side diff.
@Suite struct SequenceAlignmentTests {
    /// Rebuilds both sides from the steps and counts what was kept.
    func check(_ a: [Character], _ b: [Character]) -> (kept: Int, steps: [SequenceAlignment.Step]) {
        let steps = SequenceAlignment.align(a, b)
        var left: [Character] = []
        var right: [Character] = []
        var kept = 0
        for step in steps {
            switch step {
            case let .same(i, j):
                #expect(a[i] == b[j])
                left.append(a[i]); right.append(b[j]); kept += 1
            case let .removed(i): left.append(a[i])
            case let .added(j): right.append(b[j])
            }
        }
        #expect(left == a)
        #expect(right == b)
        return (kept, steps)
    }

    /// Longest common subsequence length by dynamic programming, as the reference.
    func lcs(_ a: [Character], _ b: [Character]) -> Int {
        var row = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var diagonal = 0
            for (j, y) in b.enumerated() {
                let above = row[j + 1]
                row[j + 1] = x == y ? diagonal + 1 : max(row[j + 1], row[j])
                diagonal = above
            }
        }
        return row[b.count]
    }

    @Test func classicExample() {
        let (kept, _) = check(Array("ABCABBA"), Array("CBABAC"))
        #expect(kept == 4)
    }

    @Test func removalsComeBeforeAdditions() {
        let (_, steps) = check(Array("axb"), Array("ayb"))
        #expect(steps == [.same(0, 0), .removed(1), .added(1), .same(2, 2)])
    }

    @Test func emptySides() {
        #expect(check([], Array("ab")).steps == [.added(0), .added(1)])
        #expect(check(Array("ab"), []).steps == [.removed(0), .removed(1)])
        #expect(check([], []).steps.isEmpty)
    }

    /// Optimal on many pseudo-random pairs over a small alphabet.
    @Test func optimalOnRandomInputs() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33) % bound
        }
        for _ in 0..<300 {
            let a = (0..<next(40)).map { _ in Character(UnicodeScalar(UInt8(97 + next(4)))) }
            let b = (0..<next(40)).map { _ in Character(UnicodeScalar(UInt8(97 + next(4)))) }
            #expect(check(a, b).kept == lcs(a, b))
        }
    }

    /// Beyond the edit budget the middle is reported as replaced, still consistently.
    @Test func unrelatedLongSequencesStayBounded() {
        let a = (0..<3000).map { _ in Character("a") }
        let b = (0..<3000).map { _ in Character("b") }
        let (kept, steps) = check(a, b)
        #expect(kept == 0)
        #expect(steps.count == 6000)
    }
}

/// Sliding removed or added runs to source-line boundaries.
@Suite struct SlideTests {
    let before = Array("ababc")
    let after = Array("abc")

    @Test func slidesToTheEarliestBoundary() {
        let aligned = SequenceAlignment.align(before, after)
        #expect(aligned == [.same(0, 0), .same(1, 1), .removed(2), .removed(3), .same(4, 2)])
        let slid = SequenceAlignment.slide(aligned, before, after,
                                           isBoundaryBefore: { $0 == 0 }, isBoundaryAfter: { _ in false })
        #expect(slid == [.removed(0), .removed(1), .same(2, 0), .same(3, 1), .same(4, 2)])
    }

    @Test func staysWhenItsPlaceIsBest() {
        let aligned = SequenceAlignment.align(before, after)
        let slid = SequenceAlignment.slide(aligned, before, after,
                                           isBoundaryBefore: { $0 == 2 || $0 == 4 }, isBoundaryAfter: { _ in false })
        #expect(slid == aligned)
    }

    @Test func additionsSlideToo() {
        let aligned = SequenceAlignment.align(after, before)
        #expect(aligned == [.same(0, 0), .same(1, 1), .added(2), .added(3), .same(2, 4)])
        let slid = SequenceAlignment.slide(aligned, after, before,
                                           isBoundaryBefore: { _ in false }, isBoundaryAfter: { $0 == 1 })
        #expect(slid == [.same(0, 0), .added(1), .added(2), .same(1, 3), .same(2, 4)])
    }

    /// A removal next to an addition is a replacement and is left where it is.
    @Test func replacementsDoNotSlide() {
        let a = Array("xaay")
        let b = Array("xaby")
        let aligned = SequenceAlignment.align(a, b)
        let slid = SequenceAlignment.slide(aligned, a, b, isBoundaryBefore: { _ in true }, isBoundaryAfter: { _ in true })
        #expect(slid == aligned)
    }
}
