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
    /// `LOAD_ATTR` (3.12 on): `co_names[arg >> 1]`; `arg & 1` asks for a method (NULL|self pushed too).
    case attributeName
    /// `LOAD_SUPER_ATTR`: `co_names[arg >> 2]`; `arg & 1` as for ``attributeName``.
    case superAttributeName
    /// `LOAD_FAST_LOAD_FAST` and kin (3.13 on): two locals, `arg >> 4` and `arg & 15`.
    case localPair
    /// A relative jump forward: the target is `offset + 2 + arg * 2` bytes
    /// (plus the inline caches from 3.12 on, see ``DisRules/jumpsSkipCaches``).
    case jumpForward
    /// `END_ASYNC_FOR` (3.14 on): read like a backward jump, shown `from L1`.
    case jumpBackwardFrom
    /// `IMPORT_NAME` (3.15 on): `co_names[arg >> 2]`; bit 0 marks a lazy import, bit 1 an eager one.
    case importName
    /// A relative jump backward: the target is `offset + 2 - arg * 2` bytes.
    case jumpBackward
    /// `FORMAT_VALUE`: a conversion in bits 0–1 and "has a format spec" in bit 2.
    case formatValue
    /// `MAKE_FUNCTION` (to 3.12) and `SET_FUNCTION_ATTRIBUTE` (3.13 on): flags
    /// saying which extras (defaults, closure …) the function gets.
    case makeFunction
    /// `CONVERT_VALUE` (3.13 on): the conversion (`str`, `repr`, `ascii`) indexed by the argument.
    case convertValue
    /// `CALL_INTRINSIC_1` (3.12 on): an index into the one-argument intrinsics.
    case intrinsic1
    /// `CALL_INTRINSIC_2` (3.12 on): an index into the two-argument intrinsics.
    case intrinsic2
    /// `LOAD_SMALL_INT` (3.14 on): the argument is the integer itself.
    case smallInt
    /// `LOAD_SPECIAL` (3.14 on): an index into the special method names (`__enter__` …).
    case specialMethod
    /// `LOAD_COMMON_CONSTANT` (3.14 on): an index into the interpreter's common constants.
    case commonConstant
    /// `BINARY_OP`: an index into the binary operators (`+`, `+=` …).
    case binaryOperator
    /// `KW_NAMES` in 3.11: an index into `co_consts` (the keyword names of the next call).
    /// CPython 3.11's `dis` shows no text for it; pyframe adds the names as a note
    /// (3.12's `dis` shows them, so there it is a ``const``).
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
    public var isJump: Bool { self == .jumpForward || self == .jumpBackward || self == .jumpBackwardFrom }
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

/// How one version's `dis` reads arguments and prints a disassembly, where
/// versions differ in more than their tables. Found by asking each version's
/// `dis` (Tools/gen_opcode_tables.py), not written by hand.
public struct DisRules: Equatable, Sendable {
    /// Relative jumps count from after the jump's inline caches (3.12 on).
    public var jumpsSkipCaches: Bool
    /// COMPARE_OP's operator index is `arg >> compareShift` (3.11: 0, 3.12: 4, 3.13: 5).
    public var compareShift: Int
    /// The COMPARE_OP bit that asks for a bool result, shown `bool(<)` (3.13: 16; 0 for none).
    public var compareBoolFlag: Int
    /// LOAD_GLOBAL/LOAD_ATTR's NULL shown after the name (`len + NULL`, 3.13 on)
    /// rather than before it (`NULL + len`).
    public var nullAfterName: Bool
    /// `dis` prints jump targets as labels (`L1:`, `to L1`) without offsets
    /// and the exception table by label (3.13 on); before, as `>>` and offsets.
    public var labels: Bool
    /// A new line starts also where the line becomes unknown, shown `--` (3.13 on).
    public var lineStartsIncludeNoLine: Bool
    /// `dis` shows IS_OP's and CONTAINS_OP's test (`is not`, `not in` …) (3.14 on);
    /// before, pyframe adds it as a note.
    public var showsTestOperators: Bool

    /// Rules as given.
    public init(jumpsSkipCaches: Bool, compareShift: Int, compareBoolFlag: Int, nullAfterName: Bool,
                labels: Bool, lineStartsIncludeNoLine: Bool, showsTestOperators: Bool = false) {
        self.showsTestOperators = showsTestOperators
        self.jumpsSkipCaches = jumpsSkipCaches
        self.compareShift = compareShift
        self.compareBoolFlag = compareBoolFlag
        self.nullAfterName = nullAfterName
        self.labels = labels
        self.lineStartsIncludeNoLine = lineStartsIncludeNoLine
    }
}

