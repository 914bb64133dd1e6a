import FoundationEssentials
import PyBytecode
import TraceAnalysis
import TraceFormat

/// The `pyframe code --json` document (a code listing): one function and
/// each version of its code, with the disassembly as data, for scripts and
/// editors.
package struct CodeJSON: Encodable {
    /// The function, named as in the report's rows: `path` is the recorded
    /// file, `line` the first line.
    struct Function: Encodable {
        var qualname: String
        var name: String
        var path: String
        var line: UInt32
    }

    struct Version: Encodable {
        /// The code hash, 16 hex digits as `pyframe dump` prints it.
        var hash: String
        /// Every code id of the trace that carried this version.
        var codeIds: [UInt32]
        var argCount: UInt32
        var posOnlyArgCount: UInt32
        var kwOnlyArgCount: UInt32
        var flags: UInt32
        var flagNames: [String]
        var varnames: [String]
        var cellvars: [String]
        var freevars: [String]
        var names: [String]
        var consts: [String]
        /// True when handler targets were inferred (no exception table recorded).
        var handlersInferred: Bool
        var instructions: [InstructionJSON]
    }

    /// One instruction; `argrepr` is exactly `dis`'s, `note` pyframe's addition.
    struct InstructionJSON: Encodable {
        var offset: Int
        var opcode: UInt8
        var opname: String
        var arg: Int?
        var argrepr: String
        var note: String?
        var startsLine: Int?
        var line: Int?
        var isJumpTarget: Bool
        var isHandlerTarget: Bool
        var jumpTarget: Int?
        /// The label `dis` shows (`L3` is 3), from CPython 3.13 on.
        var label: Int?
    }

    /// ``JSONSchema/code``.
    var schema = JSONSchema.code
    var trace: String
    var python: String
    var function: Function
    var versions: [Version]

    package init(trace: String, python: String, function: RecordedFunction, disassembler: Disassembler) {
        self.trace = trace
        self.python = python
        self.function = Function(qualname: function.qualname, name: function.name,
                                 path: function.filename, line: function.firstLine)
        self.versions = function.versions.map { version in
            let code = version.record
            let disassembly = disassembler.disassemble(code)
            return Version(
                hash: DisplayFormat.hash(code.hash), codeIds: version.ids, argCount: code.argCount,
                posOnlyArgCount: code.posOnlyArgCount, kwOnlyArgCount: code.kwOnlyArgCount,
                flags: code.flags, flagNames: CodeFlags(rawValue: code.flags).nameList,
                varnames: code.varnames, cellvars: code.cellvars, freevars: code.freevars,
                names: code.names, consts: code.consts, handlersInferred: disassembly.handlersInferred,
                instructions: disassembly.instructions.map {
                    InstructionJSON(offset: $0.offset, opcode: $0.opcode, opname: $0.opname, arg: $0.arg,
                                    argrepr: $0.argrepr, note: $0.note, startsLine: $0.startsLine,
                                    line: $0.position.line, isJumpTarget: $0.isJumpTarget,
                                    isHandlerTarget: $0.isHandlerTarget, jumpTarget: $0.jumpTarget, label: $0.label)
                })
        }
    }

    /// The document as indented, key-sorted JSON ending in a newline.
    package var text: String { JSONText.encode(self, snakeCaseKeys: true) }
}
