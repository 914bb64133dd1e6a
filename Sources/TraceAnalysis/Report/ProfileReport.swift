/// A complete `pyframe report`: the header and one or more tables.
package struct ProfileReport: Sendable {
    /// Processes, totals and losses.
    package var header: ReportHeader
    /// One table for the whole run, or one per thread.
    package var tables: [ReportTable]
    /// The instants the program marked, by process, then time.
    package var marks: [MarkSummary] = []
}
