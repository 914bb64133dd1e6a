import TraceFormat

/// Which program a process ran, to warn when BEFORE and AFTER differ: the
/// script a Python command line names (`app.py`, `-m pkg.cli`, `-c`), else
/// the command's own name. Directories are left out so that the same
/// script recorded in two checkouts counts as one program.
package enum ProgramIdentity {
    /// The program of a recorded command line (`sys.orig_argv`).
    package static func of(_ argv: [String]) -> String {
        guard let first = argv.first else { return "" }
        let base = { (s: String) in s.split(separator: "/").last.map(String.init) ?? s }
        guard base(first).hasPrefix("python") else { return base(first) }
        var i = 1
        while i < argv.count {
            let a = argv[i]
            if a == "-m", i + 1 < argv.count { return "-m " + argv[i + 1] }
            if a == "-c" || a.hasPrefix("-c") { return "-c" }
            if a.hasPrefix("-m") && a.count > 2 { return "-m " + a.dropFirst(2) }
            // Options that take a value as the next argument.
            if ["-W", "-X", "--check-hash-based-pycs"].contains(a) { i += 2; continue }
            if a.hasPrefix("-") && a != "-" { i += 1; continue }
            return base(a)
        }
        return base(first)
    }

    /// One line saying the sides ran different programs, or nil when they agree.
    package static func mismatch(before: [ProcessRecord], after: [ProcessRecord]) -> String? {
        let b = Set(before.map { of($0.argv) }), a = Set(after.map { of($0.argv) })
        guard !b.isEmpty, !a.isEmpty, b != a else { return nil }
        return "BEFORE and AFTER ran different programs (\(b.sorted().joined(separator: ", ")) vs \(a.sorted().joined(separator: ", "))); functions are paired by name anyway"
    }
}
