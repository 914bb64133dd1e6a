import TraceFormat

/// One function version as the renderers show it.
public struct FunctionInfo: Sendable {
    /// File, qualified name and first line.
    public var identity: FunctionIdentity
    /// The bytecode hash of this version (0 for unknown code).
    public var hash: UInt64
    /// 0 when the function has one version in the analysed traces, else 1, 2 …
    /// in order of first appearance.
    public var version: Int
    /// The file path as recorded.
    public var rawPath: String
    /// The code record, for disassembly; nil for unknown code.
    public var record: CodeRecord?

    /// `qualname (file:line)`, with ` [vN]` when the function has several versions.
    public var name: String {
        version > 0 ? "\(identity.displayName) [v\(version)]" : identity.displayName
    }
}
