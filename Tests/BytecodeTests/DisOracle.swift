import Foundation
import PyFrameTestSupport
import TraceFormat
@testable import PyBytecode

/// Python's own `dis` as the reference: compiles a module with one CPython
/// (3.11 to 3.15, each from `TestPythons.available`) and describes every code
/// object in it (recursively), with the raw attributes the recorder stores and
/// what that version's `dis` makes of them.
enum DisOracle {
    /// The Python side. Constants are given as the recorder gives them
    /// (`<code object NAME, line N>` for nested code, since the default repr
    /// carries an address), before the recorder's 120-character cut, which
    /// the Swift side applies exactly as the recorder does. `dis_text` is
    /// `dis.disassemble`'s output with the same substitutions (`dis_text_offsets`
    /// the same with `show_offsets=True`, from 3.13 on). Instructions are
    /// `dis.Bytecode`'s (whose jump texts use the labels `dis.dis` shows), with
    /// `is_jump_target` from `dis.get_instructions` (jumps only) and
    /// `starts_line` as the line started (3.13's `line_number` where its
    /// `starts_line` is true) plus whether one starts at all.
    static let script = #"""
        import dis, io, json, sys, types
        NEW_LINES = sys.version_info >= (3, 13)

        def starts(i):
            if NEW_LINES:
                return (i.line_number if i.starts_line else None), bool(i.starts_line)
            return i.starts_line, i.starts_line is not None

        def recorded_const(c):
            if isinstance(c, types.CodeType):
                return f"<code object {c.co_name}, line {c.co_firstlineno}>"
            return repr(c)

        def walk(co):
            yield co
            for c in co.co_consts:
                if isinstance(c, types.CodeType):
                    yield from walk(c)

        def describe(co):
            instructions = []
            for i, j in zip(dis.Bytecode(co), dis.get_instructions(co)):
                argrepr = recorded_const(i.argval) if isinstance(i.argval, types.CodeType) else i.argrepr
                line, is_start = starts(i)
                instructions.append(dict(offset=i.offset, opname=i.opname, opcode=i.opcode, arg=i.arg,
                                         argrepr=argrepr, starts_line=line, is_line_start=is_start,
                                         is_jump_target=j.is_jump_target))
            def disassembly(**options):
                text = io.StringIO()
                dis.disassemble(co, file=text, **options)
                text = text.getvalue()
                for c in co.co_consts:
                    full, short = repr(c), recorded_const(c)
                    if len(short) > 120:
                        short = short[:120] + "\u2026"
                    if short != full:
                        text = text.replace("(" + full + ")", "(" + short + ")")
                return text
            text = disassembly()
            text_offsets = disassembly(show_offsets=True) if NEW_LINES else text
            return dict(
                qualname=co.co_qualname, name=co.co_name, filename=co.co_filename,
                firstlineno=co.co_firstlineno, flags=co.co_flags, argcount=co.co_argcount,
                posonlyargcount=co.co_posonlyargcount, kwonlyargcount=co.co_kwonlyargcount,
                varnames=list(co.co_varnames), cellvars=list(co.co_cellvars),
                freevars=list(co.co_freevars), names=list(co.co_names),
                consts=[recorded_const(c) for c in co.co_consts],
                code=co.co_code.hex(), linetable=co.co_linetable.hex(),
                exceptiontable=co.co_exceptiontable.hex(),
                pretty_flags=dis.pretty_flags(co.co_flags),
                instructions=instructions,
                labels=[i.offset for i in dis.Bytecode(co) if i.is_jump_target],
                exception_entries=[dict(start=e.start, end=e.end, target=e.target, depth=e.depth,
                                        lasti=e.lasti) for e in dis._parse_exception_table(co)],
                positions=[list(p) for p in co.co_positions()],
                line_starts=[[offset, line] for offset, line in dis.findlinestarts(co)],
                dis_text=text,
                dis_text_offsets=text_offsets,
            )

