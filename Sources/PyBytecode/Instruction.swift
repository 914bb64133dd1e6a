/// One instruction of a disassembly, with the fields of `dis.Instruction`.
///
/// The fields `offset`, `opname`, `arg`, `argrepr`, `startsLine` and
/// `isJumpTarget` are what `dis.get_instructions` yields for the same code
/// (CACHE entries skipped, EXTENDED_ARG shown as its own instruction), so a
/// disassembly can be checked against Python's own. Everything else is extra.
public struct Instruction: Equatable, Sendable {
    /// Byte offset in `co_code`.
    public var offset: Int
    /// The opcode number.
    public var opcode: UInt8
    /// Its name (the specialised name for quickened bytecode, as `dis` prints it).
    public var opname: String
    /// The argument with any EXTENDED_ARG prefixes applied; nil for opcodes
    /// below HAVE_ARGUMENT.
    public var arg: Int?
    /// The argument resolved to text exactly as `dis` shows it in parentheses
    /// (a constant's repr, a name, `to 42`, `+=` …); empty when `dis` shows none.
    public var argrepr: String
    /// What pyframe adds where `dis` shows nothing (KW_NAMES's names,
    /// `not in`, `re-raise` …); nil when there is nothing to add.
    public var note: String?
    /// The source line, when this instruction is the first of a new line.
    public var startsLine: Int?
    /// True when this instruction starts a new line as its version's `dis`
    /// counts them: where ``startsLine`` is set and, from 3.13 on, also where
    /// the line becomes unknown (`dis` shows `--`).
    public var isLineStart: Bool
    /// The full source position of the instruction.
    public var position: SourcePosition
    /// True when a jump instruction targets this offset.
    public var isJumpTarget: Bool
    /// The label `dis` gives this offset from 3.13 on (`L3` is 3): jump targets,
    /// and where exception-table ranges start, end and land; nil otherwise and
    /// in earlier versions, whose `dis` marks `>>` instead.
    public var label: Int?
    /// True when the exception table sends exceptions here (exact when the
    /// table was given to the disassembler, otherwise inferred; see
    /// ``Disassembly/handlersInferred``).
    public var isHandlerTarget: Bool
    /// For jumps, the byte offset jumped to.
    public var jumpTarget: Int?
    /// How many inline CACHE code units follow (not shown as instructions).
    public var cacheEntries: Int

    /// Creates an instruction.
    public init(offset: Int, opcode: UInt8, opname: String, arg: Int?, argrepr: String,
                note: String? = nil, startsLine: Int? = nil, isLineStart: Bool? = nil,
                position: SourcePosition = .unknown, isJumpTarget: Bool = false, label: Int? = nil,
                isHandlerTarget: Bool = false, jumpTarget: Int? = nil, cacheEntries: Int = 0) {
        self.offset = offset
        self.opcode = opcode
        self.opname = opname
        self.arg = arg
        self.argrepr = argrepr
        self.note = note
        self.startsLine = startsLine
        self.isLineStart = isLineStart ?? (startsLine != nil)
        self.position = position
        self.isJumpTarget = isJumpTarget
        self.label = label
        self.isHandlerTarget = isHandlerTarget
        self.jumpTarget = jumpTarget
        self.cacheEntries = cacheEntries
    }

    /// The argument text pyframe shows: `argrepr`, or the note where `dis` shows nothing.
    public var argumentText: String { argrepr.isEmpty ? (note ?? "") : argrepr }

    /// `dis`'s `>>` marker (to 3.12): entered by a jump or from the exception
    /// table; from 3.13 on, whether `dis` gives the offset a label.
    public var isLabel: Bool { label != nil || isJumpTarget || isHandlerTarget }

    /// Size in bytes including the inline caches: the next instruction's offset minus this one's.
    public var size: Int { 2 + 2 * cacheEntries }
}

/// The instructions of one code object, and what they were decoded with.
public struct Disassembly: Equatable, Sendable {
    /// The instructions in offset order.
    public var instructions: [Instruction]
    /// The exception table, when it was given to the disassembler.
    public var exceptionTable: [ExceptionTableEntry]?
    /// True when ``Instruction/isHandlerTarget`` was inferred rather than read
    /// from an exception table: an instruction right after one that never falls
    /// through (return, raise, re-raise, unconditional jump), and that no jump
    /// reaches, can only be an exception handler's entry. That matches `dis`
    /// except after the rare dead code the compiler leaves.
    public var handlersInferred: Bool
    /// Trailing bytes that do not form a whole code unit (malformed input); normally 0.
    public var trailingBytes: Int
    /// The Python version whose bytecode this is.
    public var version: PythonVersion
    /// How that version's `dis` reads and prints (labels or `>>`, …).
    public var rules: DisRules
    /// The labels of 3.13 on (offset → label number), including offsets
    /// past the last instruction that an exception range ends at; empty before 3.13.
    public var labels: [Int: Int]
    /// The size of `co_code` in bytes.
    public var byteCount: Int

    /// Creates a disassembly.
    public init(instructions: [Instruction], exceptionTable: [ExceptionTableEntry]? = nil,
                handlersInferred: Bool = false, trailingBytes: Int = 0,
                version: PythonVersion = PythonVersion(3, 11), rules: DisRules = OpcodeTable.cpython311.rules,
                labels: [Int: Int] = [:], byteCount: Int? = nil) {
        self.instructions = instructions
        self.exceptionTable = exceptionTable
        self.handlersInferred = handlersInferred
        self.trailingBytes = trailingBytes
        self.version = version
        self.rules = rules
        self.labels = labels
        self.byteCount = byteCount ?? (instructions.last.map { $0.offset + $0.size } ?? 0)
    }
}
