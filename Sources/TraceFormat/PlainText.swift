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

    /// Where `needle` last occurs (Foundation's `range(of:options: .backwards)`).
    package func lastRange(of needle: some StringProtocol) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        var start = endIndex
        while start > startIndex {
            start = index(before: start)
            if self[start...].starts(with: needle) {
                return start..<index(start, offsetBy: needle.count)
            }
        }
        return nil
    }

    private func trimming(_ drop: (Character) -> Bool) -> SubSequence {
        guard let first = firstIndex(where: { !drop($0) }) else { return self[endIndex...] }
        let last = lastIndex(where: { !drop($0) })!
        return self[first...last]
    }
}
