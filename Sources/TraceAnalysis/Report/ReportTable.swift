/// One table of a report: every function of a scope (the whole run, or one
/// thread), filtered, sorted and cut as asked.
package struct ReportTable: Sendable {
    /// What the table covers: nil for the whole run, else the thread.
    package var thread: ThreadSummary?
    /// The rows shown, in order.
    package var rows: [ReportRow]
    /// Rows that matched the filter, including those cut by the limit.
    package var matched: Int
    /// All self time in the scope (every function, filtered or not): the
    /// denominator of shares, so that self shares of all functions add up to 100 %.
    package var totalSelfNs: UInt64

    /// The share of `ns` in the scope's time, 0…1.
    package func share(_ ns: UInt64) -> Double {
        totalSelfNs == 0 ? 0 : Double(ns) / Double(totalSelfNs)
    }
}
