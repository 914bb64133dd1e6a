import PyFrameTestSupport
import Testing
import TraceFormat
@testable import PyBytecode

/// The side-by-side diff of two versions of a function: functions compiled
/// by CPython 3.11 and patched in one place, and hand-made bytecode.
@Suite struct BytecodeDiffTests {
    static let original = """
        def price(qty, unit):
            total = qty * unit
            note = total
            if total > 100:
                total = total * 0.9
            return round(total, 2)
        """

    /// The record of `price` compiled from `source`, with a recognisable hash.
    func price(_ source: String, hash: UInt64) throws -> CodeRecord {
        let codes = try DisOracle.describe(source: source)
        var record = try #require(codes.first { $0.qualname == "price" }).record()
        record.hash = hash
        return record
    }

    @Test func oneConstantChanged() throws {
        let before = try price(Self.original, hash: 0x1111_2222_3333_4444)
        let after = try price(Self.original.replacingOccurrences(of: "0.9", with: "0.8"), hash: 0xAAAA_BBBB_CCCC_DDDD)
        #expect(BytecodeDiff.sideBySide(before, after) == [
            "before 1111222233334444                            after aaaabbbbccccdddd",
            "------------------------------------------------   ------------------------------------------------",
            "1  0 RESUME               0                        1  0 RESUME               0",
            "2  2 LOAD_FAST            0 (qty)                  2  2 LOAD_FAST            0 (qty)",
            "   4 LOAD_FAST            1 (unit)                    4 LOAD_FAST            1 (unit)",
            "   6 BINARY_OP            5 (*)                       6 BINARY_OP            5 (*)",
            "  10 STORE_FAST           2 (total)                  10 STORE_FAST           2 (total)",
            "3 12 LOAD_FAST            2 (total)                3 12 LOAD_FAST            2 (total)",
            "  14 STORE_FAST           3 (note)                   14 STORE_FAST           3 (note)",
            "4 16 LOAD_FAST            2 (total)                4 16 LOAD_FAST            2 (total)",
            "  18 LOAD_CONST           1 (100)                    18 LOAD_CONST           1 (100)",
            "  20 COMPARE_OP           4 (>)                      20 COMPARE_OP           4 (>)",
            "  26 POP_JUMP_FORWARD_IF_FALSE 5 (to 38)             26 POP_JUMP_FORWARD_IF_FALSE 5 (to 38)",
            "5 28 LOAD_FAST            2 (total)                5 28 LOAD_FAST            2 (total)",
            "  30 LOAD_CONST           2 (0.9)                |   30 LOAD_CONST           2 (0.8)",
            "  32 BINARY_OP            5 (*)                      32 BINARY_OP            5 (*)",
            "  36 STORE_FAST           2 (total)                  36 STORE_FAST           2 (total)",
            "6 38 LOAD_GLOBAL          1 (NULL + round)         6 38 LOAD_GLOBAL          1 (NULL + round)",
            "  50 LOAD_FAST            2 (total)                  50 LOAD_FAST            2 (total)",
            "  52 LOAD_CONST           3 (2)                      52 LOAD_CONST           3 (2)",
            "  54 PRECALL              2                          54 PRECALL              2",
            "  58 CALL                 2                          58 CALL                 2",
            "  68 RETURN_VALUE                                    68 RETURN_VALUE",
        ])
    }

    /// A removed statement shows as its own two instructions (on its source
    /// line), and the jump over shifted code still counts as unchanged.
    @Test func oneStoreRemoved() throws {
        let before = try price(Self.original, hash: 0x1111_2222_3333_4444)
        let after = try price(Self.original.replacingOccurrences(of: "    note = total\n", with: ""),
                              hash: 0xAAAA_BBBB_CCCC_DDDD)
        #expect(BytecodeDiff.sideBySide(before, after, width: 90) == [
            "before 1111222233334444                       after aaaabbbbccccdddd",
            "-------------------------------------------   -------------------------------------------",
            "1  0 RESUME               0                   1  0 RESUME               0",
            "2  2 LOAD_FAST            0 (qty)             2  2 LOAD_FAST            0 (qty)",
            "   4 LOAD_FAST            1 (unit)               4 LOAD_FAST            1 (unit)",
            "   6 BINARY_OP            5 (*)                  6 BINARY_OP            5 (*)",
            "  10 STORE_FAST           2 (total)             10 STORE_FAST           2 (total)",
            "3 12 LOAD_FAST            2 (total)         <",
            "  14 STORE_FAST           3 (note)          <",
            "4 16 LOAD_FAST            2 (total)           3 12 LOAD_FAST            2 (total)",
            "  18 LOAD_CONST           1 (100)               14 LOAD_CONST           1 (100)",
            "  20 COMPARE_OP           4 (>)                 16 COMPARE_OP           4 (>)",
            "  26 POP_JUMP_FORWARD_IF_FALSE 5 (to 38)        22 POP_JUMP_FORWARD_IF_FALSE 5 (to 34)",
            "5 28 LOAD_FAST            2 (total)           4 24 LOAD_FAST            2 (total)",
            "  30 LOAD_CONST           2 (0.9)               26 LOAD_CONST           2 (0.9)",
            "  32 BINARY_OP            5 (*)                 28 BINARY_OP            5 (*)",
            "  36 STORE_FAST           2 (total)             32 STORE_FAST           2 (total)",
            "6 38 LOAD_GLOBAL          1 (NULL + round)    5 34 LOAD_GLOBAL          1 (NULL + round)",
            "  50 LOAD_FAST            2 (total)             46 LOAD_FAST            2 (total)",
            "  52 LOAD_CONST           3 (2)                 48 LOAD_CONST           3 (2)",
            "  54 PRECALL              2                     50 PRECALL              2",
            "  58 CALL                 2                     54 CALL                 2",
            "  68 RETURN_VALUE                               64 RETURN_VALUE",
        ])
    }

    /// Added instructions are marked `>`; text wider than a side is cut with
    /// `…`. The `if`'s jump now lands on the added call, so it is a change.
    @Test func statementAddedAndNarrowColumns() throws {
        let before = try price(Self.original, hash: 1)
        let after = try price(Self.original.replacingOccurrences(of: "    return", with: "    print(total)\n    return"),
                              hash: 2)
        let lines = BytecodeDiff.sideBySide(before, after, width: 60)
        #expect(lines.allSatisfy { $0.count <= 60 })
        #expect(Array(lines[0...1]) == [
            "before 0000000000000001        after 0000000000000002",
            "----------------------------   ----------------------------",
        ])
        #expect(Array(lines[12...22]) == [
            "  26 POP_JUMP_FORWARD_IF_FA… |   26 POP_JUMP_FORWARD_IF_FA…",
            "5 28 LOAD_FAST            2…   5 28 LOAD_FAST            2…",
            "  30 LOAD_CONST           2…     30 LOAD_CONST           2…",
            "  32 BINARY_OP            5…     32 BINARY_OP            5…",
            "  36 STORE_FAST           2…     36 STORE_FAST           2…",
            "                             > 6 38 LOAD_GLOBAL          1…",
            "                             >   50 LOAD_FAST            2…",
            "                             >   52 PRECALL              1",
            "                             >   56 CALL                 1",
            "                             >   66 POP_TOP",
            "6 38 LOAD_GLOBAL          1…   7 68 LOAD_GLOBAL          3…",
        ])
        #expect(lines.filter { $0.contains(" > ") }.count == 5)
        #expect(lines.filter { $0.contains(" | ") }.count == 1)
    }

    /// Hand-made code: the same jump instruction landing on a different
    /// instruction is a change even though its name and argument look alike.
    @Test func jumpLandingElsewhereIsAChange() {
        let table = OpcodeTable.cpython311
        func code(_ units: [(String, UInt8)], hash: UInt64) -> CodeRecord {
            CodeRecord(id: 1, hash: hash, filename: "x.py", qualname: "f", name: "f", firstLine: 1,
                       varnames: ["x"], consts: ["None", "1"],
                       bytecode: units.flatMap { [table.code(named: $0.0)!, $0.1] })
        }
        let before = code([("RESUME", 0), ("LOAD_FAST", 0), ("POP_JUMP_FORWARD_IF_FALSE", 1),
                           ("NOP", 0), ("LOAD_CONST", 1), ("RETURN_VALUE", 0)], hash: 1)
        let after = code([("RESUME", 0), ("LOAD_FAST", 0), ("POP_JUMP_FORWARD_IF_FALSE", 2),
                          ("NOP", 0), ("LOAD_CONST", 1), ("RETURN_VALUE", 0)], hash: 2)
        let rows = BytecodeDiff.rows(before, after)
        #expect(rows.map(\.change) == [.same, .same, .changed, .same, .same, .same])
        #expect(Array(BytecodeDiff.sideBySide(before, after, width: 84)[2...]) == [
            "   0 RESUME               0                   0 RESUME               0",
            "   2 LOAD_FAST            0 (x)               2 LOAD_FAST            0 (x)",
            "   4 POP_JUMP_FORWARD_IF_FALSE 1 (to 8)  |    4 POP_JUMP_FORWARD_IF_FALSE 2 (to 10)",
            "   6 NOP                                      6 NOP",
            "   8 LOAD_CONST           1 (1)               8 LOAD_CONST           1 (1)",
            "  10 RETURN_VALUE                            10 RETURN_VALUE",
        ])
    }

    /// Identical versions line up with no marks; empty bytecode gives the header only.
    @Test func identicalAndEmpty() throws {
        let record = try price(Self.original, hash: 7)
        let lines = BytecodeDiff.sideBySide(record, record)
        #expect(lines.count == 2 + 21)
        #expect(!lines.dropFirst(2).contains { $0.contains(" | ") || $0.contains(" < ") || $0.contains(" > ") })
        let empty = CodeRecord(id: 1, hash: 0, filename: "x.py", qualname: "f", name: "f", firstLine: 1)
        #expect(BytecodeDiff.sideBySide(empty, empty).count == 2)
        #expect(BytecodeDiff.sideBySide(empty, record).filter { $0.contains(" > ") }.count == 21)
    }
}

