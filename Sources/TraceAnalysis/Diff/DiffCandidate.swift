/// One function on one side of a diff, before it is paired: every version
/// of it that ran on that side (catalog indices, in order of first
/// appearance), and where it lives.
struct DiffCandidate {
    /// Where the function was first seen: its file and qualified name make
    /// its identity, its line is for display and for choosing among namesakes.
    var home: FunctionIdentity
    /// Where its newest version lives (another file when a notebook cell or
    /// an `exec`'d string replaced its code during the run).
    var latest: FunctionIdentity
    /// Catalog indices of its versions.
    var functions: [Int]

    /// True for code compiled from a pseudo-file: `<cell-7>`, `<string>`,
    /// `<ipython-input-3-…>`, any `<…>` name.
    static func isPseudoFile(_ file: String) -> Bool { file.hasPrefix("<") }

    /// True for pseudo-files a program cannot have written to patch itself:
    /// frozen standard-library modules and pyframe's own bootstrap.
    static func isBuiltIn(_ file: String) -> Bool {
        file.hasPrefix("<frozen ") || file == PathShortener.bootstrapName
    }

    /// Names too common to pair across files on their own: module bodies,
    /// top-level lambdas and comprehensions (`<module>`, `<lambda>`, `<listcomp>`).
    static func isGeneric(_ qualname: String) -> Bool { qualname.hasPrefix("<") }

    /// The candidates of one side: one per file, qualified name and first
    /// line, from the catalog indices that ran on it (ascending). Code from a
    /// pseudo-file whose qualified name belongs to exactly one function of a
    /// real file on this side becomes a later version of that function: the
    /// run patched it from a cell or a string.
    static func side(_ functions: [Int], catalog: FunctionCatalog) -> [DiffCandidate] {
        var out: [DiffCandidate] = []
        var index: [FunctionIdentity: Int] = [:]
        for f in functions {
            let identity = catalog.functions[f].identity
            if let i = index[identity] {
                out[i].functions.append(f)
            } else {
                index[identity] = out.count
                out.append(DiffCandidate(home: identity, latest: identity, functions: [f]))
            }
        }
        var byName: [String: [Int]] = [:]
        for (i, c) in out.enumerated() where !isGeneric(c.home.qualname) { byName[c.home.qualname, default: []].append(i) }
        var absorbed = Set<Int>()
        for (_, members) in byName {
            let real = members.filter { !isPseudoFile(out[$0].home.file) }
            let pseudo = members.filter { isPseudoFile(out[$0].home.file) && !isBuiltIn(out[$0].home.file) }
            guard real.count == 1, pseudo.count == 1, members.count == 2 else { continue }
            out[real[0]].functions += out[pseudo[0]].functions
            out[real[0]].latest = out[pseudo[0]].home
            absorbed.insert(pseudo[0])
        }
        return out.indices.filter { !absorbed.contains($0) }.map { out[$0] }
    }
}
