/// Why a report cannot be built.
package enum ReportError: Error, CustomStringConvertible, Sendable {
    /// `--match` is not a valid regular expression.
    case badPattern(String, String)

    /// One line for the user.
    package var description: String {
        switch self {
        case let .badPattern(pattern, reason): "invalid --match pattern '\(pattern)': \(reason)"
        }
    }
}
