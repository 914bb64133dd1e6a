import TraceFormat

/// Text renderings in the layout of Python's `dis` module, so that what
/// pyframe prints reads like what one would see exploring the code in Python.
public enum DisassemblyText {
    /// The disassembly as `dis.dis(code)` prints it: a line-number column
    /// (shown once per source line, after a blank line), `>>` on jump and
    /// handler targets, the offset, the opcode name, the argument and, in
    /// parentheses, what it resolves to; then the exception table when known.
    ///
    /// - Parameter notes: when true, instructions for which `dis` shows nothing
    ///   in parentheses show pyframe's note instead (KW_NAMES's names,
    ///   `not in` …). With false the lines are exactly `dis`'s.
    public static func lines(_ disassembly: Disassembly, notes: Bool = true) -> [String] {
        let instructions = disassembly.instructions
        let maxLine = instructions.compactMap(\.startsLine).max()
        let lineWidth = maxLine.map { $0 >= 1000 ? String($0).count : 3 } ?? 0
        let maxOffset = (instructions.last.map { $0.offset + $0.size } ?? 0) - 2
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
