import FoundationEssentials

/// Escaping for the text pyframe writes into SVG, HTML and CSV.
package enum Markup {
    /// Escapes `&`, `<`, `>`, and both quotes, for XML/HTML text and attributes.
    package static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters are not allowed in XML 1.0.
                if c.value < 0x20 && c != "\t" && c != "\n" { out += " " } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
    package static func csv(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }

    /// A frame name fit for folded stacks: `;` separates frames there, and a
    /// line break would end the record, so both are replaced.
    package static func foldedFrame(_ name: String) -> String {
        if !name.utf8.contains(where: { $0 == 0x3B || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return name }
        var out = ""
        for c in name {
            switch c {
            case ";": out.append(",")
            case "\n", "\r", "\t": out.append(" ")
            default: out.append(c)
            }
        }
        return out
    }
}