/// One CPython version's bytecode definitions: the 256 opcodes, the small
/// tables their arguments index, and the rules its `dis` follows.
///
/// Each version's contents are generated from that version's own `opcode` and
/// `dis` modules by Tools/gen_opcode_tables.py into `Versions/CPythonXY.swift`;
/// this type only gives them a shape, so that adding a version means
/// generating its file and listing it in ``all``.
public struct OpcodeTable: Sendable {
    /// The Python version the table describes.
    public let version: PythonVersion
    /// The exact interpreter version the table was generated from, e.g. `"3.12.1"`.
    public let generatedFrom: String
    /// The `major.minor` Python version the table describes, e.g. `"3.11"`.
    public var pythonVersion: String { version.description }
    /// `opcode.HAVE_ARGUMENT` (informational from 3.12 on, where `hasarg` decides).
    public let haveArgument: UInt8
    /// The prefix opcode that supplies the next instruction's high argument bits.
    public let extendedArg: UInt8
    /// The opcode number of an inline cache entry.
    public let cache: UInt8
    /// `dis.cmp_op`: what a COMPARE_OP argument means.
    public let compareOperators: [String]
    /// BINARY_OP's operators, as `(NB_ name, symbol)` pairs indexed by argument.
    public let binaryOperators: [(name: String, symbol: String)]
    /// CALL_INTRINSIC_1's intrinsics by argument (3.12 on).
    public let intrinsics1: [String]
    /// CALL_INTRINSIC_2's intrinsics by argument (3.12 on).
    public let intrinsics2: [String]
    /// FORMAT_VALUE's (bits 0–1) or CONVERT_VALUE's conversions as `dis` names them.
    public let formatConversions: [String]
    /// MAKE_FUNCTION's or SET_FUNCTION_ATTRIBUTE's flag names, bit 0 first.
    public let functionFlags: [String]
    /// LOAD_SPECIAL's method names by argument (3.14 on).
    public let specialMethods: [String]
    /// LOAD_COMMON_CONSTANT's constants as `dis` shows them (3.14 on).
    public let commonConstants: [String]
    /// How this version's `dis` reads and prints.
    public let rules: DisRules
    /// MAKE_FUNCTION's flag names (the same list as ``functionFlags``).
    public var makeFunctionFlags: [String] { functionFlags }
    private let opcodes: [OpcodeInfo]
    private let byName: [String: UInt8]

    /// Builds a table from the opcodes a version defines; every other number
    /// is named `<N>` as `dis` does and takes an argument when
    /// `undefinedOpcodesTakeArgument` and it is at least `haveArgument` (3.11).
    public init(version: PythonVersion, generatedFrom: String, extendedArg: UInt8, cache: UInt8,
                undefinedOpcodesTakeArgument: Bool, haveArgument: UInt8, opcodes defined: [OpcodeInfo],
                compareOperators: [String], binaryOperators: [(name: String, symbol: String)],
                intrinsics1: [String], intrinsics2: [String], formatConversions: [String],
                functionFlags: [String], specialMethods: [String], commonConstants: [String],
                rules: DisRules) {
        var all = (0...255).map { (n: Int) -> OpcodeInfo in
            OpcodeInfo(code: UInt8(n), name: "<\(n)>",
                       argument: undefinedOpcodesTakeArgument && n >= Int(haveArgument) ? .plain : .none)
        }
        for info in defined { all[Int(info.code)] = info }
        self.version = version
        self.generatedFrom = generatedFrom
        self.haveArgument = haveArgument
        self.extendedArg = extendedArg
        self.cache = cache
        self.opcodes = all
        self.byName = Dictionary(defined.map { ($0.name, $0.code) }, uniquingKeysWith: { first, _ in first })
        self.compareOperators = compareOperators
        self.binaryOperators = binaryOperators
        self.intrinsics1 = intrinsics1
        self.intrinsics2 = intrinsics2
        self.formatConversions = formatConversions
        self.functionFlags = functionFlags
        self.specialMethods = specialMethods
        self.commonConstants = commonConstants
        self.rules = rules
    }

    /// The description of opcode number `code`.
    public subscript(code: UInt8) -> OpcodeInfo { opcodes[Int(code)] }

    /// The number of the opcode named `name`, or nil when the version has none.
    public func code(named name: String) -> UInt8? { byName[name] }

    /// Every version's table, oldest first.
    public static let all: [OpcodeTable] = [.cpython311, .cpython312, .cpython313, .cpython314, .cpython315]

    /// The table for `version`, or nil when pyframe has none.
    public static func forVersion(_ version: PythonVersion) -> OpcodeTable? {
        all.first { $0.version == version }
    }

    /// The table for a Python version string such as `sys.version`
    /// (`"3.11.7 (main, …)"`) or `"3.11"`; nil for versions without one.
    ///
    /// Bytecode changes with every minor version, so a trace's code objects can
    /// only be read with the table of the Python that recorded them.
    public static func forPythonVersion(_ version: String) -> OpcodeTable? {
        PythonVersion(version).flatMap(forVersion)
    }
}
