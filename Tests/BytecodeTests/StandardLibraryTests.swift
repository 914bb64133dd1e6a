import Foundation
import PyFrameTestSupport
import Testing
import TraceFormat
@testable import PyBytecode

/// pyframe's disassembly against `dis` on real code, in every version of
/// `TestPythons.available`: a sample of large standard-library modules of
/// that version on every run; its whole standard library (and
/// site-packages) when PYFRAME_BYTECODE_SWEEP=1 is set; only the files
/// PYFRAME_BYTECODE_FILES names (comma-separated, relative to the library).
@Suite struct StandardLibraryTests {
    /// Compiles each file named on stdin and prints, per code object, one
    /// JSON line with the raw attributes, `dis`'s instructions and labels (as
    /// DisOracle takes them) and `dis.disassemble`'s text.
    static let script = #"""
        import dis, io, json, sys, types, warnings
        warnings.simplefilter("ignore")
        NEW_LINES = sys.version_info >= (3, 13)

        def starts(i):
            if NEW_LINES:
                return (i.line_number if i.starts_line else None), bool(i.starts_line)
            return i.starts_line, i.starts_line is not None

        def text_of(co):
            out = io.StringIO()
            dis.disassemble(co, file=out)
            text = out.getvalue()
            for c in co.co_consts:
                full, short = repr(c), recorded_const(c)
                if len(short) > 120:
                    short = short[:120] + "\u2026"
                if short != full:
                    text = text.replace("(" + full + ")", "(" + short + ")")
            return text

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
                         *starts(i), j.is_jump_target]
                        for i, j in zip(dis.Bytecode(co), dis.get_instructions(co))]
                print(json.dumps(dict(
                    filename=path, qualname=co.co_qualname, name=co.co_name, firstlineno=co.co_firstlineno,
                    varnames=list(co.co_varnames), cellvars=list(co.co_cellvars),
                    freevars=list(co.co_freevars), names=list(co.co_names),
                    consts=[recorded_const(c) for c in co.co_consts], code=co.co_code.hex(),
                    linetable=co.co_linetable.hex(), exceptiontable=co.co_exceptiontable.hex(),
                    rows=rows, labels=[i.offset for i in dis.Bytecode(co) if i.is_jump_target],
                    text=text_of(co))))
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
        var text: String

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
    static func files(_ python: TestPython) throws -> [String] {
        let root = try Python.run(script: "import os, sys; sys.stdout.write(os.path.dirname(os.__file__))",
                                  python: python.executable)
        let library = String(decoding: root, as: UTF8.self)
        if let only = ProcessInfo.processInfo.environment["PYFRAME_BYTECODE_FILES"], !only.isEmpty {
            return only.split(separator: ",").map { library + "/" + $0 }
        }
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

    /// Instructions (offset, name, argument, its text, the line started,
    /// jump target), labels and the whole `dis.disassemble` text equal the
    /// version's `dis` for every code object of the sample.
    @Test(arguments: TestPythons.available) func matchesDisOnRealCode(python: TestPython) throws {
        let disassembler = try DisOracle.disassembler(python)
        let files = try Self.files(python)
        var checked = 0
        var textMatched = 0
        var mismatches: [String] = []
        var textMismatches: [String] = []
        for batch in stride(from: 0, to: files.count, by: 200).map({ Array(files[$0..<min($0 + 200, files.count)]) }) {
            let output = try Python.run(script: Self.script, stdin: batch.joined(separator: "\n"),
                                        python: python.executable)
            for line in output.split(separator: UInt8(ascii: "\n")) {
                let code = try JSONDecoder().decode(Code.self, from: Data(line))
                let record = CodeRecord(
                    id: 1, hash: 0, filename: code.filename, qualname: code.qualname, name: code.name,
                    firstLine: UInt32(code.firstlineno), varnames: code.varnames, cellvars: code.cellvars,
                    freevars: code.freevars, names: code.names, consts: code.consts.map(recorderRepr),
                    bytecode: bytes(hex: code.code), lineTable: bytes(hex: code.linetable))
                let mine = disassembler.disassemble(record, exceptionTable: bytes(hex: code.exceptiontable))
                let rows: [[Code.Value]] = mine.instructions.map { i in
                    [.int(i.offset), .string(i.opname), i.arg.map { .int($0) } ?? .null, .string(i.argrepr),
                     i.startsLine.map { .int($0) } ?? .null, .bool(i.isLineStart), .bool(i.isJumpTarget)]
                }
                // Constants' texts as the recorder cut them (LOAD_CONST, RETURN_CONST, 3.12's KW_NAMES …).
                let constantOps = Set((0...255).map(UInt8.init).filter {
                    disassembler.table[disassembler.table[$0].base].argument == .const
                }.map { disassembler.table[$0].name })
                let expected = code.rows.map { row -> [Code.Value] in
                    guard case let .string(name) = row[1], constantOps.contains(name),
                          case let .string(text) = row[3] else { return row }
                    var copy = row
                    copy[3] = .string(recorderRepr(text))
                    return copy
                }
                let labels = mine.instructions.filter(\.isLabel).map(\.offset)
                let place = "\(code.filename): \(code.qualname) line \(code.firstlineno)"
                if rows != expected || labels != code.labels {
                    let first = zip(rows, expected).first { $0.0 != $0.1 }
                    mismatches.append(place + (first.map { " (got \($0.0), dis has \($0.1))" }
                        ?? " (\(rows.count) vs \(expected.count) instructions; labels \(labels) vs \(code.labels))"))
                }
                let theirs = code.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let expectedText = theirs.last == "" ? Array(theirs.dropLast()) : theirs
                if DisassemblyText.lines(mine, notes: false) == expectedText {
                    textMatched += 1
                } else {
                    textMismatches.append(place)
                }
                checked += 1
            }
        }
        #expect(mismatches.isEmpty, "\(python): \(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
        #expect(textMismatches.isEmpty,
                "\(python): \(textMismatches.count) text mismatches, first: \(textMismatches.prefix(5))")
        let restricted = ProcessInfo.processInfo.environment["PYFRAME_BYTECODE_FILES"].map { !$0.isEmpty } ?? false
        #expect(restricted || checked > 1000)
        #expect(restricted || textMatched > 1000)
        print("StandardLibraryTests: \(python): \(checked - mismatches.count) of \(checked) code objects "
              + "from \(files.count) files match dis (instructions and labels); the full dis text of \(textMatched)")
    }
}
