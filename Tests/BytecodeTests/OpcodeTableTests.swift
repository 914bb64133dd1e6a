import Foundation
import PyFrameTestSupport
import Testing
import TraceFormat
@testable import PyBytecode

/// Each version's generated table against that version's `opcode` and `dis`
/// modules, for all 256 opcode numbers, and the disassembler's argument
/// texts against `dis` for every opcode that takes an argument.
@Suite struct OpcodeTableTests {
    /// What CPython says about its opcodes.
    struct Reference: Decodable {
        var version: String
        var allOpname: [String]
        var deop: [Int]
        var cacheEntries: [Int]
        var hasArg: [Bool]
        var extendedArg: Int
        var hasconst: [Int]
        var hasname: [Int]
        var hasjump: [Int]
        var haslocal: [Int]
        var hasfree: [Int]
        var hascompare: [Int]
        var cmpOp: [String]
        var nbOps: [[String]]
        var intrinsic1: [String]
        var intrinsic2: [String]
        var functionFlags: [String]
        /// `[opcode, arg, argrepr]` for synthetic one-instruction code objects.
        var probes: [Probe]
    }

    struct Probe: Decodable {
        var opcode: Int
        var arg: Int
        var argrepr: String
    }

    static let script = #"""
        import dis, json, opcode, sys
        names = list(dis._all_opname)[:256]
        deop = [dis._deoptop(op) for op in range(256)]
        def caches(op):
            d = dis._deoptop(op)
            if isinstance(opcode._inline_cache_entries, list):
                return opcode._inline_cache_entries[d]
            return opcode._inline_cache_entries.get(dis._all_opname[d], 0)
        def has_arg(op):
            d = dis._deoptop(op)
            return d in opcode.hasarg if hasattr(opcode, "hasarg") else d >= opcode.HAVE_ARGUMENT
        jumps = sorted(set(opcode.hasjrel) | set(opcode.hasjabs) | set(getattr(opcode, "hasjump", [])))

