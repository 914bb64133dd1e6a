/// The few JSON pieces the streaming exporters write by hand.
///
/// Chrome and speedscope documents are written event by event, never built
/// as a whole, so `JSONEncoder` (which needs the whole value) cannot be used;
/// these helpers make the text of single values.
enum ExportJSON {
    /// `text` as a JSON string literal, quotes included, with the characters
    /// JSON requires escaped (quotes, backslashes, control characters).
    static func quote(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Nanoseconds as a decimal number of microseconds with three decimals
    /// (`1234567` → `1234.567`), exact where a `Double` would round.
    static func micros(_ ns: UInt64) -> String {
        let fraction = String(ns % 1000)
        return "\(ns / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
