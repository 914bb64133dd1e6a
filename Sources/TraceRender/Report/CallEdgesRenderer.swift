import TraceAnalysis

/// `pyframe report --callers NAME` and `--callees NAME`: for each function
/// whose name or path matches, who called it (or what it called), with the
/// calls and times of each edge, as pstats' `print_callers` and
/// `print_callees` list them.
///
/// The edges are the ones `pyframe export --format pstats` writes, counted as
/// cProfile counts them: calls are all/primitive where they differ (an edge
/// entered again while an activation of the same edge was open is not
/// primitive); self is the callee's self time under that caller; total is
/// the callee's inclusive time from the edge's outermost activations, so a
/// non-recursive function's callers' totals add up to its total.
package enum CallEdgesRenderer {
    /// Which side of each matching function to list.
    package enum Direction: Sendable {
        case callers, callees
    }

    /// Why the listing cannot be made.
    package struct BadPattern: Error, CustomStringConvertible {
        package var description: String
    }

    /// The listing for `profiles` (analysed with stacks).
    package static func render(_ profiles: [TraceProfile], pattern: String, direction: Direction) throws -> [String] {
        let regex: Regex<AnyRegexOutput>
        do { regex = try Regex(pattern) } catch {
            throw BadPattern(description: "invalid pattern '\(pattern)': not a valid regular expression")
        }
        let stats = PstatsExporter.stats(profiles)
        // pyframe's name and raw path of each cProfile label.
        var names: [PstatsExporter.Key: (name: String, path: String)] = [:]
        for f in FunctionCatalog(profiles: profiles).functions {
            guard let r = f.record else { continue }
            names[PstatsExporter.Key(file: r.filename, line: r.firstLine, name: r.name)] = (f.identity.displayName, f.rawPath)
        }
        func name(_ i: Int) -> String { names[stats.keys[i]]?.name ?? "\(stats.keys[i].name) (\(stats.keys[i].file):\(stats.keys[i].line))" }
        func matches(_ i: Int) -> Bool {
            let n = names[stats.keys[i]]
            return [n?.name ?? name(i), n?.path ?? stats.keys[i].file].contains { text in
                (try? regex.firstMatch(in: text)) != nil
            }
        }
        // callees[caller] = callee → edge
        var callees = [[Int: PstatsExporter.Entry]](repeating: [:], count: stats.keys.count)
        for (callee, edges) in stats.callers.enumerated() {
            for (caller, e) in edges { callees[caller][callee] = e }
        }
        let selected = stats.keys.indices.filter(matches).sorted {
            (stats.functions[$0].ctNs, name($1)) > (stats.functions[$1].ctNs, name($0))
        }
        guard !selected.isEmpty else { return ["no function matches '\(pattern)'"] }
        let word = direction == .callers ? "caller" : "callee"
        var out: [String] = []
        for f in selected {
            let s = stats.functions[f]
            if !out.isEmpty { out.append("") }
            out.append("\(word)s of \(name(f)): \(calls(s)) call\(s.nc == 1 ? "" : "s"), self \(DisplayFormat.duration(s.ttNs)), total \(DisplayFormat.duration(s.ctNs))")
            let edges = (direction == .callers ? stats.callers[f] : callees[f]).sorted {
                ($0.value.ctNs, name($1.key)) > ($1.value.ctNs, name($0.key))
            }
            var table = TextTable([.init("calls"), .init("self"), .init("total"), .init(word, right: false)])
            for (other, e) in edges {
                table.add([calls(e), DisplayFormat.duration(e.ttNs), DisplayFormat.duration(e.ctNs), name(other)])
            }
            if edges.isEmpty { out.append("  (none recorded)") } else { out += table.lines() }
        }
        return out
    }

    /// `nc`, or `nc/cc` where they differ (pstats' `66/2`).
    static func calls(_ e: PstatsExporter.Entry) -> String {
        e.nc == e.cc ? DisplayFormat.count(e.nc) : "\(DisplayFormat.count(e.nc))/\(DisplayFormat.count(e.cc))"
    }
}
