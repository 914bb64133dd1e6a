import Foundation
import PyFrameTestSupport
import Testing
import TraceFormat

/// The code records a recording writes, field by field, against what the
/// traced Python itself says of the same code objects (Fixtures/
/// code_records_oracle.py): names, locals, constants as `repr` gives them,
/// bytecode, tables, and the code hash computed in Python from the
/// definition in Traces/FORMAT.md.
@Suite("Code records against the code objects")
struct CodeRecordOracleTests {
    /// What the oracle prints for one code object.
    struct Expected: Decodable {
        var filename, qualname, name: String
        var firstLine, flags, argCount, posOnlyArgCount, kwOnlyArgCount: UInt32
        var varnames, cellvars, freevars, names, consts: [String]
        var bytecode, lineTable, exceptionTable, hash: String
    }

    @Test("every recorded code object's record holds what Python says it holds", arguments: TestPythons.available)
    func recordsMatchCodeObjects(python: TestPython) throws {
        let (trace, outcome) = try Tooling.record(Tooling.fixture("code_records_oracle.py"), python: python.executable)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        try #require(outcome.status == 0, "\(outcome.stderr)")
        let expected = try JSONDecoder().decode([Expected].self, from: Data(outcome.stdout.utf8))
        // Code objects are told apart by file, qualified name and first line;
        // a key two of them share (lambdas on one line) is left out.
        let oracle = Dictionary(grouping: expected) { "\($0.filename):\($0.qualname):\($0.firstLine)" }
            .compactMapValues { $0.count == 1 ? $0[0] : nil }
        let facts = try TraceFacts(path: trace, countingFile: "")
        var compared = 0
        var mismatches: [String] = []
        for code in facts.codes.values {
            guard let want = oracle["\(code.filename):\(code.qualname):\(code.firstLine)"] else { continue }
            compared += 1
            let got = Expected(
                filename: code.filename, qualname: code.qualname, name: code.name, firstLine: code.firstLine,
                flags: code.flags, argCount: code.argCount, posOnlyArgCount: code.posOnlyArgCount,
                kwOnlyArgCount: code.kwOnlyArgCount, varnames: code.varnames, cellvars: code.cellvars,
                freevars: code.freevars, names: code.names, consts: code.consts, bytecode: hex(code.bytecode),
                lineTable: hex(code.lineTable), exceptionTable: hex(code.exceptionTable ?? []),
                hash: String(format: "%016llx", code.hash))
            let fields = zip(Mirror(reflecting: got).children, Mirror(reflecting: want).children)
                .filter { "\($0.value)" != "\($1.value)" }
                .map { "\($0.label ?? "?"): recorded \($0.value), Python says \($1.value)" }
            if !fields.isEmpty { mismatches.append("\(code.qualname) in \(code.filename): " + fields.joined(separator: "; ")) }
        }
        #expect(mismatches.isEmpty, "\(python): \(mismatches.count) records differ; first: \(mismatches.prefix(3).joined(separator: "\n"))")
        // Hundreds of functions of the standard library ran, and the fixture's own.
        #expect(compared > 300, "\(python): only \(compared) code records compared")
        #expect(oracle.keys.contains { $0.contains(":constants.<locals>.inner:") })
        #expect(facts.codes.values.contains { $0.qualname == "constants" && $0.consts.contains("'x\(String(repeating: "x", count: 118))…") })
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