/// Two recordings of one function under different CPython versions: each
/// side read in its own version's form, and the same source recognised
/// across compilers.
@Suite struct CrossVersionDiffTests {
    /// Every available version after the oldest, paired with the oldest.
    static let pairs: [(TestPython, TestPython)] = {
        let all = TestPythons.available
        guard let first = all.first else { return [] }
        return all.dropFirst().map { (first, $0) }
    }()

    static func sysVersion(_ python: TestPython) -> String { python.version + ".0 (test)" }

    /// The side-by-side of `price` compiled by two versions: each side equals
    /// its own version's disassembly, and the header names both versions and
    /// says the difference is the compiler's.
    @Test(arguments: pairs) func eachSideInItsOwnVersion(old: TestPython, new: TestPython) throws {
        let before = try #require(DisOracle.describe(source: BytecodeDiffTests.original, python: old)
            .first { $0.qualname == "price" }).record()
        let after = try #require(DisOracle.describe(source: BytecodeDiffTests.original, python: new)
            .first { $0.qualname == "price" }).record()
        let oldDisassembler = try DisOracle.disassembler(old)
        let newDisassembler = try DisOracle.disassembler(new)
        let rows = BytecodeDiff.rows(before, after, beforeDisassembler: oldDisassembler, afterDisassembler: newDisassembler)
        #expect(rows.compactMap(\.before) == oldDisassembler.disassemble(before).instructions)
        #expect(rows.compactMap(\.after) == newDisassembler.disassemble(after).instructions)
        let lines = BytecodeDiff.sideBySide(before, after, width: 140,
                                            beforePython: Self.sysVersion(old), afterPython: Self.sysVersion(new))
        #expect(lines[0].contains("(CPython \(old.version))") && lines[0].contains("(CPython \(new.version))"))
        #expect(lines[1] == "same source compiled by CPython \(old.version) and \(new.version): "
                + "the bytecode differs only because the compiler changed")
        #expect(BytecodeDiff.differsOnlyByCompiler(before, python: Self.sysVersion(old),
                                                   after, python: Self.sysVersion(new)))
        if oldDisassembler.table.rules.labels != newDisassembler.table.rules.labels {
            // The labelled side shows its labels; the other its offsets only.
            #expect(lines.contains { $0.contains("(to L") })
            #expect(lines.contains { $0.contains("(to 3") || $0.contains("(to 4") || $0.contains("(to 5") })
        }
    }

    /// Every function of the fixture module, compiled by the oldest and by a
    /// newer version, has the same source-level content; changing a constant,
    /// a name or an argument is seen as a source change.
    @Test(arguments: pairs) func sameSourceAcrossCompilers(old: TestPython, new: TestPython) throws {
        let olds = try DisOracle.describe(source: FixtureModule.source, python: old)
        let news = try DisOracle.describe(source: FixtureModule.source, python: new)
        var paired = 0
        var differing: [String] = []
        for code in olds {
            guard let other = news.first(where: { $0.qualname == code.qualname && $0.firstlineno == code.firstlineno })
            else { continue }
            paired += 1
            if let reason = BytecodeDiff.sourceDifference(code.record(), other.record()) {
                differing.append("\(code.label): \(reason)")
            }
        }
        #expect(paired >= 35)
        #expect(differing.isEmpty, "\(old) → \(new): \(differing)")
        print("CrossVersionDiffTests: \(old.version) → \(new.version): \(paired - differing.count) of \(paired) "
              + "functions recognised as the same source")

        let before = try #require(olds.first { $0.qualname == "keyword_calls" }).record()
        let original = try #require(news.first { $0.qualname == "keyword_calls" }).record()
        let newVersion = try #require(PythonVersion(new.version))
        let oldVersion = try #require(PythonVersion(old.version))
        #expect(BytecodeDiff.compareSources(before, version: oldVersion, original, version: newVersion) == .compilerOnly)
        #expect(BytecodeDiff.compareSources(before, version: oldVersion, before, version: oldVersion) == .sameVersion)
        var changed = original
        changed.consts.append("'a new constant'")
        #expect(BytecodeDiff.compareSources(before, version: oldVersion, changed, version: newVersion)
                == .sourceDiffers(reason: "constants 'a new constant'"))
        changed = original
        changed.names.append("another_global")
        #expect(!BytecodeDiff.sameSourceContent(before, changed))
        changed = original
        changed.argCount += 1
        #expect(!BytecodeDiff.sameSourceContent(before, changed))
    }
}
