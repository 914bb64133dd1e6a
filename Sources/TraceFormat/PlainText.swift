/// Text helpers the analyzers, renderers and the command need, written here
/// so that none of them imports the whole of Foundation: FoundationEssentials
/// lacks these, and loading Foundation with ICU cost every `pyframe` run
/// about 8 ms before its first line.
package enum PlainText {
    /// Space, tab and the other Unicode space separators (what Foundation's
    /// `CharacterSet.whitespaces` holds), without newlines.
    @inlinable
    package static func isWhitespace(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// Spaces, tabs and line breaks (`CharacterSet.whitespacesAndNewlines`).
    @inlinable
    package static func isWhitespaceOrNewline(_ c: Character) -> Bool {
        c.isNewline || isWhitespace(c)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    package func trimmingWhitespace() -> SubSequence {
        trimming(PlainText.isWhitespace)
    }

    /// The text without leading and trailing spaces, tabs and line breaks.
    package func trimmingWhitespaceAndNewlines() -> SubSequence {
        trimming(PlainText.isWhitespaceOrNewline)
    }

    /// Where `needle` last occurs (Foundation's `range(of:options: .backwards)`,
    /// literal). Compared as UTF-8 bytes: comparing characters at every
    /// position cost `report` of a trace with 1,600 code records 8% of its
    /// instructions (the path shortener looks for `/site-packages/`).
    package func lastRange(of needle: some StringProtocol) -> Range<Index>? {
        let target = Array(needle.utf8)
        guard let first = target.first else { return nil }
        let bytes = utf8
        var found: Range<Index>?
        var start = bytes.startIndex
        while start < bytes.endIndex {
            if bytes[start] == first {
                var end = start
                var matched = 0
                while matched < target.count, end < bytes.endIndex, bytes[end] == target[matched] {
                    end = bytes.index(after: end)
                    matched += 1
                }
                if matched == target.count { found = start..<end }
            }
            start = bytes.index(after: start)
        }
        return found
    }

    private func trimming(_ drop: (Character) -> Bool) -> SubSequence {
        guard let first = firstIndex(where: { !drop($0) }) else { return self[endIndex...] }
        let last = lastIndex(where: { !drop($0) })!
        return self[first...last]
    }
}
