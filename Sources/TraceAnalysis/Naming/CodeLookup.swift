import FoundationEssentials
import PyBytecode
import TraceFormat

/// The code records of a trace, grouped into functions, and the rules by
/// which `pyframe code` finds the one a user names.
///
/// A NAME is tried, in order, as: `QUALNAME@FILE:LINE`; an exact qualified
/// name (`Class.method`, `outer.<locals>.inner`); a plain name (`method`);
/// `FILE:LINE`, where FILE is the recorded path, a path relative to the
/// recording's working directory, or a trailing part of the path, and LINE is
/// the function's first line or else any line of its body (the innermost
/// function wins: the latest first line, then the fewest lines).
package struct CodeLookup: Sendable {
    package let functions: [RecordedFunction]
    /// The recording's working directory, to shorten and resolve paths.
    package let cwd: String
    /// `sys.version` of the recorded Python.
    package let pythonVersion: String

    /// What a NAME resolved to.
    package enum Match: Sendable {
        case found(RecordedFunction)
        case ambiguous([RecordedFunction])
        case none
    }

    /// Reads every process and code chunk of `path`. Damaged chunks are
    /// reported through `problem` and skipped.
    package static func load(_ path: String, problem: (String) -> Void) throws -> CodeLookup {
        let file = try TraceFile(path: path)
        file.scan.problems.forEach { problem("\($0)") }
        var process: ProcessRecord?
        var records: [CodeRecord] = []
        try file.forEachChunk(problem: { problem("\($0)") }) { _, chunk in
            switch chunk {
            case let .process(p): if process == nil { process = p }
            case let .codes(list): records += list
            default: break
            }
        }
        return CodeLookup(records: records, cwd: process?.cwd ?? "", pythonVersion: process?.pythonVersion ?? "")
    }

    /// Groups `records` by (file, qualified name, first line), keeping one
    /// record per distinct hash.
    package init(records: [CodeRecord], cwd: String, pythonVersion: String) {
        struct Identity: Hashable {
            var filename: String
            var qualname: String
            var firstLine: UInt32
        }
        var order: [Identity] = []
        var byIdentity: [Identity: RecordedFunction] = [:]
        for record in records {
            let identity = Identity(filename: record.filename, qualname: record.qualname, firstLine: record.firstLine)
            let span = LocationTable(record.lineTable, firstLine: Int(record.firstLine)).lineRange
            let first = Int(record.firstLine)
            let lines = span.map { min($0.lowerBound, first)...max($0.upperBound, first) } ?? first...first
            guard var function = byIdentity[identity] else {
                order.append(identity)
                byIdentity[identity] = RecordedFunction(
                    filename: record.filename, qualname: record.qualname, name: record.name,
                    firstLine: record.firstLine, versions: [.init(record: record, ids: [record.id])], lines: lines)
                continue
            }
            if let index = function.versions.firstIndex(where: { $0.record.hash == record.hash }) {
                function.versions[index].ids.append(record.id)
            } else {
                function.versions.append(.init(record: record, ids: [record.id]))
            }
            function.lines = min(function.lines.lowerBound, lines.lowerBound)...max(function.lines.upperBound, lines.upperBound)
            byIdentity[identity] = function
        }
        self.functions = order.map { byIdentity[$0]! }
        self.cwd = cwd
        self.pythonVersion = pythonVersion
    }

    /// The function(s) `name` designates.
    package func match(_ name: String) -> Match {
        if let at = name.firstIndex(of: "@"), let (file, line) = Self.fileAndLine(String(name[name.index(after: at)...])) {
            let qualname = String(name[..<at])
            let exact = functions.filter { $0.qualname == qualname && matchesFile($0.filename, file) && $0.firstLine == line }
            if !exact.isEmpty { return result(exact) }  // else perhaps a FILE:LINE whose path has an "@"
        }
        let byQualname = functions.filter { $0.qualname == name }
        if !byQualname.isEmpty { return result(byQualname) }
        let byName = functions.filter { $0.name == name }
        if !byName.isEmpty { return result(byName) }
        guard let (file, line) = Self.fileAndLine(name) else { return .none }
        let inFile = functions.filter { matchesFile($0.filename, file) }
        let starting = inFile.filter { $0.firstLine == line }
        if !starting.isEmpty { return result(Self.innermost(starting)) }
        let containing = inFile.filter { $0.lines.contains(Int(line)) }
        guard let last = containing.map(\.firstLine).max() else { return .none }
        return result(Self.innermost(containing.filter { $0.firstLine == last }))
    }

    /// Of functions starting on one line (a module and its first def, a def
    /// and a lambda in its defaults), those spanning the fewest lines.
    private static func innermost(_ functions: [RecordedFunction]) -> [RecordedFunction] {
        guard let narrowest = functions.map(\.lines.count).min() else { return [] }
        return functions.filter { $0.lines.count == narrowest }
    }

    /// The shortest NAME that designates exactly `function`: its qualified
    /// name, else `FILE:LINE`, else both.
    package func selector(for function: RecordedFunction) -> String {
        let place = "\(displayPath(function.filename)):\(function.firstLine)"
        for candidate in [function.qualname, place] {
            if case let .found(found) = match(candidate), found.filename == function.filename,
               found.qualname == function.qualname, found.firstLine == function.firstLine {
                return candidate
            }
        }
        return "\(function.qualname)@\(place)"
    }

    /// `filename` relative to the recording's working directory when inside it.
    package func displayPath(_ filename: String) -> String {
        guard !cwd.isEmpty else { return filename }
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return filename.hasPrefix(prefix) ? String(filename.dropFirst(prefix.count)) : filename
    }

    /// Qualified names like `name` (case-insensitive substring), for a hint
    /// when nothing matches.
    package func similarNames(to name: String, limit: Int = 3) -> [String] {
        let needle = name.lowercased()
        var seen = Set<String>()
        return functions.map(\.qualname).filter { $0.lowercased().contains(needle) && seen.insert($0).inserted }
            .prefix(limit).map { $0 }
    }

    private func result(_ found: [RecordedFunction]) -> Match {
        switch found.count {
        case 0: .none
        case 1: .found(found[0])
        default: .ambiguous(found)
        }
    }

    /// Whether the user's FILE designates the recorded `filename`.
    private func matchesFile(_ filename: String, _ file: String) -> Bool {
        if filename == file || displayPath(filename) == file || filename.hasSuffix("/" + file) { return true }
        guard !file.hasPrefix("/"), !cwd.isEmpty else { return false }
        return URL(fileURLWithPath: cwd).appendingPathComponent(file).standardizedFileURL.path == filename
    }

    /// `FILE:LINE` split at its last colon, when LINE is a number.
    private static func fileAndLine(_ text: String) -> (String, UInt32)? {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex,
              let line = UInt32(text[text.index(after: colon)...]) else { return nil }
        return (String(text[..<colon]), line)
    }
}
