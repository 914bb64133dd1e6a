import Testing
import TraceFormat
import PyFrameTestSupport
@testable import PyBytecode

/// pyframe's disassembly of every fixture code object, checked instruction by
/// instruction and line by line against the `dis` of every CPython in
/// `TestPythons.available` (3.11 to 3.15), each run on its own compilation
/// of the same module.
@Suite struct DisassemblerOracleTests {
    static let pythons = TestPythons.available

    /// The fixture covers what the tests claim to cover, in every version.
    @Test(arguments: pythons) func fixtureIsVaried(python: TestPython) throws {
        let codes = try DisOracle.fixture(python)
        #expect(codes.count >= 40)
        let opnames = Set(codes.flatMap { $0.instructions.map(\.opname) })
        let version = try #require(PythonVersion(python.version))
        var needed = ["EXTENDED_ARG", "MAKE_CELL", "COPY_FREE_VARS", "SEND", "CHECK_EG_MATCH", "MATCH_CLASS",
                      "RETURN_GENERATOR", "CALL_FUNCTION_EX", "DELETE_DEREF", "JUMP_BACKWARD_NO_INTERRUPT"]
        if version == PythonVersion(3, 11) {
            needed += ["KW_NAMES", "LOAD_CLASSDEREF", "FORMAT_VALUE", "POP_JUMP_BACKWARD_IF_NONE",
                       "ASYNC_GEN_WRAP", "IMPORT_STAR"]
        } else {
            needed += ["CALL_INTRINSIC_1", "CALL_INTRINSIC_2", "LOAD_SUPER_ATTR", "LOAD_FAST_AND_CLEAR", "END_FOR"]
        }
        if version < PythonVersion(3, 14) {
            needed += ["SETUP_ANNOTATIONS"]
        }
        if version >= PythonVersion(3, 13) {
            needed += ["LOAD_FAST_LOAD_FAST", "CALL_KW", "TO_BOOL", "CONVERT_VALUE", "FORMAT_SIMPLE",
                       "FORMAT_WITH_SPEC", "SET_FUNCTION_ATTRIBUTE"]
        }
        if version >= PythonVersion(3, 14) {
            needed += ["LOAD_SMALL_INT", "LOAD_FAST_BORROW", "LOAD_FAST_BORROW_LOAD_FAST_BORROW", "LOAD_SPECIAL",
                       "POP_ITER", "LOAD_COMMON_CONSTANT", "BUILD_TEMPLATE", "BUILD_INTERPOLATION",
                       "END_ASYNC_FOR", "NOT_TAKEN"]
        }
        for name in needed {
            #expect(opnames.contains(name), "\(python): fixture lacks \(name)")
        }
        #expect(codes.contains { $0.consts.count > 256 })
        #expect(codes.contains { $0.names.count > 256 })
        #expect(codes.contains { $0.varnames.count > 256 })
        #expect(codes.contains { $0.code.count / 2 > 10_000 })
    }

