import Testing
import TraceFormat
@testable import PyBytecode

/// pyframe's disassembly of every fixture code object, checked instruction by
/// instruction against CPython 3.11's own `dis` run on the same code.
@Suite struct DisassemblerOracleTests {
    let codes: [DisOracle.Code]

    init() throws {
        codes = try DisOracle.fixture.get()
    }

    /// The fixture covers what the tests claim to cover.
    @Test func fixtureIsVaried() {
        #expect(codes.count >= 40)
        let opnames = Set(codes.flatMap { $0.instructions.map(\.opname) })
        for needed in ["EXTENDED_ARG", "KW_NAMES", "LOAD_CLASSDEREF", "DELETE_DEREF", "MAKE_CELL",
                       "COPY_FREE_VARS", "FORMAT_VALUE", "SEND", "JUMP_BACKWARD_NO_INTERRUPT",
                       "POP_JUMP_BACKWARD_IF_NONE", "CHECK_EG_MATCH", "MATCH_CLASS", "RETURN_GENERATOR",
                       "ASYNC_GEN_WRAP", "CALL_FUNCTION_EX", "SETUP_ANNOTATIONS", "IMPORT_STAR"] {
            #expect(opnames.contains(needed), "fixture lacks \(needed)")
        }
        #expect(codes.contains { $0.consts.count > 256 })
        #expect(codes.contains { $0.names.count > 256 })
        #expect(codes.contains { $0.varnames.count > 256 })
        #expect(codes.contains { $0.code.count / 2 > 10_000 })
    }

    /// offset, opname, arg, argrepr, starts_line and is_jump_target equal
    /// `dis.get_instructions` for every instruction of every code object.
    @Test func instructionsMatchDis() {
        var compared = 0
        for code in codes {
            let mine = Disassembler().disassemble(code.record()).instructions
            #expect(mine.count == code.instructions.count, "\(code.label): instruction count")
            for (index, (got, want)) in zip(mine, code.instructions).enumerated() {
                let expectedArgrepr = want.opname == "LOAD_CONST" ? recorderRepr(want.argrepr) : want.argrepr
                let same = got.offset == want.offset && got.opname == want.opname
                    && Int(got.opcode) == want.opcode && got.arg == want.arg && got.argrepr == expectedArgrepr
                    && got.startsLine == want.startsLine && got.isJumpTarget == want.isJumpTarget
                #expect(same, """
                    \(code.label) instruction \(index): got \(got.offset) \(got.opname) \(got.arg.map(String.init) ?? "-") \
                    '\(got.argrepr)' line \(got.startsLine.map(String.init) ?? "-") jt \(got.isJumpTarget); \
                    dis has \(want.offset) \(want.opname) \(want.arg.map(String.init) ?? "-") '\(expectedArgrepr)' \
                    line \(want.startsLine.map(String.init) ?? "-") jt \(want.isJumpTarget)
                    """)
                if !same { break }  // one report per code object is enough
                compared += 1
            }
        }
        #expect(compared > 10_000)
    }

    /// With the exception table given, `>>` marks exactly what `dis.dis`
    /// marks (jump and handler targets), and the table parses as `dis` parses it.
    @Test func exceptionTableMatchesDis() {
        for code in codes {
            let table = bytes(hex: code.exceptiontable)
            let disassembly = Disassembler().disassemble(code.record(), exceptionTable: table)
            let labels = disassembly.instructions.filter(\.isLabel).map(\.offset)
            #expect(labels == code.labels, "\(code.label): labels")
            let entries = (disassembly.exceptionTable ?? []).map {
                [$0.start, $0.end, $0.target, $0.depth, $0.pushesLastInstruction ? 1 : 0]
            }
            let expected = code.exceptionEntries.map { [$0.start, $0.end, $0.target, $0.depth, $0.lasti ? 1 : 0] }
            #expect(entries == expected, "\(code.label): exception table")
            #expect(!disassembly.handlersInferred)
        }
    }

    /// Without the table (as in traces that predate it) handler entries are inferred.
    /// The inference finds every label `dis.dis` shows; it adds one only at
    /// dead code the compiler leaves after a return or jump, which no table
    /// entry targets: in the fixture, only in `exception_groups`, whose
    /// `try: pass` leaves an unreachable PUSH_EXC_INFO and LIST_APPEND.
    @Test func inferredHandlersMatchDis() {
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

    /// The text rendering equals `dis.disassemble`'s output line for line
    /// (column widths, blank lines, `>>`, exception table included).
    @Test func textMatchesDisDisassemble() {
        for code in codes {
            let disassembly = Disassembler().disassemble(code.record(), exceptionTable: bytes(hex: code.exceptiontable))
            let mine = DisassemblyText.lines(disassembly, notes: false)
            let theirs = code.disText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let expected = theirs.last == "" ? Array(theirs.dropLast()) : theirs
            #expect(mine.count == expected.count, "\(code.label): line count")
            if let index = zip(mine, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("\(code.label) line \(index):\n  got  '\(mine[index])'\n  want '\(expected[index])'")
            }
        }
    }

    /// `co_flags` decode to `dis.pretty_flags`'s text.
    @Test func flagsMatchPrettyFlags() {
        for code in codes {
            #expect(CodeFlags(rawValue: UInt32(code.flags)).description == code.prettyFlags, "\(code.label)")
        }
    }

    /// The fast-locals names LOAD_FAST/LOAD_DEREF index: arguments that are
    /// cells appear once, in their argument slot.
    @Test func localsPlusNamesShareArgumentCells() throws {
        let code = try #require(codes.first { $0.qualname == "argument_cell" })
        #expect(code.cellvars == ["x"])
        #expect(Disassembler.localsPlusNames(of: code.record()) == ["x", "y", "get"])
        let inner = try #require(codes.first { $0.qualname == "closures.<locals>.inner" })
        #expect(Disassembler.localsPlusNames(of: inner.record()) == ["e", "b", "cell"])
    }

    /// The notes pyframe adds where `dis` shows nothing.
    @Test func notesWhereDisShowsNothing() throws {
        let code = try #require(codes.first { $0.qualname == "keyword_calls" })
        let instructions = Disassembler().disassemble(code.record()).instructions
        let keywordNames = instructions.filter { $0.opname == "KW_NAMES" }
        #expect(keywordNames.map(\.argrepr) == ["", ""])
        #expect(keywordNames.map(\.note) == ["('key', 'other')", "('key',)"])
        #expect(instructions.filter { $0.opname == "CALL_FUNCTION_EX" }.map(\.argumentText)
                == ["*args, **kwargs", "*args", "*args, **kwargs"])
        #expect(instructions.filter { $0.opname == "RESUME" }.map(\.note) == [nil])
        let loops = try #require(codes.first { $0.qualname == "none_loops" })
        let isOps = Disassembler().disassemble(loops.record()).instructions.filter { $0.opname == "IS_OP" }
        #expect(isOps.map(\.argumentText) == ["is", "is not"])
        let exceptions = try #require(codes.first { $0.qualname == "exceptions" })
        let raises = Disassembler().disassemble(exceptions.record()).instructions.filter { $0.opname == "RAISE_VARARGS" }
        #expect(raises.map(\.argumentText) == ["exception from cause", "re-raise"])
    }
}
