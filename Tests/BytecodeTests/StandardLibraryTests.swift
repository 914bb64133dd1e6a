import Foundation
import Testing
import TraceFormat
@testable import PyBytecode

/// pyframe's disassembly against `dis` on real code: a sample of large
/// standard-library modules on every run; the whole standard library (and
/// site-packages) when PYFRAME_BYTECODE_SWEEP=1 is set.
@Suite struct StandardLibraryTests {
    /// Compiles each file named on stdin and prints, per code object, one
    /// JSON line with the raw attributes and `dis`'s instructions and labels.
    static let script = #"""
        import dis, json, sys, types, warnings
        warnings.simplefilter("ignore")

        def recorded_const(c):
            if isinstance(c, types.CodeType):
                return f"<code object {c.co_name}, line {c.co_firstlineno}>"
            return repr(c)

        def walk(co):
            yield co
            for c in co.co_consts:
                if isinstance(c, types.CodeType):
                    yield from walk(c)

        for path in sys.stdin.read().split("\n"):
            if not path:
                continue
            try:
                top = compile(open(path, encoding="utf-8").read(), path, "exec")
            except Exception:
                continue
            for co in walk(top):
                rows = [[i.offset, i.opname, i.arg,
                         recorded_const(i.argval) if isinstance(i.argval, types.CodeType) else i.argrepr,
                         i.starts_line, i.is_jump_target] for i in dis.get_instructions(co)]
                print(json.dumps(dict(
                    filename=path, qualname=co.co_qualname, name=co.co_name, firstlineno=co.co_firstlineno,
                    varnames=list(co.co_varnames), cellvars=list(co.co_cellvars),
                    freevars=list(co.co_freevars), names=list(co.co_names),
                    consts=[recorded_const(c) for c in co.co_consts], code=co.co_code.hex(),
                    linetable=co.co_linetable.hex(), exceptiontable=co.co_exceptiontable.hex(),
                    rows=rows, labels=[i.offset for i in dis.Bytecode(co) if i.is_jump_target])))
        """#

    struct Code: Decodable {
        var filename: String
        var qualname: String
        var name: String
        var firstlineno: Int
        var varnames: [String]
        var cellvars: [String]
        var freevars: [String]
        var names: [String]
        var consts: [String]
        var code: String
        var linetable: String
        var exceptiontable: String
        var rows: [[Value]]
        var labels: [Int]

        /// A JSON scalar of a row.
        enum Value: Decodable, Equatable {
            case int(Int), string(String), bool(Bool), null
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if c.decodeNil() { self = .null }
                else if let b = try? c.decode(Bool.self) { self = .bool(b) }
                else if let i = try? c.decode(Int.self) { self = .int(i) }
                else { self = .string(try c.decode(String.self)) }
            }
        }
    }

    /// The files to check: a sample, or everything under the library when sweeping.
    static func files() throws -> [String] {
        let root = try Python.run(script: "import os, sys; sys.stdout.write(os.path.dirname(os.__file__))")
        let library = String(decoding: root, as: UTF8.self)
        if ProcessInfo.processInfo.environment["PYFRAME_BYTECODE_SWEEP"] == "1" {
            let enumerator = FileManager.default.enumerator(atPath: library)
            var all: [String] = []
            while let path = enumerator?.nextObject() as? String {
                if path.hasSuffix(".py") { all.append(library + "/" + path) }
            }
            return all.sorted()
        }
        return ["typing.py", "inspect.py", "argparse.py", "dataclasses.py", "enum.py", "pathlib.py",
                "difflib.py", "tarfile.py", "asyncio/base_events.py", "email/_header_value_parser.py",
                "json/decoder.py", "collections/__init__.py", "re/_parser.py", "contextlib.py"]
            .map { library + "/" + $0 }
    }

    @Test func matchesDisOnRealCode() throws {
        let files = try Self.files()
        var checked = 0
        var mismatches: [String] = []
        for batch in stride(from: 0, to: files.count, by: 200).map({ Array(files[$0..<min($0 + 200, files.count)]) }) {
            let output = try Python.run(script: Self.script, stdin: batch.joined(separator: "\n"))
            for line in output.split(separator: UInt8(ascii: "\n")) {
                let code = try JSONDecoder().decode(Code.self, from: Data(line))
                let record = CodeRecord(
                    id: 1, hash: 0, filename: code.filename, qualname: code.qualname, name: code.name,
                    firstLine: UInt32(code.firstlineno), varnames: code.varnames, cellvars: code.cellvars,
                    freevars: code.freevars, names: code.names, consts: code.consts.map(recorderRepr),
                    bytecode: bytes(hex: code.code), lineTable: bytes(hex: code.linetable))
                let mine = Disassembler().disassemble(record, exceptionTable: bytes(hex: code.exceptiontable))
                let rows: [[Code.Value]] = mine.instructions.map { i in
                    [.int(i.offset), .string(i.opname), i.arg.map { .int($0) } ?? .null, .string(i.argrepr),
                     i.startsLine.map { .int($0) } ?? .null, .bool(i.isJumpTarget)]
                }
                let expected = code.rows.map { row -> [Code.Value] in
                    guard case .string("LOAD_CONST") = row[1], case let .string(text) = row[3] else { return row }
                    var copy = row
                    copy[3] = .string(recorderRepr(text))
                    return copy
                }
                let labels = mine.instructions.filter(\.isLabel).map(\.offset)
                if rows != expected || labels != code.labels {
                    mismatches.append("\(code.filename): \(code.qualname) line \(code.firstlineno)")
                }
                checked += 1
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
        #expect(checked > 1000)
        print("StandardLibraryTests: \(checked) code objects from \(files.count) files match dis")
    }
}
