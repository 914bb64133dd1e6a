import TraceAnalysis

/// Writes traces as a Python profile-statistics file, the one
/// `cProfile.Profile.dump_stats` writes: `pstats.Stats(path)`, snakeviz,
/// gprof2dot and tuna read it.
///
/// The file is `marshal.dump` of a dict: `(filename, firstlineno, co_name)`
/// → `(cc, nc, tt, ct, callers)`, where callers maps each caller's key to
/// `(nc, cc, tt, ct)` for that edge. Counts and times follow cProfile: every
/// frame entry is a call, so a generator's or coroutine's resumes are counted
/// in nc (pyframe's report keeps calls and resumes apart); cc counts entries
/// made while no frame of the same function (for an edge: no activation of the
/// same caller→callee edge) was on the thread's stack; tt is self time and ct
/// the time of outermost activations, in seconds. Functions of several traces
/// and threads are merged by key, as cProfile's labels merge them.
package enum PstatsExporter {
    /// cProfile's label of a function.
    package struct Key: Hashable, Comparable, Sendable {
        package var file: String
        package var line: UInt32
        package var name: String

        package static func < (a: Key, b: Key) -> Bool { (a.file, a.line, a.name) < (b.file, b.line, b.name) }
    }

    /// Counts and nanoseconds of a function, or of one caller→callee edge.
    package struct Entry: Equatable, Sendable {
        /// Entries (calls and resumes).
        package var nc: UInt64 = 0
        /// Entries not induced by recursion.
        package var cc: UInt64 = 0
        /// Self time.
        package var ttNs: UInt64 = 0
        /// Inclusive time of outermost activations.
        package var ctNs: UInt64 = 0

        /// An entry with the given values.
        package init(nc: UInt64 = 0, cc: UInt64 = 0, ttNs: UInt64 = 0, ctNs: UInt64 = 0) {
            self.nc = nc; self.cc = cc; self.ttNs = ttNs; self.ctNs = ctNs
        }

        mutating func add(_ o: Entry) {
            nc &+= o.nc; cc &+= o.cc; ttNs &+= o.ttNs; ctNs &+= o.ctNs
        }
    }

    /// The statistics: functions in key order, and per callee its callers.
    package struct Stats: Sendable {
        package var keys: [Key]
        package var functions: [Entry]
        /// callers[callee] = caller index → edge.
        package var callers: [[Int: Entry]]
    }

    /// The marshalled statistics of `profiles`, which must have been analysed
    /// with ``AnalysisOptions/collectStacks``.
    package static func export(_ profiles: [TraceProfile]) -> [UInt8] {
        encode(stats(profiles))
    }

    /// `stats` as a marshalled dict.
    package static func encode(_ stats: Stats) -> [UInt8] {
        var w = MarshalWriter()
        func key(_ k: Key) {
            w.tuple(3)
            w.string(k.file)
            w.int(Int64(k.line))
            w.string(k.name)
        }
        func seconds(_ ns: UInt64) -> Double { Double(ns) / 1e9 }
        w.dict()
        for (i, k) in stats.keys.enumerated() {
            let f = stats.functions[i]
            key(k)
            w.tuple(5)
            w.int(f.cc)
            w.int(f.nc)
            w.float(seconds(f.ttNs))
            w.float(seconds(f.ctNs))
            w.dict()
            for (caller, e) in stats.callers[i].sorted(by: { $0.key < $1.key }) {
                key(stats.keys[caller])
                w.tuple(4)
                w.int(e.nc)
                w.int(e.cc)
                w.float(seconds(e.ttNs))
                w.float(seconds(e.ctNs))
            }
            w.endDict()
        }
        w.endDict()
        return w.bytes
    }

    /// Per-function and per-edge statistics of `profiles`.
    package static func stats(_ profiles: [TraceProfile]) -> Stats {
        let catalog = FunctionCatalog(profiles: profiles)
        // cProfile's label of each catalogued function; versions share one.
        var index: [Key: Int] = [:]
        var keys: [Key] = []
        let keyOf: [Int] = catalog.functions.map { f in
            let k = f.record.map { Key(file: $0.filename, line: $0.firstLine, name: $0.name) }
                ?? Key(file: "~", line: 0, name: f.identity.qualname)
            if let i = index[k] { return i }
            index[k] = keys.count
            keys.append(k)
            return keys.count - 1
        }
        var functions = [Entry](repeating: Entry(), count: keys.count)
        var used = [Bool](repeating: false, count: keys.count)
        var edges: [UInt64: Entry] = [:]
        for (p, profile) in profiles.enumerated() {
            for thread in profile.threads {
                for (code, s) in thread.functions.nonEmpty() {
                    let k = keyOf[catalog.function(trace: p, code: code)]
                    used[k] = true
                    functions[k].add(Entry(nc: s.calls &+ s.resumes, cc: s.primitiveCalls, ttNs: s.selfNs, ctNs: s.totalNs))
                }
                guard let tree = thread.stacks, tree.count > 1 else { continue }
                walk(tree) { code in
                    code == CallTree.otherStacks ? nil : keyOf[catalog.function(trace: p, code: code)]
                } primitiveResumes: { k, n in
                    functions[k].cc &+= n
                } edge: { caller, callee, e in
                    used[caller] = true
                    used[callee] = true
                    edges[UInt64(callee) << 32 | UInt64(caller), default: Entry()].add(e)
                }
            }
        }
        // Keep used functions, in key order.
        let order = keys.indices.filter { used[$0] }.sorted { keys[$0] < keys[$1] }
        var position = [Int](repeating: -1, count: keys.count)
        for (i, k) in order.enumerated() { position[k] = i }
        var callers = [[Int: Entry]](repeating: [:], count: order.count)
        for (pair, e) in edges {
            let callee = position[Int(pair >> 32)], caller = position[Int(pair & 0xFFFF_FFFF)]
            callers[callee][caller] = e
        }
        return Stats(keys: order.map { keys[$0] }, functions: order.map { functions[$0] }, callers: callers)
    }

    /// Walks `tree` depth first, keeping how many frames of each code and
    /// activations of each caller→callee pair enclose each node, and reports
    /// resumes made with no frame of the same code enclosing (primitive) and
    /// every edge's counts and times. `key` maps a code to its function
    /// (nil for "other stacks", which has no edges).
    private static func walk(_ tree: CallTree, key: (UInt32) -> Int?,
                             primitiveResumes: (Int, UInt64) -> Void,
                             edge: (_ caller: Int, _ callee: Int, Entry) -> Void) {
        let count = tree.count
        // Inclusive time: children always have larger indices than parents.
        var inclusive = [UInt64](repeating: 0, count: count)
        for n in stride(from: count - 1, through: 1, by: -1) {
            inclusive[n] &+= tree.selfNs(of: Int32(n))
            inclusive[Int(tree.parent(of: Int32(n)))] &+= inclusive[n]
        }
        // Children lists (compressed rows).
        var start = [Int](repeating: 0, count: count + 1)
        for n in 1..<count { start[Int(tree.parent(of: Int32(n))) + 1] += 1 }
        for i in 0..<count { start[i + 1] += start[i] }
        var fill = start
        var children = [Int32](repeating: 0, count: max(count - 1, 0))
        for n in 1..<count {
            let p = Int(tree.parent(of: Int32(n)))
            children[fill[p]] = Int32(n)
            fill[p] += 1
        }
        var activeCode: [UInt32: Int] = [:]
        var activePair: [UInt64: Int] = [:]
        // The path from the root: node and the next child to visit.
        var path: [(node: Int, next: Int)] = [(0, start[0])]
        while let top = path.last {
            if top.next == start[top.node + 1] {
                path.removeLast()
                let n = top.node
                guard n > 0 else { continue }
                let code = tree.code(of: Int32(n)), parent = Int(tree.parent(of: Int32(n)))
                activeCode[code]! -= 1
                if parent > 0 { activePair[pairKey(tree.code(of: Int32(parent)), code)]! -= 1 }
                continue
            }
            path[path.count - 1].next += 1
            let n = Int(children[top.next])
            let code = tree.code(of: Int32(n))
            let entries = tree.calls(of: Int32(n)) &+ tree.resumes(of: Int32(n))
            let callee = key(code)
            if let callee, activeCode[code, default: 0] == 0 {
                let resumes = tree.resumes(of: Int32(n))
                if resumes > 0 { primitiveResumes(callee, resumes) }
            }
            activeCode[code, default: 0] += 1
            if top.node > 0 {
                let parentCode = tree.code(of: Int32(top.node))
                let pair = pairKey(parentCode, code)
                let enclosing = activePair[pair, default: 0]
                if let callee, let caller = key(parentCode) {
                    var e = Entry(nc: entries, cc: 0, ttNs: tree.selfNs(of: Int32(n)), ctNs: 0)
                    if enclosing == 0 {
                        e.cc = entries
                        e.ctNs = inclusive[n]
                    }
                    edge(caller, callee, e)
                }
                activePair[pair] = enclosing + 1
            }
            path.append((n, start[n]))
        }
    }

    private static func pairKey(_ caller: UInt32, _ callee: UInt32) -> UInt64 {
        UInt64(caller) << 32 | UInt64(callee)
    }
}
