import Foundation
import TraceFormat

/// Python's own `dis` as the reference: compiles a module with the installed
/// CPython 3.11 and describes every code object in it (recursively), with the
/// raw attributes the recorder stores and what `dis` makes of them.
enum DisOracle {
    /// The Python side. Constants are given as the recorder gives them
    /// (`<code object NAME, line N>` for nested code, since the default repr
    /// carries an address), before the recorder's 120-character cut, which
    /// the Swift side applies exactly as the recorder does. `dis_text` is
    /// `dis.disassemble`'s output with the same substitutions.
    static let script = #"""
        import dis, io, json, sys, types

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
            for i in dis.get_instructions(co):
                argrepr = recorded_const(i.argval) if isinstance(i.argval, types.CodeType) else i.argrepr
                instructions.append(dict(offset=i.offset, opname=i.opname, opcode=i.opcode, arg=i.arg,
                                         argrepr=argrepr, starts_line=i.starts_line,
                                         is_jump_target=i.is_jump_target))
            text = io.StringIO()
            dis.disassemble(co, file=text)
            text = text.getvalue()
            for c in co.co_consts:
                full, short = repr(c), recorded_const(c)
                if len(short) > 120:
                    short = short[:120] + "\u2026"
                if short != full:
                    text = text.replace("(" + full + ")", "(" + short + ")")
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
            )

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
        var lineStarts: [[Int]]
        var disText: String

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

    /// Compiles `source` (as a module named `fileName`) and describes its code objects.
    static func describe(source: String, fileName: String = "fixture.py") throws -> [Code] {
        let data = try Python.run(script: script, arguments: [fileName], files: [fileName: source])
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([Code].self, from: data)
    }

    /// The fixture module's code objects, described once for all tests.
    static let fixture: Result<[Code], Error> = Result { try describe(source: FixtureModule.source) }
}

/// The recorder's bounded repr (PyFrameRecorder's PythonValues.repr): cut to
/// 120 characters plus "…".
func recorderRepr(_ text: String) -> String {
    text.count > 120 ? String(text.prefix(120)) + "…" : text
}