        import warnings
        warnings.simplefilter("ignore")
        source = open(sys.argv[1], encoding="utf-8").read()
        top = compile(source, sys.argv[1], "exec")
        json.dump([describe(co) for co in walk(top)], sys.stdout)
        """#

    /// One instruction as `dis.get_instructions` yields it.
    struct Instruction: Decodable, Sendable {
        var offset: Int
        var opname: String
        var opcode: Int
        var arg: Int?
        var argrepr: String
        var startsLine: Int?
        var isLineStart: Bool
        var isJumpTarget: Bool
    }

    /// One `co_exceptiontable` entry as `dis` parses it.
    struct ExceptionEntry: Decodable, Sendable {
        var start: Int
        var end: Int
        var target: Int
        var depth: Int
        var lasti: Bool
    }

    /// One code object.
    struct Code: Decodable, Sendable {
        var qualname: String
        var name: String
        var filename: String
        var firstlineno: Int
        var flags: Int
        var argcount: Int
        var posonlyargcount: Int
        var kwonlyargcount: Int
        var varnames: [String]
        var cellvars: [String]
        var freevars: [String]
        var names: [String]
        var consts: [String]
        var code: String
        var linetable: String
        var exceptiontable: String
        var prettyFlags: String
        var instructions: [Instruction]
        var labels: [Int]
        var exceptionEntries: [ExceptionEntry]
        var positions: [[Int?]]
        var lineStarts: [[Int?]]
        var disText: String
        var disTextOffsets: String

        /// The record the recorder would have written for this code object.
        func record(id: UInt32 = 1) -> CodeRecord {
            CodeRecord(
                id: id, hash: 0, filename: filename, qualname: qualname, name: name,
                firstLine: UInt32(firstlineno), flags: UInt32(flags), argCount: UInt32(argcount),
                posOnlyArgCount: UInt32(posonlyargcount), kwOnlyArgCount: UInt32(kwonlyargcount),
                varnames: varnames, cellvars: cellvars, freevars: freevars, names: names,
                consts: consts.map(recorderRepr), bytecode: bytes(hex: code), lineTable: bytes(hex: linetable))
        }

        /// `qualname (line N)`, to say which code object a failure is about.
        var label: String { "\(qualname) (line \(firstlineno))" }
    }

    /// Compiles `source` (as a module named `fileName`) with `python` and describes its code objects.
    static func describe(source: String, fileName: String = "fixture.py",
                         python: String = "python3") throws -> [Code] {
        let data = try Python.run(script: script, arguments: [fileName], files: [fileName: source], python: python)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([Code].self, from: data)
    }

    /// Compiles `source` with the interpreter of `python`'s version.
    static func describe(source: String, fileName: String = "fixture.py", python: TestPython) throws -> [Code] {
        try describe(source: source, fileName: fileName, python: python.executable)
    }

    /// The fixture module's code objects as `python` compiles them, described
    /// once per version for all tests.
    static func fixture(_ python: TestPython) throws -> [Code] {
        try fixtures.value(python.version) {
            guard let version = PythonVersion(python.version) else { throw Python.Failure(description: "bad version \(python.version)") }
            return try describe(source: FixtureModule.source(for: version), python: python)
        }
    }

    private static let fixtures = OnceCache<[Code]>()

    /// The fixture module as the system's python3 compiles it (tests of
    /// 3.11-specific behaviour).
    static let fixture: Result<[Code], Error> = Result { try describe(source: FixtureModule.source) }

    /// The disassembler for `python`'s version; throws when pyframe has no table for it.
    static func disassembler(_ python: TestPython) throws -> Disassembler {
        try Disassembler(pythonVersion: python.version)
    }
}

/// Values computed once per key, shared by tests running in parallel.
final class OnceCache<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Result<Value, Error>] = [:]

    func value(_ key: String, _ make: () throws -> Value) throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value = values[key] { return try value.get() }
        let value = Result { try make() }
        values[key] = value
        return try value.get()
    }
}

/// The recorder's bounded repr (PyFrameRecorder's PythonValues.repr): cut to
/// 120 characters plus "…".
func recorderRepr(_ text: String) -> String {
    text.count > 120 ? String(text.prefix(120)) + "…" : text
}
