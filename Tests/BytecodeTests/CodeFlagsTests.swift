import Testing
@testable import PyBytecode

/// co_flags decoding (the fixture's flags are also checked against
/// `dis.pretty_flags` in DisassemblerOracleTests).
@Suite struct CodeFlagsTests {
    @Test func namesLowestBitFirst() {
        let flags = CodeFlags(rawValue: 0x1 | 0x2 | 0x20 | 0x200)
        #expect(flags.nameList == ["OPTIMIZED", "NEWLOCALS", "GENERATOR", "ASYNC_GENERATOR"])
        #expect(flags.contains(.generator) && !flags.contains(.coroutine))
        #expect(flags.description == "OPTIMIZED, NEWLOCALS, GENERATOR, ASYNC_GENERATOR")
    }

    @Test func zeroAndUnknownBitsAsDisPrintsThem() {
        #expect(CodeFlags(rawValue: 0).description == "0x0")
        #expect(CodeFlags(rawValue: 0x8000_0000 | 0x4).nameList == ["VARARGS", "0x80000000"])
    }

    /// `from __future__ import annotations` sets a bit `dis` shows in hex; pyframe names it.
    @Test func futureFlagsAreNamed() {
        #expect(CodeFlags(rawValue: 0x0100_0000 | 0x1).description == "OPTIMIZED, FUTURE_ANNOTATIONS")
        #expect(CodeFlags.names.count == 20)
    }

    /// 3.14's `dis.pretty_flags` names two more bits.
    @Test func flagsOf314AreNamed() {
        #expect(CodeFlags(rawValue: 0x0400_0000 | 0x0800_0000 | 0x3).description
                == "OPTIMIZED, NEWLOCALS, HAS_DOCSTRING, METHOD")
    }
}
