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
    /// The full source position of the instruction.
    public var position: SourcePosition
    /// True when a jump instruction targets this offset.
    public var isJumpTarget: Bool
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
                note: String? = nil, startsLine: Int? = nil, position: SourcePosition = .unknown,
                isJumpTarget: Bool = false, isHandlerTarget: Bool = false, jumpTarget: Int? = nil,
                cacheEntries: Int = 0) {
        self.offset = offset
        self.opcode = opcode
        self.opname = opname
        self.arg = arg
        self.argrepr = argrepr
        self.note = note
        self.startsLine = startsLine
        self.position = position
        self.isJumpTarget = isJumpTarget
        self.isHandlerTarget = isHandlerTarget
        self.jumpTarget = jumpTarget
        self.cacheEntries = cacheEntries
    }

    /// The argument text pyframe shows: `argrepr`, or the note where `dis` shows nothing.
    public var argumentText: String { argrepr.isEmpty ? (note ?? "") : argrepr }

    /// `dis`'s `>>` marker: entered by a jump or from the exception table.
    public var isLabel: Bool { isJumpTarget || isHandlerTarget }

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

    /// Creates a disassembly.
    public init(instructions: [Instruction], exceptionTable: [ExceptionTableEntry]? = nil,
                handlersInferred: Bool = false, trailingBytes: Int = 0) {
        self.instructions = instructions
        self.exceptionTable = exceptionTable
        self.handlersInferred = handlersInferred
        self.trailingBytes = trailingBytes
    }
}
