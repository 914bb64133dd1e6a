import TraceFormat

/// Text renderings in the layout of Python's `dis` module, so that what
/// pyframe prints reads like what one would see exploring the code in Python.
public enum DisassemblyText {
    /// The disassembly as the recording version's `dis.disassemble(code)`
    /// prints it. Up to 3.12: a line-number column (shown once per source
    /// line, after a blank line), `>>` on jump and handler targets, the
    /// offset, the opcode name, the argument and, in parentheses, what it
    /// resolves to; then the exception table by offsets. From 3.13 on: labels
    /// (`L1:`, `to L1`) instead of `>>` and offsets, `--` where the line is
    /// unknown, and the exception table by labels.
    ///
    /// - Parameters:
    ///   - notes: when true, instructions for which `dis` shows nothing in
    ///     parentheses show pyframe's note instead (KW_NAMES's names, `not in`
    ///     …). With false the lines are exactly `dis`'s.
    ///   - showOffsets: from 3.13 on, whether to show offsets as
    ///     `dis.disassemble(code, show_offsets=True)` does (they are off by
    ///     default there); earlier versions always show them.
    public static func lines(_ disassembly: Disassembly, notes: Bool = true, showOffsets: Bool = false) -> [String] {
        disassembly.rules.labels
            ? labelLines(disassembly, notes: notes, showOffsets: showOffsets)
            : offsetLines(disassembly, notes: notes)
    }

    /// 3.11 and 3.12's layout.
    private static func offsetLines(_ disassembly: Disassembly, notes: Bool) -> [String] {
        let instructions = disassembly.instructions
        let maxLine = instructions.compactMap(\.startsLine).max()
        let lineWidth = maxLine.map { $0 >= 1000 ? String($0).count : 3 } ?? 0
        let maxOffset = disassembly.byteCount - 2
        let offsetWidth = maxOffset >= 10000 ? String(maxOffset).count : 4
        var lines: [String] = []
        for instruction in instructions {
            if lineWidth > 0 && instruction.startsLine != nil && instruction.offset > 0 { lines.append("") }
            var fields: [String] = []
            if lineWidth > 0 {
                fields.append(pad(instruction.startsLine.map { String($0) } ?? "", left: lineWidth))
            }
            fields.append("   ")
            fields.append(instruction.isLabel ? ">>" : "  ")
            fields.append(pad(String(instruction.offset), left: offsetWidth))
            fields.append(pad(instruction.opname, right: 20))
            if let arg = instruction.arg {
                fields.append(pad(String(arg), left: 5))
                let text = notes ? instruction.argumentText : instruction.argrepr
                if !text.isEmpty { fields.append("(" + text + ")") }
            }
            lines.append(trimTrailing(fields.joined(separator: " ")))
        }
        if let table = disassembly.exceptionTable, !table.isEmpty {
            lines.append("ExceptionTable:")
            lines += table.map { "  " + $0.disText }
        }
        return lines
    }

    /// 3.13's layout (`dis.Formatter`).
    private static func labelLines(_ disassembly: Disassembly, notes: Bool, showOffsets: Bool) -> [String] {
        let instructions = disassembly.instructions
        let starts = instructions.filter(\.isLineStart)
        let maxLine = starts.compactMap(\.startsLine).filter { $0 != 0 }.max()
        var lineWidth = maxLine.map { max(3, String($0).count) } ?? 0
        if lineWidth > 0 && lineWidth < 4 && starts.contains(where: { $0.startsLine == nil }) { lineWidth = 4 }
        let labelWidth = 4 + String(disassembly.labels.count).count
        let offsetWidth = showOffsets ? String(max(disassembly.byteCount - 2, 9999)).count : 0
        var lines: [String] = []
        for instruction in instructions {
            if lineWidth > 0 && instruction.isLineStart && instruction.offset > 0 { lines.append("") }
            var fields: [String] = []
            if lineWidth > 0 {
                let line = instruction.isLineStart ? instruction.startsLine.map { String($0) } ?? "  --" : ""
                fields.append(pad(line, left: lineWidth))
            }
            fields.append(pad(instruction.label.map { "L\($0):" } ?? "", left: labelWidth))
            if offsetWidth > 0 { fields.append(pad(String(instruction.offset), left: offsetWidth) + "  ") }
            fields.append("   ")
            fields.append(pad(instruction.opname, right: 20))
            if let arg = instruction.arg {
                fields.append(pad(String(arg), left: 5 - max(0, instruction.opname.count - 20)))
                let text = notes ? instruction.argumentText : instruction.argrepr
                if !text.isEmpty { fields.append("(" + text + ")") }
            }
            lines.append(trimTrailing(fields.joined(separator: " ")))
        }
        if let table = disassembly.exceptionTable, !table.isEmpty {
            lines.append("ExceptionTable:")
            let labels = disassembly.labels
            func label(_ offset: Int) -> String { labels[offset].map { "L\($0)" } ?? "\(offset)" }
            lines += table.map {
                "  \(label($0.start)) to \(label($0.end)) -> \(label($0.target)) [\($0.depth)]"
                    + ($0.pushesLastInstruction ? " lasti" : "")
            }
        }
        return lines
    }

    /// The code object's attributes in the layout of `dis.code_info`, plus the
    /// qualified name and first line (which `dis` omits but a trace
    /// identifies functions by). Stack size is not recorded and not shown.
    public static func codeInfo(_ code: CodeRecord) -> [String] {
        var lines = [
            "Name:              \(code.name)",
            "Qualified name:    \(code.qualname)",
            "Filename:          \(code.filename)",
            "First line:        \(code.firstLine)",
            "Argument count:    \(code.argCount)",
            "Positional-only arguments: \(code.posOnlyArgCount)",
            "Kw-only arguments: \(code.kwOnlyArgCount)",
            "Number of locals:  \(code.varnames.count)",
            "Flags:             \(CodeFlags(rawValue: code.flags))",
        ]
        func section(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append(title)
            for (index, item) in items.enumerated() { lines.append(pad(String(index), left: 4) + ": " + item) }
        }
        section("Constants:", code.consts)
        section("Names:", code.names)
        section("Variable names:", code.varnames)
        section("Free variables:", code.freevars)
        section("Cell variables:", code.cellvars)
        return lines
    }

    /// `text` right-aligned in `width` columns (Python's `rjust`).
    static func pad(_ text: String, left width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// `text` left-aligned in `width` columns (Python's `ljust`).
    static func pad(_ text: String, right width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `text` without trailing spaces (Python's `rstrip()` for these lines).
    static func trimTrailing(_ text: String) -> String {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
        return String(text[..<end])
    }
}
