/// The call tree as `pyframe tree` prints it: the call trees of every
/// thread merged by function (or one subtree per thread), runs of library
/// frames folded into one line per library, and children below a share of
/// the whole summed into one line.
package struct CallTreeView: Sendable {
    /// What a line stands for.
    package enum Kind: Hashable, Sendable {
        /// The root: all threads.
        case root
        /// One thread (with `perThread`).
        case thread(String)
        /// A function, by index into ``functions``.
        case function(Int)
        /// A run of frames of one folded library (index into ``LibraryFolding/groups``).
        case folded(Int)
        /// Children below the share threshold, summed.
        case small
        /// Stacks beyond a call tree's limit (see ``CallTree/otherStacks``).
        case otherStacks
    }

    /// One line.
    package struct Line: Sendable {
        package var kind: Kind
        /// The parent line (-1 for the root); always before its children.
        package var parent: Int = -1
        /// Inclusive time of this line's stacks, ns.
        package var totalNs: UInt64 = 0
        /// Time with this line's frame innermost (for a folded line: any frame of the run), ns.
        package var selfNs: UInt64 = 0
        /// Calls (entries of kind call) into this line's frame.
        package var calls: UInt64 = 0
        /// Folded lines: the distinct functions of the run; small lines: the lines summed.
        package var hidden: Set<Int> = []
        /// Children, by total time, longest first.
        package var children: [Int] = []
    }

    /// What the report's header says of the traces.
    package let header: ReportHeader
    /// The functions lines refer to.
    package let functions: [FunctionInfo]
    /// The folding applied.
    package let folding: LibraryFolding
    /// Line 0 is the root.
    package private(set) var lines: [Line] = [Line(kind: .root)]
    private var index: [Key: Int] = [:]

    private struct Key: Hashable {
        var parent: Int
        var kind: Kind
    }

    /// The view of `profiles`' call trees (analysed with stacks).
    /// - Parameters:
    ///   - minShare: children whose time is below this fraction of the whole are summed into one line.
    ///   - perThread: one subtree per thread under the root.
    package init(_ profiles: [TraceProfile], folding: LibraryFolding, minShare: Double, perThread: Bool) {
        let catalog = FunctionCatalog(profiles: profiles)
        functions = catalog.functions
        header = ReportHeader(processes: profiles.map(ProcessSummary.init))
        self.folding = folding
        let groups = catalog.functions.map { folding.group(of: $0.rawPath) }
        let severalProcesses = Set(profiles.map(\.process.pid)).count > 1
        for (p, profile) in profiles.enumerated() {
            for thread in profile.threads {
                guard let tree = thread.stacks else { continue }
                var base = 0
                if perThread {
                    base = line(under: 0, .thread(severalProcesses ? "pid \(profile.process.pid) \(thread.name)" : thread.name))
                }
                // Each tree node's line, and the folded group its line is a run of.
                var mapped = [(line: Int, group: Int?)](repeating: (base, nil), count: tree.count)
                for i in 1..<max(tree.count, 1) {
                    let node = Int32(i)
                    let (parent, parentGroup) = mapped[Int(tree.parent(of: node))]
                    let code = tree.code(of: node)
                    let function = code == CallTree.otherStacks ? nil : catalog.function(trace: p, code: code)
                    let group = function.flatMap { groups[$0] }
                    let target: Int
                    if let group, group == parentGroup {
                        target = parent  // the run goes on
                    } else if let group {
                        target = line(under: parent, .folded(group))
                        lines[target].calls &+= tree.calls(of: node)
                    } else {
                        target = line(under: parent, function.map(Kind.function) ?? .otherStacks)
                        lines[target].calls &+= tree.calls(of: node)
                    }
                    if let function, group != nil { lines[target].hidden.insert(function) }
                    lines[target].selfNs &+= tree.selfNs(of: node)
                    mapped[i] = (target, group)
                }
            }
        }
        for i in lines.indices.reversed() {
            lines[i].totalNs &+= lines[i].selfNs
            if i > 0 { lines[lines[i].parent].totalNs &+= lines[i].totalNs }
        }
        let threshold = UInt64(Double(lines[0].totalNs) * max(minShare, 0))
        for i in lines.indices { order(i, threshold: threshold) }
    }

    /// The child line of `parent` for `kind`, made when missing.
    private mutating func line(under parent: Int, _ kind: Kind) -> Int {
        let key = Key(parent: parent, kind: kind)
        if let existing = index[key] { return existing }
        lines.append(Line(kind: kind, parent: parent))
        let made = lines.count - 1
        lines[parent].children.append(made)
        index[key] = made
        return made
    }

    /// Sorts `line`'s children longest first and sums those below `threshold` into one line.
    private mutating func order(_ line: Int, threshold: UInt64) {
        guard line < lines.count, !lines[line].children.isEmpty else { return }
        var kept: [Int] = []
        var small = Line(kind: .small, parent: line)
        for child in lines[line].children {
            if lines[child].totalNs < threshold || lines[child].totalNs == 0 {
                small.totalNs &+= lines[child].totalNs
                small.calls &+= lines[child].calls
                small.hidden.insert(child)
            } else {
                kept.append(child)
            }
        }
        kept.sort { (lines[$0].totalNs, $1) > (lines[$1].totalNs, $0) }
        if !small.hidden.isEmpty && small.totalNs > 0 {
            lines.append(small)
            kept.append(lines.count - 1)
        }
        lines[line].children = kept
    }
}
