/// Where in the source one code unit came from, as `code.co_positions()` gives it.
///
/// Any part can be unknown: some instructions have no location at all
/// (`line == nil`), some have a line but no columns.
public struct SourcePosition: Equatable, Hashable, Sendable {
    /// First line, 1-based.
    public var line: Int?
    /// Last line, 1-based.
    public var endLine: Int?
    /// First column, 0-based, in UTF-8 bytes.
    public var column: Int?
    /// Column just after the end, 0-based, in UTF-8 bytes.
    public var endColumn: Int?

    /// Creates a position.
    public init(line: Int?, endLine: Int?, column: Int?, endColumn: Int?) {
        self.line = line
        self.endLine = endLine
        self.column = column
        self.endColumn = endColumn
    }

    /// A position with nothing known.
    public static let unknown = SourcePosition(line: nil, endLine: nil, column: nil, endColumn: nil)
}

/// A decoded `co_linetable` in the format of CPython 3.11 (and 3.12):
/// the source position of every code unit.
///
/// The table is a sequence of entries, each covering 1–8 code units. The first
/// byte of an entry has bit 7 set, a 4-bit code in bits 3–6 and the length
/// minus one in bits 0–2. Codes 0–9 are the short form (same line, columns in
/// one more byte), 10–12 the one-line form (line + 0…2, two column bytes), 13
/// a line with no columns, 14 the long form (all four fields as varints) and
/// 15 "no location". Lines are deltas from the previous entry's line, starting
/// at `co_firstlineno`; varints are little-endian 6-bit groups with bit 6 as
/// the continuation flag, signed ones zig-zag encoded in the low bit.
///
/// A truncated or malformed table is decoded as far as it goes; the code units
/// it does not reach have no position, as CPython would report for them.
public struct LocationTable: Sendable {
    /// One entry: `length` code units from `start` share `position`.
    public struct Entry: Equatable, Sendable {
        /// The first code unit covered (byte offset / 2).
        public var start: Int
        /// How many code units are covered.
        public var length: Int
        /// Their position.
        public var position: SourcePosition
    }

    /// The entries, in code-unit order, covering the code from unit 0 without gaps.
    public let entries: [Entry]

    /// Decodes `bytes` (a `co_linetable`) for a code object whose
    /// `co_firstlineno` is `firstLine`.
    public init(_ bytes: [UInt8], firstLine: Int) {
        var reader = Reader(bytes: bytes)
        var line = firstLine
        var unit = 0
        var entries: [Entry] = []
        while let first = reader.next() {
            guard first & 0x80 != 0 else { break }  // not an entry start: malformed
            let code = Int((first >> 3) & 0x0F)
            let length = Int(first & 0x07) + 1
            var position = SourcePosition.unknown
            switch code {
            case 0...9:
                guard let second = reader.next() else { break }
                let column = code << 3 | Int((second >> 4) & 0x07)
                position = SourcePosition(line: line, endLine: line, column: column,
                                          endColumn: column + Int(second & 0x0F))
            case 10...12:
                line += code - 10
                guard let column = reader.next(), let end = reader.next() else { break }
                position = SourcePosition(line: line, endLine: line, column: Int(column), endColumn: Int(end))
            case 13:
                guard let delta = reader.signedVarint() else { break }
                line += delta
                position = SourcePosition(line: line, endLine: line, column: nil, endColumn: nil)
            case 14:
                guard let delta = reader.signedVarint(), let endDelta = reader.varint(),
                      let column = reader.varint(), let endColumn = reader.varint() else { break }
                line += delta
                // Columns are stored plus one so that 0 can mean "unknown".
                position = SourcePosition(line: line, endLine: line + endDelta,
                                          column: column == 0 ? nil : column - 1,
                                          endColumn: endColumn == 0 ? nil : endColumn - 1)
            default:  // 15: no location; the running line is unchanged
                break
            }
            entries.append(Entry(start: unit, length: length, position: position))
            unit += length
        }
        self.entries = entries
    }

    /// The position of the code unit at byte `offset`; unknown past the table's end.
    public func position(atOffset offset: Int) -> SourcePosition {
        let unit = offset / 2
        var low = 0
        var high = entries.count
        while low < high {  // the last entry starting at or before `unit`
            let mid = (low + high) / 2
            if entries[mid].start <= unit { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return .unknown }
        let entry = entries[low - 1]
        return unit < entry.start + entry.length ? entry.position : .unknown
    }

    /// Byte offset → line for the offsets where a new source line starts, as
    /// `dis.findlinestarts` gives them: the first entry of each run with a
    /// line different from the last known line (entries with no line neither
    /// start a line nor end the run).
    public var lineStarts: [Int: Int] {
        var starts: [Int: Int] = [:]
        var last: Int?
        for entry in entries {
            guard let line = entry.position.line, line != last else { continue }
            last = line
            starts[entry.start * 2] = line
        }
        return starts
    }

    /// Byte offset → line where a new line starts as CPython 3.13's
    /// `dis.findlinestarts` gives them: the start of every run of entries
    /// with the same line, where "no line" (nil) is a line of its own.
    public var lineStartsIncludingUnknown: [Int: Int?] {
        var starts: [Int: Int?] = [:]
        var last: Int?? = .none  // nothing seen yet
        for entry in entries {
            let line = entry.position.line
            if case let .some(previous) = last, previous == line { continue }
            last = .some(line)
            starts[entry.start * 2] = .some(line)
        }
        return starts
    }

    /// The smallest and largest line any code unit comes from, or nil when
    /// none has a line. A function's body lies within this range.
    public var lineRange: ClosedRange<Int>? {
        var low = Int.max
        var high = Int.min
        for entry in entries {
            if let line = entry.position.line { low = min(low, line); high = max(high, line) }
            if let end = entry.position.endLine { high = max(high, end) }
        }
        return low <= high ? low...high : nil
    }

    /// Reads bytes and the table's varints; nil at the end of the input.
    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func next() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func varint() -> Int? {
            guard var byte = next() else { return nil }
            var value = Int(byte & 0x3F)
            var shift = 0
            while byte & 0x40 != 0 {
                guard let more = next(), shift < 56 else { return nil }
                byte = more
                shift += 6
                value |= Int(byte & 0x3F) << shift
            }
            return value
        }

        mutating func signedVarint() -> Int? {
            guard let raw = varint() else { return nil }
            return raw & 1 != 0 ? -(raw >> 1) : raw >> 1
        }
    }
}
