import TraceFormat

/// One function of a trace: the identity a user names it by, and every
/// distinct version of its code (a function patched or redefined while the
/// program ran has several).
package struct RecordedFunction: Sendable {
    /// One version: the first record with its hash, and all ids that carried it.
    package struct Version: Sendable {
        package var record: CodeRecord
        package var ids: [UInt32]
    }

    package var filename: String
    package var qualname: String
    package var name: String
    package var firstLine: UInt32
    /// Distinct hashes in the order the trace first shows them.
    package var versions: [Version]
    /// The source lines any version's bytecode comes from, for `file:line` lookups.
    package var lines: ClosedRange<Int>
}
