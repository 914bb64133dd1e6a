import TraceFormat

/// One function of a trace: the identity a user names it by, and every
/// distinct version of its code (a function patched or redefined while the
/// program ran has several).
public struct RecordedFunction: Sendable {
    /// One version: the first record with its hash, and all ids that carried it.
    public struct Version: Sendable {
        public var record: CodeRecord
        public var ids: [UInt32]
    }

    public var filename: String
    public var qualname: String
    public var name: String
    public var firstLine: UInt32
    /// Distinct hashes in the order the trace first shows them.
    public var versions: [Version]
    /// The source lines any version's bytecode comes from, for `file:line` lookups.
    public var lines: ClosedRange<Int>
}
