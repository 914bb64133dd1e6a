/// One line of a report table: a function version and what it cost.
public struct ReportRow: Sendable {
    /// The function version.
    public var function: FunctionInfo
    /// Its statistics over the table's scope (all threads, or one).
    public var stats: FunctionStats

    /// A row.
    public init(function: FunctionInfo, stats: FunctionStats) {
        self.function = function
        self.stats = stats
    }
}
