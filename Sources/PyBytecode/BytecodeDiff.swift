import FoundationEssentials
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
        rows(before, after, beforeDisassembler: disassembler, afterDisassembler: disassembler)
    }

    /// The two disassemblies aligned row by row, each side read with its own
    /// version's disassembler (a function recorded under CPython 3.11 before
    /// and 3.13 after): each side keeps its own version's names and texts, so
    /// instructions only line up where both versions spell them alike.
    public static func rows(_ before: CodeRecord, _ after: CodeRecord,
                            beforeDisassembler: Disassembler, afterDisassembler: Disassembler) -> [Row] {
        let left = beforeDisassembler.disassemble(before).instructions
        let right = afterDisassembler.disassemble(after).instructions
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
    ///
    /// `beforePython` and `afterPython` are the `sys.version` of the Pythons
    /// that recorded each side (a trace's `ProcessRecord.pythonVersion`); nil
    /// means 3.11. Each side is read as its own version's bytecode; when the
    /// versions differ, the header names them and says whether the code
    /// differs only because the compilers differ (see ``compareSources(_:python:_:python:)``).
    /// A version pyframe cannot read gives one line saying so instead.
    public static func sideBySide(_ before: CodeRecord, _ after: CodeRecord, width: Int = 100,
                                  beforePython: String? = nil, afterPython: String? = nil) -> [String] {
        let leftDisassembler: Disassembler
        let rightDisassembler: Disassembler
        do {
            leftDisassembler = try beforePython.map { try Disassembler(pythonVersion: $0) } ?? Disassembler()
            rightDisassembler = try afterPython.map { try Disassembler(pythonVersion: $0) } ?? Disassembler()
        } catch {
            return ["(\(error))"]
        }
        let column = (max(width, 40) - 3) / 2
        func line(_ left: String, _ mark: Character, _ right: String) -> String {
            DisassemblyText.trimTrailing(fit(left, column) + " \(mark) " + fit(right, column))
        }
        let crossVersion = leftDisassembler.version != rightDisassembler.version
        var lines: [String] = []
        if crossVersion {
            lines.append(line("before \(hex(before.hash)) (CPython \(leftDisassembler.version))", " ",
                              "after \(hex(after.hash)) (CPython \(rightDisassembler.version))"))
            switch compareSources(before, version: leftDisassembler.version, after, version: rightDisassembler.version) {
            case .compilerOnly:
                lines.append("same source compiled by CPython \(leftDisassembler.version) and "
                             + "\(rightDisassembler.version): the bytecode differs only because the compiler changed")
            case let .sourceDiffers(reason):
                lines.append("compiled by CPython \(leftDisassembler.version) and \(rightDisassembler.version), "
                             + "and the source changed too (\(reason))")
            case .sameVersion:
                break
            }
        } else {
            lines.append(line("before \(hex(before.hash))", " ", "after \(hex(after.hash))"))
        }
        lines.append(line(String(repeating: "-", count: column), " ", String(repeating: "-", count: column)))
        let rows = rows(before, after, beforeDisassembler: leftDisassembler, afterDisassembler: rightDisassembler)
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
        var label = 0
        var offset = 1
        var opname = 1
        var arg = 1

        init(_ instructions: [Instruction]) {
            for instruction in instructions {
                line = max(line, instruction.startsLine.map { String($0).count } ?? 0)
                label = max(label, instruction.label.map { String($0).count + 2 } ?? 0)
                offset = max(offset, String(instruction.offset).count)
                if let arg = instruction.arg {
                    opname = max(opname, min(instruction.opname.count, 20))
                    self.arg = max(self.arg, String(arg).count)
                }
            }
        }

        /// One side's text: line (where one starts), label (3.13 on), offset, name, argument, value.
        func text(_ instruction: Instruction) -> String {
            let labelText = label == 0 ? "" : DisassemblyText.pad(instruction.label.map { "L\($0):" } ?? "", left: label) + " "
            let start = DisassemblyText.pad(instruction.startsLine.map { String($0) } ?? "", left: line) + " "
                + labelText + DisassemblyText.pad(String(instruction.offset), left: offset) + " "
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

    /// How two recordings of one function relate when different CPython
    /// versions may have compiled them.
    public enum SourceComparison: Equatable, Sendable {
        /// One version compiled both: any bytecode difference is the source's.
        case sameVersion
        /// Different versions, and the same source-level content (see
        /// ``sameSourceContent(_:_:)``): the bytecode differs only because
        /// the compiler changed.
        case compilerOnly
        /// Different versions, and the source-level content differs too; the
        /// reason names the first difference found.
        case sourceDiffers(reason: String)
    }

    /// Whether `before` (compiled by `beforeVersion`) and `after` (by
    /// `afterVersion`) differ only because the compiler changed.
    public static func compareSources(_ before: CodeRecord, version beforeVersion: PythonVersion,
                                      _ after: CodeRecord, version afterVersion: PythonVersion) -> SourceComparison {
        guard beforeVersion != afterVersion else { return .sameVersion }
        if let reason = sourceDifference(before, after) { return .sourceDiffers(reason: reason) }
        // Small integers are left out of the constants above (3.14 loads
        // them with LOAD_SMALL_INT, without a constant); here they are read
        // from each side's instructions as its own version loads them.
        let smallBefore = smallIntegers(before, version: beforeVersion)
        let smallAfter = smallIntegers(after, version: afterVersion)
        if smallBefore != smallAfter {
            let changed = smallBefore.symmetricDifference(smallAfter).sorted().prefix(3).joined(separator: ", ")
            return .sourceDiffers(reason: "constants \(changed)")
        }
        return .compilerOnly
    }

    /// The small integer literals (-5 to 256) `code` loads, as `dis` shows
    /// them; empty when its version cannot be read.
    static func smallIntegers(_ code: CodeRecord, version: PythonVersion) -> Set<String> {
        guard let disassembler = try? Disassembler(version: version) else { return [] }
        var out = Set<String>()
        for i in disassembler.disassemble(code).instructions {
            let text = i.opname == "LOAD_SMALL_INT" ? i.arg.map(String.init)
                : ["LOAD_CONST", "RETURN_CONST"].contains(i.opname) ? i.argumentText : nil
            if let text, let value = Int(text), (-5...256).contains(value) { out.insert(String(value)) }
        }
        return out
    }

    /// ``compareSources(_:version:_:version:)`` for the `sys.version` strings
    /// traces record; nil when either names no version.
    public static func compareSources(_ before: CodeRecord, python beforePython: String,
                                      _ after: CodeRecord, python afterPython: String) -> SourceComparison? {
        guard let b = PythonVersion(beforePython), let a = PythonVersion(afterPython) else { return nil }
        return compareSources(before, version: b, after, version: a)
    }

    /// True when the bytecode of `before` and `after` differs only because
    /// different CPython versions compiled the same source (false when one
    /// version compiled both, or the source changed, or a version is unknown).
    public static func differsOnlyByCompiler(_ before: CodeRecord, python beforePython: String,
                                             _ after: CodeRecord, python afterPython: String) -> Bool {
        compareSources(before, python: beforePython, after, python: afterPython) == .compilerOnly
    }

    /// True when two code records hold the same source-level content,
    /// whichever CPython compiled them (see ``sourceDifference(_:_:)``).
    public static func sameSourceContent(_ a: CodeRecord, _ b: CodeRecord) -> Bool {
        sourceDifference(a, b) == nil
    }

    /// What differs between two code records at the source level, or nil when
    /// nothing does, ignoring what CPython 3.11 to 3.15 compile differently
    /// from the same source. Compared:
    /// - qualified name, name, first line, argument counts and argument names
    ///   (the leading `co_varnames`, with `*args`/`**kwargs`);
    /// - the literal constants as a set: tuples, frozensets and slices are
    ///   taken apart (compilers fold them differently); left out are `None`,
    ///   booleans, small integers (-5…256: 3.14 loads them with
    ///   LOAD_SMALL_INT), empty strings and tuples, identifier-like strings
    ///   (attribute, keyword and annotation names, which versions move between
    ///   constants, names and helper code), and code objects of
    ///   comprehensions (inlined from 3.12 on) and of `__annotate__` (3.14 on);
    ///   nested functions and classes count by name and line;
    /// - `co_names` and the local, cell and free variables as sets, without
    ///   the names only some versions' compilers add (`__static_attributes__`,
    ///   `__firstlineno__`, `__annotate__`, `__classdict__` …); where one side
    ///   has comprehension code objects and the other has none (inlined), the
    ///   inlining side may have more, and where one side has `__annotate__`
    ///   code objects (3.14's lazy annotations) and the other none, the other
    ///   side may have more (the names its annotations use).
    /// Bytecode, line table and stack use are never compared: they are the compiler's.
    public static func sourceDifference(_ a: CodeRecord, _ b: CodeRecord) -> String? {
        if a.qualname != b.qualname { return "qualified name \(a.qualname) → \(b.qualname)" }
        if a.firstLine != b.firstLine { return "first line \(a.firstLine) → \(b.firstLine)" }
        if (a.argCount, a.posOnlyArgCount, a.kwOnlyArgCount) != (b.argCount, b.posOnlyArgCount, b.kwOnlyArgCount) {
            return "argument counts"
        }
        func argumentNames(_ code: CodeRecord) -> [String] {
            let flags = CodeFlags(rawValue: code.flags)
            let count = Int(code.argCount + code.kwOnlyArgCount) + (flags.contains(.varArgs) ? 1 : 0)
                + (flags.contains(.varKeywords) ? 1 : 0)
            return Array(code.varnames.prefix(count))
        }
        if argumentNames(a) != argumentNames(b) { return "argument names" }
        let constsA = SourceConstants.literals(a.consts)
        let constsB = SourceConstants.literals(b.consts)
        if constsA != constsB {
            let changed = constsA.symmetricDifference(constsB).sorted().prefix(3).joined(separator: ", ")
            return "constants \(changed)"
        }
        // The side that compiled comprehensions or annotations into code objects
        // of their own (3.11's comprehensions, 3.14's __annotate__) lacks their
        // names; the other side may have more.
        func moves(_ code: CodeRecord) -> (comprehensions: Bool, annotations: Bool) {
            (code.consts.contains(where: SourceConstants.isComprehension),
             code.consts.contains { $0.hasPrefix("<code object __annotate__,") })
        }
        let (movesA, movesB) = (moves(a), moves(b))
        let bMayHaveMore = (movesA.comprehensions && !movesB.comprehensions) || (movesA.annotations && !movesB.annotations)
        let aMayHaveMore = (movesB.comprehensions && !movesA.comprehensions) || (movesB.annotations && !movesA.annotations)
        for (what, x, y) in [("names", a.names, b.names),
                             ("variables", a.varnames + a.cellvars + a.freevars, b.varnames + b.cellvars + b.freevars)] {
            let setA = Set(x).subtracting(SourceConstants.compilerNames)
            let setB = Set(y).subtracting(SourceConstants.compilerNames)
            let same = setA == setB || (bMayHaveMore && setA.isSubset(of: setB)) || (aMayHaveMore && setB.isSubset(of: setA))
            if !same {
                let changed = setA.symmetricDifference(setB).sorted().prefix(3).joined(separator: ", ")
                return "\(what) \(changed)"
            }
        }
        return nil
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

/// The constants of a code record reduced to what the source wrote, for
/// ``BytecodeDiff/sourceDifference(_:_:)``.
enum SourceConstants {
    /// Names that only some versions' compilers add to a code object.
    static let compilerNames: Set<String> = [
        "__static_attributes__", "__firstlineno__", "__annotate__", "__annotate_func__", "__annotations__",
        "__conditional_annotations__", "__classdict__", "__classdictcell__", "__type_params__", ".type_params",
        ".defaults", ".kwdefaults", ".format",
    ]

    /// A list, set or dict comprehension's code object (inlined from 3.12 on).
    static func isComprehension(_ const: String) -> Bool {
        ["listcomp", "setcomp", "dictcomp"].contains { const.hasPrefix("<code object <\($0)>, line ") }
    }

    /// The literal values among `consts` (their reprs), taken apart and filtered.
    static func literals(_ consts: [String]) -> Set<String> {
        var out = Set<String>()
        for const in consts { collect(Substring(const), into: &out) }
        return out
    }

    private static func collect(_ text: Substring, into out: inout Set<String>) {
        let text = text.trimmingWhitespace()
        if text.isEmpty || ["None", "True", "False", "()", "''", "\"\"", "frozenset()"].contains(text) { return }
        if let value = Int(text), (-5...256).contains(value) { return }
        if text.hasPrefix("<code object ") {
            if isComprehension(String(text)) || text.hasPrefix("<code object __annotate__,") { return }
            out.insert(String(text))
            return
        }
        if let quote = text.first, quote == "'" || quote == "\"", text.count >= 2, text.last == quote {
            let body = text.dropFirst().dropLast()
            if let first = body.first, first == "_" || first.isLetter,
               body.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) { return }  // an identifier
            out.insert(String(text))
            return
        }
        for (open, close) in [("(", ")"), ("frozenset({", "})"), ("slice(", ")")]
        where text.hasPrefix(open) && text.hasSuffix(close) && text.count >= open.count + close.count {
            let inner = text.dropFirst(open.count).dropLast(close.count)
            if let parts = splitTopLevel(inner) {
                for part in parts { collect(part, into: &out) }
                return
            }
        }
        out.insert(String(text))
    }

    /// `text` split at commas outside quotes and brackets; nil when it does not parse (a cut repr).
    private static func splitTopLevel(_ text: Substring) -> [Substring]? {
        var parts: [Substring] = []
        var depth = 0
        var quote: Character?
        var escaped = false
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if "([{".contains(c) {
                depth += 1
            } else if ")]}".contains(c) {
                depth -= 1
                if depth < 0 { return nil }
            } else if c == "," && depth == 0 {
                parts.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        guard quote == nil, depth == 0 else { return nil }
        parts.append(text[start...])
        return parts
    }
}
