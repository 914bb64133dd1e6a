/// The `--match` filter: a regular expression searched in a function's
/// display name and in its recorded path.
struct NameMatcher {
    private let regex: Regex<AnyRegexOutput>?

    /// Compiles `pattern`; nil matches everything.
    init(_ pattern: String?) throws(ReportError) {
        guard let pattern else {
            regex = nil
            return
        }
        do {
            regex = try Regex(pattern)
        } catch {
            throw .badPattern(pattern, "not a valid regular expression")
        }
    }

    /// Whether `function` is selected.
    func matches(_ function: FunctionInfo) -> Bool {
        guard let regex else { return true }
        return [function.name, function.rawPath].contains { text in
            text.contains(regex)
        }
    }
}
