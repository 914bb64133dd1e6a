import TraceFormat

/// Pairs the functions of two sides of a diff.
///
/// A function is the same function on both sides when its file (as shown)
/// and qualified name match, wherever its first line went: line numbers are
/// display, never identity. Among several namesakes in one file (two
/// lambdas, conditional definitions) pairs are chosen by body first (the
/// same code, else the most similar bytecode), then by keeping their order
/// in the file, then by the nearest first line; such a pairing is a guess
/// unless the two bodies are the same and unique. Functions left over whose
/// qualified name is unique among the leftovers of both sides pair across
/// files: code recompiled in a notebook cell, moved to another module.
enum FunctionMatcher {
    /// How a pair was found.
    enum Pairing: String, Sendable {
        /// Same file and qualified name, no namesake.
        case sameName = "same-name"
        /// Chosen among namesakes of one file: a guess.
        case nearest
        /// Other file, unique qualified name.
        case byName = "by-name"
    }

    /// One row to be: the before and after candidates (either may be absent).
    struct Match {
        var before: Int?
        var after: Int?
        var pairing: Pairing?
    }

    /// Pairs `before` with `after`; `code` gives a candidate's representative
    /// code record (nil when unknown). Every candidate is in exactly one match.
    static func match(before: [DiffCandidate], after: [DiffCandidate],
                      code: (_ isAfter: Bool, _ candidate: Int) -> CodeRecord?) -> [Match] {
        struct Key: Hashable { var file: String; var qualname: String }
        var groups: [Key: (b: [Int], a: [Int])] = [:]
        var order: [Key] = []
        func add(_ key: Key, _ i: Int, after isAfter: Bool) {
            if groups[key] == nil { groups[key] = ([], []); order.append(key) }
            if isAfter { groups[key]!.a.append(i) } else { groups[key]!.b.append(i) }
        }
        for (i, c) in before.enumerated() { add(Key(file: c.home.file, qualname: c.home.qualname), i, after: false) }
        for (i, c) in after.enumerated() { add(Key(file: c.home.file, qualname: c.home.qualname), i, after: true) }

        var matches: [Match] = []
        var leftBefore: [Int] = [], leftAfter: [Int] = []
        for key in order {
            let (b, a) = groups[key]!
            if b.count == 1 && a.count == 1 {
                matches.append(Match(before: b[0], after: a[0], pairing: .sameName))
                continue
            }
            let (pairs, restB, restA) = namesakes(b, a, before: before, after: after, code: code)
            matches += pairs
            leftBefore += restB
            leftAfter += restA
        }
        // Across files, by a qualified name unique among the leftovers.
        var byName: [String: (b: [Int], a: [Int])] = [:]
        for i in leftBefore where !DiffCandidate.isGeneric(before[i].home.qualname) {
            byName[before[i].home.qualname, default: ([], [])].b.append(i)
        }
        for i in leftAfter where !DiffCandidate.isGeneric(after[i].home.qualname) {
            byName[after[i].home.qualname, default: ([], [])].a.append(i)
        }
        var pairedB = Set<Int>(), pairedA = Set<Int>()
        for (_, g) in byName where g.b.count == 1 && g.a.count == 1 {
            matches.append(Match(before: g.b[0], after: g.a[0], pairing: .byName))
            pairedB.insert(g.b[0])
            pairedA.insert(g.a[0])
        }
        matches += leftBefore.filter { !pairedB.contains($0) }.map { Match(before: $0, after: nil, pairing: nil) }
        matches += leftAfter.filter { !pairedA.contains($0) }.map { Match(before: nil, after: $0, pairing: nil) }
        return matches
    }

    /// Pairs namesakes of one file greedily: the same body first, then (when
    /// both sides hold as many) the same rank in line order, since a shift
    /// moves every function alike, then the most similar bytecode, then the
    /// nearest first line.
    private static func namesakes(_ b: [Int], _ a: [Int], before: [DiffCandidate], after: [DiffCandidate],
                                  code: (Bool, Int) -> CodeRecord?) -> ([Match], [Int], [Int]) {
        let sb = b.sorted { before[$0].home.line < before[$1].home.line }
        let sa = a.sorted { after[$0].home.line < after[$1].home.line }
        struct Option { var i: Int; var j: Int; var score: Double; var same: Bool; var rank: Int; var distance: Int }
        var options: [Option] = []
        for (i, x) in sb.enumerated() {
            for (j, y) in sa.enumerated() {
                let cx = code(false, x), cy = code(true, y)
                let same = cx.flatMap { p in cy.map { CodeBody.same(p, $0) } } ?? false
                let score = same ? 1 : (cx.flatMap { p in cy.map { CodeBody.similarity(p, $0) } } ?? 0)
                options.append(Option(i: i, j: j, score: score, same: same, rank: abs(i - j),
                                      distance: abs(Int(before[x].home.line) - Int(after[y].home.line))))
            }
        }
        // Ranks say something only when both sides hold as many namesakes.
        let ranked = sb.count == sa.count
        options.sort {
            ($0.same ? 1 : 0, ranked ? -$0.rank : 0, $0.score, -$0.distance)
                > ($1.same ? 1 : 0, ranked ? -$1.rank : 0, $1.score, -$1.distance)
        }
        var usedB = Set<Int>(), usedA = Set<Int>()
        var matches: [Match] = []
        for o in options where !usedB.contains(o.i) && !usedA.contains(o.j) {
            usedB.insert(o.i)
            usedA.insert(o.j)
            // Certain only when both bodies are the same and no namesake shares them.
            let unique = o.same && options.filter { ($0.i == o.i || $0.j == o.j) && $0.same }.count == 1
            matches.append(Match(before: sb[o.i], after: sa[o.j], pairing: unique ? .sameName : .nearest))
        }
        return (matches, sb.indices.filter { !usedB.contains($0) }.map { sb[$0] },
                sa.indices.filter { !usedA.contains($0) }.map { sa[$0] })
    }
}