        base = compile("pass", "<probe>", "exec")
        consts = tuple("c%d" % i for i in range(300))
        probe_names = tuple("n%d" % i for i in range(300))
        varnames = tuple("v%d" % i for i in range(300))
        probes = []
        for op in range(256):
            if names[op].startswith("<") or deop[op] != op or not has_arg(op) or op == opcode.EXTENDED_ARG:
                continue
            if names[op].startswith("INSTRUMENTED") or names[op] == "ENTER_EXECUTOR":
                continue
            for arg in (0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 17, 20, 25, 33, 36, 64, 68, 100, 148, 196, 255):
                code = bytes([op, arg] + [0, 0] * caches(op))
                co = base.replace(co_code=code, co_consts=consts, co_names=probe_names, co_varnames=varnames,
                                  co_nlocals=len(varnames))
                try:
                    argrepr = [i.argrepr for i in dis.Bytecode(co)][0]
                except Exception:
                    continue  # dis itself cannot show it (an index past its table)
                probes.append(dict(opcode=op, arg=arg, argrepr=argrepr))
        json.dump(dict(
            version="%d.%d" % sys.version_info[:2],
            all_opname=names, deop=deop, cache_entries=[caches(op) for op in range(256)],
            has_arg=[has_arg(op) for op in range(256)], extended_arg=opcode.EXTENDED_ARG,
            hasconst=opcode.hasconst, hasname=opcode.hasname, hasjump=jumps,
            haslocal=opcode.haslocal, hasfree=opcode.hasfree, hascompare=opcode.hascompare,
            cmp_op=list(opcode.cmp_op), nb_ops=[list(p) for p in opcode._nb_ops],
            intrinsic1=list(getattr(opcode, "_intrinsic_1_descs", [])),
            intrinsic2=list(getattr(opcode, "_intrinsic_2_descs", [])),
            function_flags=list(getattr(dis, "FUNCTION_ATTR_FLAGS", None) or dis.MAKE_FUNCTION_FLAGS),
            probes=probes,
        ), sys.stdout)
        """#

    private static let references = OnceCache<Reference>()

    static func reference(_ python: TestPython) throws -> Reference {
        try references.value(python.version) {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Reference.self, from: Python.run(script: script, python: python.executable))
        }
    }

    static func table(_ python: TestPython) throws -> OpcodeTable {
        try #require(OpcodeTable.forPythonVersion(python.version), "no opcode table for \(python)")
    }

    @Test(arguments: TestPythons.available) func namesBasesAndCachesMatch(python: TestPython) throws {
        let reference = try Self.reference(python)
        let table = try Self.table(python)
        #expect(table.pythonVersion == reference.version)
        for op in 0..<256 {
            let info = table[UInt8(op)]
            #expect(info.name == reference.allOpname[op], "\(python) opcode \(op)")
            #expect(Int(info.base) == reference.deop[op], "\(python) opcode \(op) base")
            #expect(info.cacheEntries == reference.cacheEntries[op], "\(python) opcode \(op) caches")
            #expect(table[info.base].hasArgument == reference.hasArg[op], "\(python) opcode \(op) arg")
        }
        #expect(Int(table.extendedArg) == reference.extendedArg)
        #expect(table.code(named: "LOAD_GLOBAL") != nil)
        #expect(table.code(named: "NO_SUCH_OP") == nil)
    }

    /// Each generic opcode's argument kind agrees with the `has*` lists.
    @Test(arguments: TestPythons.available) func argumentKindsMatchHasLists(python: TestPython) throws {
        let reference = try Self.reference(python)
        let table = try Self.table(python)
        for op in 0..<256 where reference.deop[op] == op && !reference.allOpname[op].hasPrefix("<")
            && reference.hasArg[op] {
            let info = table[UInt8(op)]
            let kind = info.argument
            #expect(reference.hasconst.contains(op) == (kind == .const || kind == .keywordNames), "\(python) \(info.name)")
            #expect(reference.hasname.contains(op) == [.name, .globalName, .attributeName, .superAttributeName, .importName]
                .contains(kind), "\(python) \(info.name)")
            #expect(reference.hasjump.contains(op) == kind.isJump, "\(python) \(info.name)")
            #expect((reference.haslocal.contains(op) || reference.hasfree.contains(op))
                    == [.local, .free, .localPair].contains(kind), "\(python) \(info.name)")
            #expect(reference.hascompare.contains(op) == (kind == .compare), "\(python) \(info.name)")
        }
    }

    @Test(arguments: TestPythons.available) func smallTablesMatch(python: TestPython) throws {
        let reference = try Self.reference(python)
        let table = try Self.table(python)
        #expect(table.compareOperators == reference.cmpOp)
        #expect(table.binaryOperators.map { [$0.name, $0.symbol] } == reference.nbOps)
        #expect(table.intrinsics1 == reference.intrinsic1)
        #expect(table.intrinsics2 == reference.intrinsic2)
        #expect(table.functionFlags == reference.functionFlags)
    }

    /// For every opcode that takes an argument, with arguments from 0 to 255,
    /// the text in parentheses equals what the version's `dis` shows for the
    /// same one-instruction code object (with constants `'c0'`…, names
    /// `n0`… and locals `v0`…).
    @Test(arguments: TestPythons.available) func argumentTextsMatchDis(python: TestPython) throws {
        let reference = try Self.reference(python)
        let disassembler = try DisOracle.disassembler(python)
        let table = disassembler.table
        let consts = (0..<300).map { "'c\($0)'" }
        let names = (0..<300).map { "n\($0)" }
        let varnames = (0..<300).map { "v\($0)" }
        var mismatches: [String] = []
        for probe in reference.probes {
            let code = UInt8(probe.opcode)
            let bytecode = [code, UInt8(probe.arg)] + Array(repeating: UInt8(0), count: 2 * table[code].cacheEntries)
            let record = CodeRecord(id: 1, hash: 0, filename: "<probe>", qualname: "probe", name: "probe",
                                    firstLine: 1, varnames: varnames, names: names, consts: consts,
                                    bytecode: bytecode, exceptionTable: [])
            let instruction = try #require(disassembler.disassemble(record).instructions.first)
            if instruction.argrepr != probe.argrepr {
                mismatches.append("\(instruction.opname) \(probe.arg): '\(instruction.argrepr)' vs dis '\(probe.argrepr)'")
            }
        }
        #expect(mismatches.isEmpty, "\(python): \(mismatches.count) mismatches: \(mismatches.prefix(10))")
        #expect(reference.probes.count > 500)
        print("OpcodeTableTests: \(python): \(reference.probes.count - mismatches.count) of \(reference.probes.count) "
              + "argument texts of every opcode match dis")
    }

    @Test func tableIsChosenByPythonVersion() throws {
        #expect(OpcodeTable.forPythonVersion("3.11.7 (main, May  9 2026, 07:35:25) [GCC 12.2.0]")?.pythonVersion == "3.11")
        #expect(OpcodeTable.forPythonVersion("3.11")?.pythonVersion == "3.11")
        #expect(OpcodeTable.forPythonVersion("3.12.1 (main)")?.pythonVersion == "3.12")
        #expect(OpcodeTable.forPythonVersion("3.13.0rc1 (main)")?.pythonVersion == "3.13")
        #expect(OpcodeTable.forPythonVersion("3.1") == nil)
        #expect(OpcodeTable.forPythonVersion("3.99.0") == nil)
        #expect(OpcodeTable.forPythonVersion("") == nil)
        #expect(OpcodeTable.forPythonVersion("garbage") == nil)
        #expect(PythonVersion("3.12.1 (main, Jan  1 2024)") == PythonVersion(3, 12))
        #expect(PythonVersion("3.14.0a1+") == PythonVersion(3, 14))
        #expect(PythonVersion("x.y") == nil)
        #expect(PythonVersion(3, 12) < PythonVersion(3, 13))
        #expect(PythonVersion.supported.first == PythonVersion(3, 11))
    }

    /// An unknown or newer version is a clear one-line error, never a crash.
    @Test func unknownVersionsAreOneLineErrors() {
        for text in ["3.99.1 (main)", "", "2.7.18", "nonsense"] {
            #expect(throws: BytecodeError.self) { try Disassembler(pythonVersion: text) }
            let message = BytecodeError.unsupportedVersion(text).description
            #expect(!message.contains("\n"))
            #expect(message.contains("3.11, 3.12"))
        }
        #expect(BytecodeError.unsupportedVersion("3.99.1 (main)").description.hasPrefix("bytecode of Python 3.99.1 "))
    }
}
