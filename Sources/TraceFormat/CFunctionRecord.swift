/// Once per C function a `--c-calls` recording saw: its identity.
///
/// C functions take ids from the code objects' id space, and their calls
/// are ordinary call/return/unwind events; this record (in a `functions`
/// chunk, written before any events chunk that uses the id) says which
/// function an id is. Names follow cProfile's, so that people who know its
/// output read the same names.
public struct CFunctionRecord: Equatable, Sendable {
    /// How CPython's profiling names the function.
    public enum Kind: UInt8, Sendable {
        /// A module's builtin function (`builtins.sorted`), or a builtin
        /// bound to something other than an instance of a type defining it.
        case function = 0
        /// A method of a type defined in C (`re.Match.group`, `list.append`).
        case method = 1
        /// A builtin function bound to nothing (rare: no module object).
        case unbound = 2
    }

    /// Unique in the trace among code and C function ids, never 0.
    public var id: UInt32
    public var kind: Kind
    /// The module (functions) or the defining type's name (methods), as
    /// CPython spells it (`builtins`, `re.Match`); may be empty.
    public var qualifier: String
    /// The function's name (`sorted`, `group`).
    public var name: String

    /// Creates a record.
    public init(id: UInt32, kind: Kind, qualifier: String, name: String) {
        self.id = id
        self.kind = kind
        self.qualifier = qualifier
        self.name = name
    }

    /// The file name cProfile and pstats give every C function.
    public static let fileName = "~"

    /// The name in cProfile's key (`<built-in method builtins.sorted>`,
    /// `<method 'group' of 're.Match' objects>`), as `_lsprof` builds it.
    public var profileName: String {
        switch kind {
        case .method: return "<method '\(name)' of '\(qualifier)' objects>"
        case .function: return qualifier.isEmpty ? "<built-in method \(name)>" : "<built-in method \(qualifier).\(name)>"
        case .unbound: return qualifier.isEmpty || qualifier == "builtins" ? "<\(name)>" : "<\(qualifier).\(name)>"
        }
    }

    /// The name as pstats prints it: braces for angle brackets
    /// (`{built-in method builtins.sorted}`).
    public var displayName: String {
        "{" + profileName.dropFirst().dropLast() + "}"
    }

    /// The qualified name `--include`/`--exclude` globs match
    /// (`builtins.sorted`, `re.Match.group`).
    public var globName: String { qualifier.isEmpty ? name : "\(qualifier).\(name)" }

    /// The function as a code record, so that every analyzer and export
    /// treats it as one more function: file `~`, line 0, the display name
    /// as qualname and cProfile's key name as name, no bytecode.
    public var codeRecord: CodeRecord {
        var hash = CodeHash()
        hash.add(profileName)
        return CodeRecord(id: id, hash: hash.value, filename: Self.fileName, qualname: displayName,
                          name: profileName, firstLine: 0)
    }
}