    /// offset, opname, opcode, arg, argrepr, the line started and
    /// is_jump_target equal `dis`'s for every instruction of every code object.
    @Test(arguments: pythons) func instructionsMatchDis(python: TestPython) throws {
        let codes = try DisOracle.fixture(python)
        let disassembler = try DisOracle.disassembler(python)
        var compared = 0
        var matchedCodes = 0
        for code in codes {
            let mine = disassembler.disassemble(code.record(), exceptionTable: bytes(hex: code.exceptiontable))
                .instructions
            #expect(mine.count == code.instructions.count, "\(python) \(code.label): instruction count")
            var allSame = mine.count == code.instructions.count
            for (index, (got, want)) in zip(mine, code.instructions).enumerated() {
                let table = disassembler.table
                let expectedArgrepr = table[table[got.opcode].base].argument == .const
                    ? recorderRepr(want.argrepr) : want.argrepr
                let same = got.offset == want.offset && got.opname == want.opname
                    && Int(got.opcode) == want.opcode && got.arg == want.arg && got.argrepr == expectedArgrepr
                    && got.startsLine == want.startsLine && got.isLineStart == want.isLineStart
                    && got.isJumpTarget == want.isJumpTarget
                #expect(same, """
                    \(python) \(code.label) instruction \(index): got \(got.offset) \(got.opname) \
                    \(got.arg.map(String.init) ?? "-") '\(got.argrepr)' line \(got.startsLine.map(String.init) ?? "-") \
                    start \(got.isLineStart) jt \(got.isJumpTarget); dis has \(want.offset) \(want.opname) \
                    \(want.arg.map(String.init) ?? "-") '\(expectedArgrepr)' line \
                    \(want.startsLine.map(String.init) ?? "-") start \(want.isLineStart) jt \(want.isJumpTarget)
                    """)
                if !same { allSame = false; break }  // one report per code object is enough
                compared += 1
            }
            if allSame { matchedCodes += 1 }
        }
        #expect(compared > 10_000)
        print("DisassemblerOracleTests: \(python): \(matchedCodes) of \(codes.count) fixture code objects, "
              + "\(compared) instructions match dis")
    }

    /// With the exception table given, the labels (`>>` to 3.12, `L1:` from
    /// 3.13) are exactly `dis.Bytecode`'s, and the table parses as `dis` parses it.
    @Test(arguments: pythons) func exceptionTableMatchesDis(python: TestPython) throws {
        let disassembler = try DisOracle.disassembler(python)
        for code in try DisOracle.fixture(python) {
            let table = bytes(hex: code.exceptiontable)
            let disassembly = disassembler.disassemble(code.record(), exceptionTable: table)
            let labels = disassembly.instructions.filter(\.isLabel).map(\.offset)
            #expect(labels == code.labels, "\(python) \(code.label): labels")
            let entries = (disassembly.exceptionTable ?? []).map {
                [$0.start, $0.end, $0.target, $0.depth, $0.pushesLastInstruction ? 1 : 0]
            }
            let expected = code.exceptionEntries.map { [$0.start, $0.end, $0.target, $0.depth, $0.lasti ? 1 : 0] }
            #expect(entries == expected, "\(python) \(code.label): exception table")
            #expect(!disassembly.handlersInferred)
        }
    }

    /// Without the table (as in 3.11 traces that predate it) handler entries
    /// are inferred. The inference finds every label `dis.dis` shows; it adds
    /// one only at dead code the compiler leaves after a return or jump, which
    /// no table entry targets: in the fixture, only in `exception_groups`,
    /// whose `try: pass` leaves an unreachable PUSH_EXC_INFO and LIST_APPEND.
    /// (Only 3.11 traces can lack the table: the recorder kept it before it
    /// recorded any other version.)
    @Test func inferredHandlersMatchDis() throws {
        let codes = try DisOracle.fixture.get()
        var withHandlers = 0
        for code in codes {
            let disassembly = Disassembler().disassemble(code.record())
            #expect(disassembly.handlersInferred)
            let inferred = disassembly.instructions.filter(\.isLabel).map(\.offset)
            #expect(Set(code.labels).subtracting(inferred).isEmpty, "\(code.label): missed labels")
            let extra = Set(inferred).subtracting(code.labels).sorted()
            #expect(extra == (code.qualname == "exception_groups" ? [8, 112] : []), "\(code.label): extra labels")
            if !code.exceptionEntries.isEmpty { withHandlers += 1 }
        }
        #expect(withHandlers >= 5)
    }

    /// The text rendering equals the version's `dis.disassemble` output line
    /// for line (column widths, blank lines, `>>` or labels, `--`, exception
    /// table included); from 3.13 on also with `show_offsets=True`.
    @Test(arguments: pythons) func textMatchesDisDisassemble(python: TestPython) throws {
        let disassembler = try DisOracle.disassembler(python)
        let codes = try DisOracle.fixture(python)
        var matched = 0
        for code in codes {
            let disassembly = disassembler.disassemble(code.record(), exceptionTable: bytes(hex: code.exceptiontable))
            var same = true
            for (showOffsets, text) in [(false, code.disText), (true, code.disTextOffsets)] {
                let mine = DisassemblyText.lines(disassembly, notes: false, showOffsets: showOffsets)
                let theirs = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let expected = theirs.last == "" ? Array(theirs.dropLast()) : theirs
                #expect(mine.count == expected.count, "\(python) \(code.label): line count")
                if let index = zip(mine, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                    Issue.record("\(python) \(code.label) line \(index):\n  got  '\(mine[index])'\n  want '\(expected[index])'")
                }
                same = same && mine == expected
            }
            if same { matched += 1 }
        }
        print("DisassemblerOracleTests: \(python): the dis text of \(matched) of \(codes.count) fixture code objects matches")
    }

    /// `co_flags` decode to the version's `dis.pretty_flags` text.
    @Test(arguments: pythons) func flagsMatchPrettyFlags(python: TestPython) throws {
        for code in try DisOracle.fixture(python) {
            #expect(CodeFlags(rawValue: UInt32(code.flags)).description == code.prettyFlags, "\(python) \(code.label)")
        }
    }

    /// The fast-locals names LOAD_FAST/LOAD_DEREF index: arguments that are
    /// cells appear once, in their argument slot.
    @Test(arguments: pythons) func localsPlusNamesShareArgumentCells(python: TestPython) throws {
        let codes = try DisOracle.fixture(python)
        let code = try #require(codes.first { $0.qualname == "argument_cell" })
        #expect(code.cellvars == ["x"])
        #expect(Disassembler.localsPlusNames(of: code.record()) == ["x", "y", "get"])
        let inner = try #require(codes.first { $0.qualname == "closures.<locals>.inner" })
        #expect(Disassembler.localsPlusNames(of: inner.record()) == ["e", "b", "cell"])
    }

    /// The notes pyframe adds where 3.11's `dis` shows nothing.
    @Test func notesWhereDisShowsNothing() throws {
        let codes = try DisOracle.fixture.get()
        let code = try #require(codes.first { $0.qualname == "keyword_calls" })
        let instructions = Disassembler().disassemble(code.record()).instructions
        let keywordNames = instructions.filter { $0.opname == "KW_NAMES" }
        #expect(keywordNames.map(\.argrepr) == ["", ""])
        #expect(keywordNames.map(\.note) == ["('key', 'other')", "('key',)"])
        #expect(instructions.filter { $0.opname == "CALL_FUNCTION_EX" }.map(\.argumentText)
                == ["*args, **kwargs", "*args", "*args, **kwargs"])
        #expect(instructions.filter { $0.opname == "RESUME" }.map(\.note) == [nil])
    }

    /// The notes that every version gets (`dis` shows nothing for these).
    @Test(arguments: pythons) func notesInEveryVersion(python: TestPython) throws {
        let disassembler = try DisOracle.disassembler(python)
        let codes = try DisOracle.fixture(python)
        let loops = try #require(codes.first { $0.qualname == "none_loops" })
        let isOps = disassembler.disassemble(loops.record()).instructions.filter { $0.opname == "IS_OP" }
        #expect(isOps.map(\.argumentText) == ["is", "is not"])
        let exceptions = try #require(codes.first { $0.qualname == "exceptions" })
        let raises = disassembler.disassemble(exceptions.record()).instructions.filter { $0.opname == "RAISE_VARARGS" }
        #expect(raises.map(\.argumentText) == ["exception from cause", "re-raise"])
    }

    /// Which interpreters these tests ran on, and which were missing.
    @Test func versionsCovered() {
        let covered = Self.pythons.map(\.version)
        print("BytecodeTests: dis oracle on CPython \(covered.joined(separator: ", "))"
              + (TestPythons.missing.isEmpty ? "" : "; missing: "
                 + TestPythons.missing.map { "\($0.version) (\($0.reason))" }.joined(separator: "; ")))
        #expect(!covered.isEmpty)
        for version in covered {
            #expect(OpcodeTable.forPythonVersion(version) != nil,
                    "CPython \(version) is available but pyframe has no opcode table for it: run Tools/gen_opcode_tables.py --all")
        }
    }
}
