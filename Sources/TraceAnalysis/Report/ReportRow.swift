/// One line of a report table: a function version and what it cost.
package struct ReportRow: Sendable {
    /// The function version.
    package var function: FunctionInfo
    /// Its statistics over the table's scope (all threads, or one).
    package var stats: FunctionStats

    /// A row.
    package init(function: FunctionInfo, stats: FunctionStats) {
        self.function = function
        self.stats = stats
    }
}
