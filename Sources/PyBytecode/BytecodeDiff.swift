import TraceFormat

/// Side-by-side disassembly of two versions of one function, for
/// `pyframe diff --show-bytecode`: what changed in the bytecode when a
/// function was patched between two recordings (or within one).
public enum BytecodeDiff {
    /// How a row of the comparison relates its two sides.
    public enum Change: Character, Sendable {
        /// The same instruction on both sides (offsets and lines may differ).
        case same = " "
        /// Different instructions in the same place.
        case changed = "|"
        /// Only in `before`.
        case removed = "<"
        /// Only in `after`.
        case added = ">"
    }

    /// One row: an instruction of each version, or of one of them.
    public struct Row: Equatable, Sendable {
        /// The instruction of `before`, nil for an added one.
        public var before: Instruction?
        /// The instruction of `after`, nil for a removed one.
        public var after: Instruction?
        /// How the two relate.
        public var change: Change
    }

    /// The two disassemblies aligned row by row.
    ///
    /// Instructions are compared by opcode name and resolved argument (a
    /// constant's value, a name, `+=` …, or the bare number when `dis` shows
    /// none), not by offset or index, so inserting code does not make the rest
    /// differ. Jumps are compared by where they land: a jump is unchanged when
    /// its target is aligned with the other jump's target. Between aligned
    /// instructions, removed and added ones are paired up as changed rows in
    /// order; the surplus stays removed or added. A block only removed or only
    /// added is placed on source-line boundaries where that is equally short.
    public static func rows(_ before: CodeRecord, _ after: CodeRecord,
                            disassembler: Disassembler = Disassembler()) -> [Row] {
        let left = disassembler.disassemble(before).instructions
        let right = disassembler.disassemble(after).instructions
        let leftKeys = left.map(key)
        let rightKeys = right.map(key)
        let steps = SequenceAlignment.slide(
            SequenceAlignment.align(leftKeys, rightKeys), leftKeys, rightKeys,
            isBoundaryBefore: { left[$0].startsLine != nil }, isBoundaryAfter: { right[$0].startsLine != nil })
        var partner: [Int: Int] = [:]  // before offset → after offset of aligned instructions
        for case let .same(i, j) in steps { partner[left[i].offset] = right[j].offset }

        var rows: [Row] = []
        var removed: [Instruction] = []
        var added: [Instruction] = []
        func flush() {
            for index in 0..<max(removed.count, added.count) {
                let l = index < removed.count ? removed[index] : nil
                let r = index < added.count ? added[index] : nil
                rows.append(Row(before: l, after: r, change: l == nil ? .added : r == nil ? .removed : .changed))
            }
            removed.removeAll()
            added.removeAll()
        }
        for step in steps {
            switch step {
            case let .removed(i): removed.append(left[i])
            case let .added(j): added.append(right[j])
            case let .same(i, j):
                flush()
                let l = left[i]
                let r = right[j]
                let landsAlike = l.jumpTarget.map { partner[$0] == r.jumpTarget } ?? true
                rows.append(Row(before: l, after: r, change: landsAlike ? .same : .changed))
            }
        }
        flush()
        return rows
    }

    /// Lines showing `before` and `after` next to each other, changed
    /// instructions marked in a middle gutter (`|` changed, `<` only before,
    /// `>` only after), under a header naming each version's hash.
    ///
    /// Each side shows the source line where one starts, the offset, the
    /// opcode name, the argument and its resolved value; text wider than a
    /// side (`(width - 3) / 2` columns, `width` at least 40) is cut with `…`.
    public static func sideBySide(_ before: CodeRecord, _ after: CodeRecord, width: Int = 100) -> [String] {
        let column = (max(width, 40) - 3) / 2
        func line(_ left: String, _ mark: Character, _ right: String) -> String {
            DisassemblyText.trimTrailing(fit(left, column) + " \(mark) " + fit(right, column))
        }
        var lines = [
            line("before \(hex(before.hash))", " ", "after \(hex(after.hash))"),
            line(String(repeating: "-", count: column), " ", String(repeating: "-", count: column)),
        ]
        let rows = rows(before, after)
        let widths = Widths(rows.flatMap { [$0.before, $0.after].compactMap { $0 } })
        for row in rows {
            lines.append(line(row.before.map { widths.text($0) } ?? "", row.change.rawValue,
                              row.after.map { widths.text($0) } ?? ""))
        }
        return lines
    }

    /// Column widths fitted to the instructions shown, so that narrow sides
    /// waste no space on padding.
    private struct Widths {
        var line = 1
        var offset = 1
        var opname = 1
        var arg = 1

        init(_ instructions: [Instruction]) {
            for instruction in instructions {
                line = max(line, instruction.startsLine.map { String($0).count } ?? 0)
                offset = max(offset, String(instruction.offset).count)
                if let arg = instruction.arg {
                    opname = max(opname, min(instruction.opname.count, 20))
                    self.arg = max(self.arg, String(arg).count)
                }
            }
        }

        /// One side's text: line (where one starts), offset, name, argument, value.
        func text(_ instruction: Instruction) -> String {
            let start = DisassemblyText.pad(instruction.startsLine.map { String($0) } ?? "", left: line) + " "
                + DisassemblyText.pad(String(instruction.offset), left: offset) + " "
            guard let value = instruction.arg else { return start + instruction.opname }
            let text = start + DisassemblyText.pad(instruction.opname, right: opname) + " "
                + DisassemblyText.pad(String(value), left: arg)
            let resolved = instruction.argumentText
            return resolved.isEmpty ? text : text + " (" + resolved + ")"
        }
    }

    /// What two instructions must share to be aligned: jumps by name only
    /// (their targets are checked after alignment), others by name and
    /// resolved argument, or the bare argument when nothing resolves it.
    private static func key(_ instruction: Instruction) -> String {
        if instruction.jumpTarget != nil { return instruction.opname }
        let text = instruction.argumentText
        return instruction.opname + "\u{0}" + (text.isEmpty ? instruction.arg.map { String($0) } ?? "" : text)
    }

    /// `text` padded or cut (with `…`) to exactly `width` characters.
    private static func fit(_ text: String, _ width: Int) -> String {
        if text.count > width { return String(text.prefix(width - 1)) + "…" }
        return DisassemblyText.pad(text, right: width)
    }

    /// A hash as 16 hex digits, as `pyframe dump` prints it.
    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
