/// A shortest edit script between two sequences (Myers' O(ND) algorithm):
/// which elements the two share, in order, and which were removed or added.
///
/// Used to line up two disassemblies so that unchanged instructions sit side
/// by side even when code was inserted or removed between them.
public enum SequenceAlignment {
    /// One step of the alignment, with indexes into the two sequences.
    public enum Step: Equatable, Sendable {
        /// `before[i]` and `after[j]` are equal and aligned.
        case same(Int, Int)
        /// `before[i]` has no counterpart.
        case removed(Int)
        /// `after[j]` has no counterpart.
        case added(Int)
    }

    /// Above this many edits the search stops and the unaligned middle is
    /// reported as removed-then-added, which bounds time and memory (the
    /// search keeps O(D²) integers) for two unrelated functions.
    public static let maximumEdits = 2000

    /// Aligns `before` with `after`, keeping the longest common subsequence.
    /// Removals come before additions where both are possible.
    public static func align<T: Equatable>(_ before: [T], _ after: [T]) -> [Step] {
        // Common ends cost nothing and are the usual case for a patched function.
        var prefix = 0
        while prefix < before.count && prefix < after.count && before[prefix] == after[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < before.count - prefix && suffix < after.count - prefix
                && before[before.count - 1 - suffix] == after[after.count - 1 - suffix] { suffix += 1 }
        var steps = (0..<prefix).map { Step.same($0, $0) }
        let a = Array(before[prefix..<(before.count - suffix)])
        let b = Array(after[prefix..<(after.count - suffix)])
        for step in middle(a, b) {
            switch step {
            case let .same(i, j): steps.append(.same(i + prefix, j + prefix))
            case let .removed(i): steps.append(.removed(i + prefix))
            case let .added(j): steps.append(.added(j + prefix))
            }
        }
        for s in 0..<suffix { steps.append(.same(before.count - suffix + s, after.count - suffix + s)) }
        return steps
    }

    /// Moves each run of only-removed (or only-added) elements up or down to
    /// where it reads best, without changing what is kept: a run can slide
    /// when the element it would uncover equals the one it would cover (in
    /// `a, b, c, a` removing either `a` is the same edit). Among the places a
    /// run can take, it goes where `isBoundary` holds at its first element
    /// (+2) and just after its last (+1; the end of the sequence counts),
    /// the earliest place on ties. For bytecode the boundaries are source-line
    /// starts, so that a removed statement shows as its own instructions
    /// rather than as the tail of one statement and the head of the next.
    public static func slide<T: Equatable>(_ steps: [Step], _ before: [T], _ after: [T],
                                           isBoundaryBefore: (Int) -> Bool,
                                           isBoundaryAfter: (Int) -> Bool) -> [Step] {
        var steps = steps
        var p = 0
        while p < steps.count {
            let removing: Bool
            switch steps[p] {
            case .same: p += 1; continue
            case .removed: removing = true
            case .added: removing = false
            }
            // Index on the run's side, its partner on the other, and the run's kind test.
            func side(_ step: Step) -> (Int, Int)? {
                if case let .same(i, j) = step { return removing ? (i, j) : (j, i) }
                return nil
            }
            func inRun(_ step: Step) -> Bool {
                switch step {
                case .removed: removing
                case .added: !removing
                case .same: false
                }
            }
            func key(_ index: Int) -> T { removing ? before[index] : after[index] }
            func run(_ index: Int) -> Step { removing ? .removed(index) : .added(index) }
            func same(_ index: Int, _ partner: Int) -> Step { removing ? .same(index, partner) : .same(partner, index) }
            func index(of step: Step) -> Int {
                switch step {
                case let .removed(i): i
                case let .added(j): j
                case let .same(i, j): removing ? i : j
                }
            }
            var end = p
            while end < steps.count && inRun(steps[end]) { end += 1 }
            let length = end - p
            // Only pure runs: an opposite run next to this one makes a replacement, left alone.
            let pure = (p == 0 || side(steps[p - 1]) != nil) && (end == steps.count || side(steps[end]) != nil)
            guard pure else { p = end; continue }
            // Slide up while the element above equals the run's last and keeps the run pure.
            while p > 0, let (above, partner) = side(steps[p - 1]),
                  key(above) == key(index(of: steps[end - 1])),
                  p == 1 || side(steps[p - 2]) != nil {
                let first = above
                steps[p - 1] = run(first)
                for k in 0..<length { steps[p + k] = k == length - 1 ? same(first + length, partner) : run(first + 1 + k) }
                p -= 1
                end -= 1
            }
            // Count how far it could slide down again, and score each place.
            let top = index(of: steps[p])
            let count = removing ? before.count : after.count
            let isBoundary = removing ? isBoundaryBefore : isBoundaryAfter
            var partners: [Int] = []
            while end + partners.count < steps.count, let (below, partner) = side(steps[end + partners.count]),
                  key(top + partners.count) == key(below) {
                partners.append(partner)
            }
            // Sliding all the way keeps the run pure only if what follows is a kept element or nothing.
            let followedBySame = end + partners.count == steps.count || side(steps[end + partners.count]) != nil
            let reach = followedBySame ? partners.count : max(0, partners.count - 1)
            func score(_ d: Int) -> Int {
                let last = top + d + length
                return (isBoundary(top + d) ? 2 : 0) + (last >= count || isBoundary(last) ? 1 : 0)
            }
            let best = (0...reach).max { score($0) < score($1) || (score($0) == score($1) && $0 > $1) } ?? 0
            for d in 0..<best { steps[p + d] = same(top + d, partners[d]) }
            for k in 0..<length { steps[p + best + k] = run(top + best + k) }
            for k in 0..<(partners.count - best) {
                steps[p + best + length + k] = same(top + best + length + k, partners[best + k])
            }
            p += best + length
        }
        return steps
    }

    /// Myers' forward search with the frontier of every round kept for the walk back.
    private static func middle<T: Equatable>(_ a: [T], _ b: [T]) -> [Step] {
        let n = a.count
        let m = b.count
        if n == 0 || m == 0 {
            return (0..<n).map { Step.removed($0) } + (0..<m).map { Step.added($0) }
        }
        let limit = min(n + m, maximumEdits)
        let shift = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var rounds: [[Int]] = []  // rounds[d]: v[k] for k in -d...d before round d
        var finalRound: Int?
        search: for d in 0...limit {
            rounds.append(Array(v[(shift - d)...(shift + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[shift + k - 1] < v[shift + k + 1]))
                    ? v[shift + k + 1] : v[shift + k - 1] + 1
                var y = x - k
                while x < n && y < m && a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[shift + k] = x
                if x >= n && y >= m {
                    finalRound = d
                    break search
                }
            }
        }
        guard let last = finalRound else {
            return (0..<n).map { Step.removed($0) } + (0..<m).map { Step.added($0) }
        }
        var steps: [Step] = []
        var x = n
        var y = m
        for d in stride(from: last, through: 0, by: -1) {
            let frontier = rounds[d]
            func at(_ k: Int) -> Int { frontier[k + d] }
            let k = x - y
            let previousK: Int
            if d == 0 {
                previousK = 0
            } else {
                previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            }
            let previousX = d == 0 ? 0 : at(previousK)
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                steps.append(.same(x - 1, y - 1))
                x -= 1
                y -= 1
            }
            if d > 0 {
                steps.append(x == previousX ? .added(y - 1) : .removed(x - 1))
            }
            x = previousX
            y = previousY
        }
        return steps.reversed()
    }
}
