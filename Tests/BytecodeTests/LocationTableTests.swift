import PyFrameTestSupport
import Testing
@testable import PyBytecode

/// The location table decoder, against `code.co_positions()` and
/// `dis.findlinestarts` for every fixture code object, in every version.
@Suite struct LocationTableTests {
    let codes: [DisOracle.Code]

    init() throws {
        codes = try DisOracle.fixture.get()
    }

    /// Every code unit's (line, end line, column, end column) equals co_positions().
    @Test(arguments: TestPythons.available) func positionsMatchCoPositions(python: TestPython) throws {
        var units = 0
        for code in try DisOracle.fixture(python) {
            let table = LocationTable(bytes(hex: code.linetable), firstLine: code.firstlineno)
            #expect(code.positions.count == code.code.count / 4, "\(code.label): one position per code unit")
            for (unit, expected) in code.positions.enumerated() {
                let p = table.position(atOffset: unit * 2)
                let got: [Int?] = [p.line, p.endLine, p.column, p.endColumn]
                #expect(got == expected, "\(code.label) offset \(unit * 2)")
                if got != expected { break }
                units += 1
            }
        }
        #expect(units > 15_000)
    }

    /// Line starts equal the version's `dis.findlinestarts` (from 3.13 on
    /// also where the line becomes unknown).
    @Test(arguments: TestPythons.available) func lineStartsMatchFindlinestarts(python: TestPython) throws {
        let includeUnknown = try DisOracle.disassembler(python).table.rules.lineStartsIncludeNoLine
        for code in try DisOracle.fixture(python) {
            let table = LocationTable(bytes(hex: code.linetable), firstLine: code.firstlineno)
            let starts = includeUnknown ? table.lineStartsIncludingUnknown : table.lineStarts.mapValues { $0 }
            let expected = Dictionary(uniqueKeysWithValues: code.lineStarts.map { ($0[0]!, $0[1]) })
            #expect(starts == expected, "\(python) \(code.label)")
        }
    }

    /// The fixture exercises every entry form (codes 0–15 of the first byte).
    @Test func fixtureUsesEveryEntryForm() {
        var forms = Set<Int>()
        for code in codes {
            let raw = bytes(hex: code.linetable)
            var index = 0
            func skipVarint() {
                while index < raw.count && raw[index] & 0x40 != 0 { index += 1 }
                index += 1
            }
            while index < raw.count {
                let form = Int(raw[index] >> 3) & 0x0F
                forms.insert(form)
                index += 1
                switch form {
                case 0...9: index += 1
                case 10...12: index += 2
                case 13: skipVarint()
                case 14: for _ in 0..<4 { skipVarint() }
                default: break
                }
            }
        }
        #expect(forms == Set(0...15))
    }

    /// The line span used to find the function containing a `file:line`.
    @Test func lineRangeCoversTheBody() throws {
        let code = try #require(codes.first { $0.qualname == "far_apart_lines" })
        let table = LocationTable(bytes(hex: code.linetable), firstLine: code.firstlineno)
        #expect(table.lineRange == code.firstlineno...(code.firstlineno + 9))
    }

    /// Hand-made entries: short form, one-line form, no-column, long form
    /// (with columns stored plus one), no location, and varints of two groups.
    @Test func decodesEachFormByHand() {
        let bytes: [UInt8] = [
            0x80 | 1 << 3 | 0, 0x23,          // short, group 1: column 8+2=10, end 13; 1 unit
            0x80 | 11 << 3 | 1, 4, 9,         // one-line, line +1: columns 4..9; 2 units
            0x80 | 13 << 3 | 0, 0x05,         // no columns, line delta -2 (zig-zag 5)
            0x80 | 14 << 3 | 0, 0x48, 0x01, 3, 0x41, 0x04, 0x00, // long: line +4+2*... see below
            0x80 | 15 << 3 | 2,               // no location, 3 units
        ]
        // Long form: line delta varint 0x48 0x01 = 8 | 1<<6 = 72 → +36; end delta 3;
        // column 0x41 0x04 = 1 | 4<<6 = 257 → 256; end column 0 → unknown.
        let table = LocationTable(bytes, firstLine: 10)
        #expect(table.entries.map(\.length) == [1, 2, 1, 1, 3])
        #expect(table.position(atOffset: 0) == SourcePosition(line: 10, endLine: 10, column: 10, endColumn: 13))
        #expect(table.position(atOffset: 2) == SourcePosition(line: 11, endLine: 11, column: 4, endColumn: 9))
        #expect(table.position(atOffset: 4) == table.position(atOffset: 2))
        #expect(table.position(atOffset: 6) == SourcePosition(line: 9, endLine: 9, column: nil, endColumn: nil))
        #expect(table.position(atOffset: 8) == SourcePosition(line: 45, endLine: 48, column: 256, endColumn: nil))
        #expect(table.position(atOffset: 10) == .unknown)
        #expect(table.position(atOffset: 14) == .unknown)
        #expect(table.position(atOffset: 16) == .unknown)  // past the table
        #expect(table.lineStarts == [0: 10, 2: 11, 6: 9, 8: 45])
    }

    /// Truncated or garbage input decodes as far as it goes and never traps.
    @Test func malformedInputIsHarmless() {
        #expect(LocationTable([], firstLine: 1).entries.isEmpty)
        #expect(LocationTable([0x80 | 14 << 3, 0x40], firstLine: 1).entries.count == 1)
        #expect(LocationTable([0x12, 0x80], firstLine: 1).entries.isEmpty)
        let noisy = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }
        _ = LocationTable(noisy, firstLine: 1).lineStarts
        _ = LocationTable([UInt8](repeating: 0xF7, count: 64) + [UInt8](repeating: 0x7F, count: 64), firstLine: 1).lineRange
    }
}
