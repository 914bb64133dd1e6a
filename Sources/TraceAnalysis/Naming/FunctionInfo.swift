import TraceFormat

/// One function version as the renderers show it.
package struct FunctionInfo: Sendable {
    /// File, qualified name and first line.
    package var identity: FunctionIdentity
    /// The bytecode hash of this version (0 for unknown code).
    package var hash: UInt64
    /// 0 when the function has one version in the analysed traces, else 1, 2 …
    /// in order of first appearance.
    package var version: Int
    /// The file path as recorded.
    package var rawPath: String
    /// The code record, for disassembly; nil for unknown code.
    package var record: CodeRecord?

    /// `qualname (file:line)`, with ` [vN]` when the function has several versions.
    package var name: String {
        version > 0 ? "\(identity.displayName) [v\(version)]" : identity.displayName
    }
}
