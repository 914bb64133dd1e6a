import TraceAnalysis

/// Prints a ``CallTreeView`` the way pyinstrument's console output reads:
/// one line per frame, indented with box-drawing branches, each with its
/// inclusive time, its share of the whole, its name, where it is and its
/// calls; longest first.
package enum TreeTextRenderer {
    /// The header's lines, then the tree's.
    package static func render(_ view: CallTreeView) -> [String] {
        var out = ReportHeaderText.lines(view.header)
        out.append("")
        let whole = view.lines[0].totalNs
        guard whole > 0 else { return out + ["(no Python time recorded)"] }
        out.append("\(DisplayFormat.duration(whole))  100.0%  all threads")
        var stack: [(line: Int, prefix: String, last: Bool)] = view.lines[0].children.enumerated().reversed().map {
            ($0.element, "", $0.offset == view.lines[0].children.count - 1)
        }
        while let (line, prefix, last) = stack.popLast() {
            let l = view.lines[line]
            out.append(prefix + (last ? "└─ " : "├─ ") + describe(l, view: view, whole: whole))
            let childPrefix = prefix + (last ? "   " : "│  ")
            for (k, child) in l.children.enumerated().reversed() {
                stack.append((child, childPrefix, k == l.children.count - 1))
            }
        }
        out.append("")
        out.append("  time: inclusive time of the stacks through the line; share: of all Python time shown")
        out.append("  [library] lines fold runs of library frames (--hide GLOB, --show-all); [… below X%] sums the smallest callees (--min-share)")
        return out
    }

    /// One line's text after its branch.
    static func describe(_ l: CallTreeView.Line, view: CallTreeView, whole: UInt64) -> String {
        let head = "\(DisplayFormat.duration(l.totalNs))  \(DisplayFormat.percent(Double(l.totalNs) / Double(whole)))  "
        let calls = l.calls == 0 ? "" : "  (\(DisplayFormat.count(l.calls)) call\(l.calls == 1 ? "" : "s"))"
        switch l.kind {
        case .root:
            return head + "all threads"
        case let .thread(name):
            return head + "[thread \(name)]"
        case let .function(f):
            let id = view.functions[f].identity, version = view.functions[f].version
            let location = id.file.isEmpty ? "" : "  \(id.file):\(id.line)"
            return head + id.qualname + (version > 0 ? " [v\(version)]" : "") + location + calls
        case let .folded(group):
            let names = l.hidden.sorted().map { view.functions[$0].identity.qualname }
            let shown = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
            let frames = "\(names.count) function\(names.count == 1 ? "" : "s")"
            return head + "[\(view.folding.groups[group].name): \(frames) hidden] \(shown)" + calls
        case .small:
            return head + "[\(l.hidden.count) more, each below the --min-share]"
        case .otherStacks:
            return head + FlameGraph.otherStacksName
        }
    }
}
