import ArgumentParser

/// What `--limit N` means in every command that takes it (`report`, `flame`,
/// `diff`, `dump`): at most N rows, stacks or events; 0 for all; a negative
/// N is a usage error with the same message everywhere.
enum RowLimit {
    /// The usage error for a negative limit.
    static let message = "--limit must be 0 or more (0 shows all)"

    /// Throws the usage error when `limit` is negative.
    static func validate(_ limit: Int?) throws {
        if let limit, limit < 0 { throw ValidationError(message) }
    }

    /// The limit to apply: nil (everything) for 0, else `limit`.
    static func resolve(_ limit: Int) -> Int? { limit == 0 ? nil : limit }
}
