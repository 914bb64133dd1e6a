/// Builds a ``FlameGraph`` from the call trees of analysed traces.
public enum FlameBuilder {
    /// Merges the call trees of every thread of `profiles`, which must have
    /// been analysed with ``AnalysisOptions/collectStacks``.
    public static func build(_ profiles: [TraceProfile], options: FlameOptions = FlameOptions()) -> FlameGraph {
        let catalog = FunctionCatalog(profiles: profiles)
        var graph = FlameGraph(weight: options.weight)
        let severalProcesses = Set(profiles.map(\.process.pid)).count > 1
        // Each function's frame name is made and interned once, at its
        // first node, not once per node (strings were most of the build on a
        // trace of 1,600 functions and 9,000 stacks).
        var nameIds = [Int32](repeating: -1, count: catalog.functions.count)
        /// The id of `f`'s frame name, made and interned.
        func nameId(of f: borrowing FunctionInfo) -> Int32 {
            let marked = options.versionMarks && f.version > 0
            let name = marked ? f.name : f.identity.displayName
            let short = marked ? "\(f.identity.qualname) [v\(f.version)]" : f.identity.qualname
            return graph.nameId(name, short: short,
                                location: f.identity.file.isEmpty ? "" : "\(f.identity.file):\(f.identity.line)")
        }
        // At most every tree's nodes, and a root per thread.
        graph.reserve(nodes: profiles.reduce(1) { $0 + $1.threads.reduce(0) { $0 + ($1.stacks?.count ?? 0) + 1 } },
                      names: catalog.functions.count)
        for (p, profile) in profiles.enumerated() {
            for thread in profile.threads {
                guard let tree = thread.stacks else { continue }
                var base: Int32 = 0
                if options.perThread {
                    let label = severalProcesses ? "[pid \(profile.process.pid) \(thread.name)]" : "[\(thread.name)]"
                    base = graph.child(of: 0, named: label)
                }
                var map = [Int32](repeating: base, count: tree.count)
                for i in 1..<tree.count {
                    let node = Int32(i)
                    let parent = map[Int(tree.parent(of: node))]
                    let code = tree.code(of: node)
                    let mapped: Int32
                    if code == CallTree.otherStacks {
                        mapped = graph.child(of: parent, named: FlameGraph.otherStacksName)
                    } else {
                        let index = catalog.function(trace: p, code: code)
                        if nameIds[index] < 0 { nameIds[index] = nameId(of: catalog.functions[index]) }
                        mapped = graph.child(of: parent, nameId: nameIds[index])
                    }
                    map[i] = mapped
                    let value = options.weight == .time ? tree.selfNs(of: node) : tree.calls(of: node)
                    graph.add(value, to: mapped)
                }
            }
        }
        graph.computeTotals()
        return graph

    }
}
