/// What a report shows.
package struct ReportOptions: Sendable {
    /// Row order.
    package var sort: ReportSort
    /// Most rows per table; nil for all.
    package var limit: Int?
    /// A regular expression a row's name or path must contain; nil for all.
    package var match: String?
    /// One table per thread instead of one for the run.
    package var perThread: Bool

    /// Options with the given values.
    package init(sort: ReportSort = .self, limit: Int? = nil, match: String? = nil, perThread: Bool = false) {
        self.sort = sort
        self.limit = limit
        self.match = match
        self.perThread = perThread
    }

    /// Checks the options that can be wrong (a `match` that is not a regular
    /// expression) before any trace is read.
    package func validate() throws(ReportError) {
        _ = try NameMatcher(match)
    }
}
