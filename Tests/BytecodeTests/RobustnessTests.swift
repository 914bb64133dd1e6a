import Testing
import TraceFormat
@testable import PyBytecode

/// Damaged or foreign records (a corrupt trace, a recorder bug) must give
/// readable output, never a trap.
@Suite struct RobustnessTests {
    /// A small deterministic generator, so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
    }

    /// Random bytes read as every version's bytecode, rendered in every layout.
    @Test(arguments: OpcodeTable.all.map(\.pythonVersion)) func randomBytecodeNeverTraps(version: String) throws {
        let disassembler = try Disassembler(pythonVersion: version)
        var random = Generator(state: 42)
        for round in 0..<300 {
            let record = CodeRecord(
                id: 1, hash: UInt64(round), filename: "x.py", qualname: "f", name: "f",
                firstLine: UInt32(random.next() % 5000), varnames: ["a"], names: ["n"], consts: ["None"],
                bytecode: random.bytes(Int(random.next() % 400)), lineTable: random.bytes(Int(random.next() % 200)))
            let disassembly = disassembler.disassemble(record, exceptionTable: random.bytes(Int(random.next() % 40)))
            _ = DisassemblyText.lines(disassembly)
            _ = DisassemblyText.lines(disassembly, notes: false, showOffsets: true)
            _ = BytecodeDiff.sideBySide(record, record, width: 100, beforePython: "3.11", afterPython: version)
            _ = BytecodeDiff.sourceDifference(record, record)
            _ = DisassemblyText.codeInfo(record)
            _ = BytecodeDiff.sideBySide(record, record, width: Int(random.next() % 200))
            #expect(disassembly.trailingBytes == record.bytecode.count % 2)
        }
    }

    /// Out-of-range indexes resolve to a visible marker instead of trapping.
    @Test func badIndexesAreShown() {
        let table = OpcodeTable.cpython311
        let record = CodeRecord(
            id: 1, hash: 0, filename: "x.py", qualname: "f", name: "f", firstLine: 1,
            bytecode: [table.code(named: "LOAD_CONST")!, 3, table.code(named: "LOAD_FAST")!, 0,
                       table.code(named: "COMPARE_OP")!, 9, 0, 0, 0, 0,
                       table.code(named: "BINARY_OP")!, 99, 0, 0])
        let instructions = Disassembler().disassemble(record).instructions
        #expect(instructions.map(\.argrepr) == ["<bad const index 3>", "<bad local index 0>",
                                                "<bad compare index 9>", "<bad operator index 99>"])
    }

    /// Chains of EXTENDED_ARG accumulate 8 bits each, as CPython does.
    @Test func extendedArgumentsAccumulate() {
        let table = OpcodeTable.cpython311
        let ext = table.extendedArg
        let record = CodeRecord(
            id: 1, hash: 0, filename: "x.py", qualname: "f", name: "f", firstLine: 1,
            bytecode: [ext, 0x01, ext, 0x02, table.code(named: "BUILD_TUPLE")!, 0x03,
                       table.code(named: "JUMP_FORWARD")!, 0x00, ext, 0x01, table.code(named: "JUMP_BACKWARD")!, 0x02])
        let instructions = Disassembler().disassemble(record).instructions
        #expect(instructions.map(\.arg) == [1, 0x102, 0x10203, 0, 1, 0x102])
        #expect(instructions[3].jumpTarget == 8)
        #expect(instructions[5].argrepr == "to \(10 + 2 - 0x102 * 2)")
        #expect(instructions[4].isJumpTarget)
    }
}
