import FoundationEssentials

/// The one way pyframe turns a JSON document into text.
enum JSONText {
    /// `value` as JSON, key-sorted (the encoder's own key order changes from
    /// run to run, and outputs are compared with golden files and with each
    /// other): pretty and ending in a newline, or `compact` (for the data
    /// embedded in an HTML page). `snakeCaseKeys` spells Swift's
    /// property names as every pyframe document does (`first_line`), for a
    /// document whose keys are all property names (no dictionaries).
    static func encode<T: Encodable>(_ value: T, compact: Bool = false, snakeCaseKeys: Bool = false) -> String {
        let encoder = JSONEncoder()
        if snakeCaseKeys { encoder.keyEncodingStrategy = .convertToSnakeCase }
        encoder.outputFormatting = compact ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings and numbers cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + (compact ? "" : "\n")
    }
}
