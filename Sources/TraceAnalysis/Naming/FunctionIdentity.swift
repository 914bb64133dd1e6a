/// What makes two code objects "the same function" for a person: the file
/// (as shortened for display), the qualified name and the first line.
///
/// Versions of one function (its code patched at run time) share an identity
/// and differ in their bytecode hash; `pyframe diff` matches functions by
/// identity, `pyframe report` keeps versions apart.
package struct FunctionIdentity: Hashable, Sendable, Comparable {
    /// The shortened file path (empty for unknown code).
    package var file: String
    /// `co_qualname`.
    package var qualname: String
    /// `co_firstlineno`.
    package var line: UInt32

    /// An identity.
    package init(file: String, qualname: String, line: UInt32) {
        self.file = file
        self.qualname = qualname
        self.line = line
    }

    /// `qualname (file:line)`, or just the name for code without a file.
    package var displayName: String {
        file.isEmpty ? qualname : "\(qualname) (\(file):\(line))"
    }

    /// Orders by file, then line, then qualified name (not by display name,
    /// which puts the qualified name first), for stable output.
    package static func < (a: FunctionIdentity, b: FunctionIdentity) -> Bool {
        (a.file, a.line, a.qualname) < (b.file, b.line, b.qualname)
    }
}
