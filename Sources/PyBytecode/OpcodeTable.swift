/// How an instruction's argument is to be read, i.e. what it indexes or encodes.
///
/// The disassembler turns the raw number into text from this alone, so that a
/// new Python version needs only a new table (see ``OpcodeTable/cpython311``),
/// not new decoding code, unless it invents a new way of encoding arguments.
public enum ArgumentKind: Equatable, Sendable {
    /// The opcode takes no argument (its oparg byte is ignored).
    case none
    /// A bare number (a count, a depth, flags) that `dis` shows without text.
    case plain
    /// An index into `co_consts`; `dis` shows the constant's repr.
    case const
    /// An index into `co_names`; `dis` shows the name.
    case name
    /// `LOAD_GLOBAL`: `co_names[arg >> 1]`, with a NULL pushed first when `arg & 1`.
    case globalName
    /// An index into the fast locals (`co_varnames`, then cells, then free variables).
    case local
    /// A cell or free variable, indexed like ``local``.
    case free
    /// An index into the comparison operators (`<`, `<=` …).
    case compare
    /// A relative jump forward: the target is `offset + 2 + arg * 2` bytes.
    case jumpForward
    /// A relative jump backward: the target is `offset + 2 - arg * 2` bytes.
    case jumpBackward
    /// `FORMAT_VALUE`: a conversion in bits 0–1 and "has a format spec" in bit 2.
    case formatValue
    /// `MAKE_FUNCTION`: flags saying which extras (defaults, closure …) are on the stack.
    case makeFunction
    /// `BINARY_OP`: an index into the binary operators (`+`, `+=` …).
    case binaryOperator
    /// `KW_NAMES`: an index into `co_consts` (the keyword names of the next call).
    /// CPython 3.11's `dis` shows no text for it; pyframe adds the names as a note.
    case keywordNames
    /// `IS_OP`: 0 is `is`, 1 is `is not`. `dis` shows no text; pyframe notes it.
    case isOperator
    /// `CONTAINS_OP`: 0 is `in`, 1 is `not in`. `dis` shows no text; pyframe notes it.
    case containsOperator
    /// `RAISE_VARARGS`: 0 re-raises, 1 raises, 2 raises from a cause. Noted by pyframe.
    case raiseForm
    /// `CALL_FUNCTION_EX`: bit 0 says a `**kwargs` mapping is on the stack. Noted by pyframe.
    case callFunctionEx
    /// `RESUME`: where the frame resumes (start, after yield, yield from, await). Noted by pyframe.
    case resumeWhere
    /// `GET_AWAITABLE`: 1 after `__aenter__`, 2 after `__aexit__`. Noted by pyframe.
    case awaitableWhere
    /// `UNPACK_EX`: targets before the starred one in the low byte, after it above. Noted by pyframe.
    case unpackEx

    /// True for the two relative jump kinds.
    public var isJump: Bool { self == .jumpForward || self == .jumpBackward }
}

/// Everything the disassembler needs to know about one opcode number.
public struct OpcodeInfo: Equatable, Sendable {
    /// The opcode number (the even byte of a code unit).
    public var code: UInt8
    /// Its name as `dis` prints it; `<N>` for numbers the version does not define.
    public var name: String
    /// How the argument is read; ``ArgumentKind/none`` below `HAVE_ARGUMENT`.
    public var argument: ArgumentKind
    /// How many 2-byte inline CACHE entries follow the instruction in `co_code`.
    public var cacheEntries: Int
    /// The generic opcode a specialised (quickened) one stands for; itself otherwise.
    /// Arguments and caches are those of the generic opcode.
    public var base: UInt8
    /// True when execution never falls through to the next instruction
    /// (returns, raises, unconditional jumps): the next instruction, if no jump
    /// reaches it, can only be entered from the exception table.
    public var endsFlow: Bool

    /// Creates an opcode description.
    public init(code: UInt8, name: String, argument: ArgumentKind, cacheEntries: Int = 0,
                base: UInt8? = nil, endsFlow: Bool = false) {
        self.code = code
        self.name = name
        self.argument = argument
        self.cacheEntries = cacheEntries
        self.base = base ?? code
        self.endsFlow = endsFlow
    }

    /// True when the opcode reads its oparg byte (`code >= HAVE_ARGUMENT`).
    public var hasArgument: Bool { argument != .none }
}

/// One CPython version's bytecode definitions: the 256 opcodes and the small
/// tables their arguments index.
///
/// Version-specific contents live in one file per version (for 3.11:
/// `CPython311.swift`); this type only gives them a shape, so that adding 3.12
/// means adding a file beside it and a case in ``forPythonVersion(_:)``.
public struct OpcodeTable: Sendable {
    /// The `major.minor` Python version the table describes, e.g. `"3.11"`.
    public let pythonVersion: String
    /// The first opcode that takes an argument.
    public let haveArgument: UInt8
    /// The prefix opcode that supplies the next instruction's high argument bits.
    public let extendedArg: UInt8
    /// The opcode number of an inline cache entry.
    public let cache: UInt8
    /// `dis.cmp_op`: what a COMPARE_OP argument means.
    public let compareOperators: [String]
    /// BINARY_OP's operators, as `(NB_ name, symbol)` pairs indexed by argument.
    public let binaryOperators: [(name: String, symbol: String)]
    /// FORMAT_VALUE's conversions (bits 0–1 of its argument) as `dis` names them.
    public let formatConversions: [String]
    /// MAKE_FUNCTION's flag names, bit 0 first.
    public let makeFunctionFlags: [String]
    private let opcodes: [OpcodeInfo]
    private let byName: [String: UInt8]

    /// Builds a table from the opcodes a version defines; every other number
    /// is named `<N>` as `dis` does and takes an argument from `haveArgument` on.
    public init(pythonVersion: String, haveArgument: UInt8, extendedArg: UInt8, cache: UInt8,
                opcodes defined: [OpcodeInfo], compareOperators: [String],
                binaryOperators: [(name: String, symbol: String)], formatConversions: [String],
                makeFunctionFlags: [String]) {
        var all = (0...255).map { (n: Int) -> OpcodeInfo in
            OpcodeInfo(code: UInt8(n), name: "<\(n)>", argument: n >= Int(haveArgument) ? .plain : .none)
        }
        for info in defined { all[Int(info.code)] = info }
        self.pythonVersion = pythonVersion
        self.haveArgument = haveArgument
        self.extendedArg = extendedArg
        self.cache = cache
        self.opcodes = all
        self.byName = Dictionary(defined.map { ($0.name, $0.code) }, uniquingKeysWith: { first, _ in first })
        self.compareOperators = compareOperators
        self.binaryOperators = binaryOperators
        self.formatConversions = formatConversions
        self.makeFunctionFlags = makeFunctionFlags
    }

    /// The description of opcode number `code`.
    public subscript(code: UInt8) -> OpcodeInfo { opcodes[Int(code)] }

    /// The number of the opcode named `name`, or nil when the version has none.
    public func code(named name: String) -> UInt8? { byName[name] }

    /// The table for a Python version string such as `sys.version`
    /// (`"3.11.7 (main, …)"`) or `"3.11"`; nil for versions without one.
    ///
    /// Bytecode changes with every minor version, so a trace's code objects can
    /// only be read with the table of the Python that recorded them.
    public static func forPythonVersion(_ version: String) -> OpcodeTable? {
        let parts = version.prefix { $0 != " " }.split(separator: ".")
        guard parts.count >= 2 else { return nil }
        switch (parts[0], parts[1]) {
        case ("3", "11"): return .cpython311
        default: return nil
        }
    }
}
