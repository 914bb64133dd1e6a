import Foundation
import Testing
@testable import PyBytecode

/// The hand-written 3.11 table against the installed CPython's `opcode` and
/// `dis` modules, for all 256 opcode numbers.
@Suite struct OpcodeTableTests {
    /// What CPython says about its opcodes.
    struct Reference: Decodable {
        var allOpname: [String]
        var deop: [Int]
        var cacheEntries: [Int]
        var haveArgument: Int
        var extendedArg: Int
        var hasconst: [Int]
        var hasname: [Int]
        var hasjrel: [Int]
        var hasjabs: [Int]
        var haslocal: [Int]
        var hasfree: [Int]
        var hascompare: [Int]
        var cmpOp: [String]
        var nbOps: [[String]]
        var formatValueConverters: [String]
        var makeFunctionFlags: [String]
    }

    static let script = #"""
        import dis, json, opcode, sys
        deop = [dis._deoptop(op) for op in range(256)]
        json.dump(dict(
            all_opname=dis._all_opname, deop=deop,
            cache_entries=[opcode._inline_cache_entries[d] for d in deop],
            have_argument=opcode.HAVE_ARGUMENT, extended_arg=opcode.EXTENDED_ARG,
            hasconst=opcode.hasconst, hasname=opcode.hasname, hasjrel=opcode.hasjrel,
            hasjabs=opcode.hasjabs, haslocal=opcode.haslocal, hasfree=opcode.hasfree,
            hascompare=opcode.hascompare, cmp_op=list(opcode.cmp_op),
            nb_ops=[list(p) for p in opcode._nb_ops],
            format_value_converters=[name for _, name in dis.FORMAT_VALUE_CONVERTERS],
            make_function_flags=list(dis.MAKE_FUNCTION_FLAGS),
        ), sys.stdout)
        """#

    let reference: Reference
    let table = OpcodeTable.cpython311

    init() throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        reference = try decoder.decode(Reference.self, from: Python.run(script: Self.script))
    }

    @Test func namesBasesAndCachesMatch() {
        for op in 0..<256 {
            let info = table[UInt8(op)]
            #expect(info.name == reference.allOpname[op], "opcode \(op)")
            #expect(Int(info.base) == reference.deop[op], "opcode \(op) base")
            #expect(info.cacheEntries == reference.cacheEntries[op], "opcode \(op) caches")
            #expect(table[info.base].hasArgument == (reference.deop[op] >= reference.haveArgument), "opcode \(op) arg")
        }
        #expect(Int(table.haveArgument) == reference.haveArgument)
        #expect(Int(table.extendedArg) == reference.extendedArg)
        #expect(table.code(named: "LOAD_GLOBAL") == 116)
        #expect(table.code(named: "NO_SUCH_OP") == nil)
    }

    /// Each generic opcode's argument kind agrees with the `has*` lists.
    @Test func argumentKindsMatchHasLists() {
        #expect(reference.hasjabs.isEmpty)  // 3.11 has only relative jumps
        for op in 0..<256 where reference.deop[op] == op && !reference.allOpname[op].hasPrefix("<") {
            let info = table[UInt8(op)]
            let kind = info.argument
            #expect(reference.hasconst.contains(op) == (kind == .const || kind == .keywordNames), "\(info.name)")
            #expect(reference.hasname.contains(op) == (kind == .name || kind == .globalName), "\(info.name)")
            #expect(reference.hasjrel.contains(op) == kind.isJump, "\(info.name)")
            if kind.isJump {
                #expect((kind == .jumpBackward) == info.name.contains("JUMP_BACKWARD"), "\(info.name)")
            }
            #expect(reference.haslocal.contains(op) == (kind == .local), "\(info.name)")
            #expect(reference.hasfree.contains(op) == (kind == .free), "\(info.name)")
            #expect(reference.hascompare.contains(op) == (kind == .compare), "\(info.name)")
        }
        #expect(table[155].argument == .formatValue)
        #expect(table[132].argument == .makeFunction)
        #expect(table[122].argument == .binaryOperator)
    }

    @Test func smallTablesMatch() {
        #expect(table.compareOperators == reference.cmpOp)
        #expect(table.binaryOperators.map { [$0.name, $0.symbol] } == reference.nbOps)
        #expect(table.formatConversions == reference.formatValueConverters)
        #expect(table.makeFunctionFlags == reference.makeFunctionFlags)
    }

    @Test func tableIsChosenByPythonVersion() {
        #expect(OpcodeTable.forPythonVersion("3.11.7 (main, May  9 2026, 07:35:25) [GCC 12.2.0]")?.pythonVersion == "3.11")
        #expect(OpcodeTable.forPythonVersion("3.11")?.pythonVersion == "3.11")
        #expect(OpcodeTable.forPythonVersion("3.12.1 (main)") == nil)
        #expect(OpcodeTable.forPythonVersion("3.1") == nil)
        #expect(OpcodeTable.forPythonVersion("") == nil)
    }
}
