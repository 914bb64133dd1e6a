import FoundationEssentials

/// Escaping for the text pyframe writes into SVG, HTML and CSV.
package enum Markup {
    /// Escapes `&`, `<`, `>`, and both quotes, for XML/HTML text and attributes.
    ///
    /// Works on UTF-8 bytes: every character it replaces is ASCII, and no
    /// byte of a multi-byte character is. Text with nothing to replace (most
    /// frame names) is returned as it is; scalar by scalar, escaping was
    /// 45,000 instructions a tooltip, a tenth of drawing a flame graph's SVG.
    package static func xml(_ text: String) -> String {
        func replaced(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
            // Control characters are not allowed in XML 1.0.
            default: b < 0x20 && b != UInt8(ascii: "\t") && b != UInt8(ascii: "\n")
            }
        }
        guard text.utf8.contains(where: replaced) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out.append(replaced(b) ? UInt8(ascii: " ") : b)
            }
        }
        return String(decoding: out, as: UTF8.self)
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
