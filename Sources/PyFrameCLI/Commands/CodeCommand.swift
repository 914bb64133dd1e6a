import ArgumentParser
import FoundationEssentials
import PyBytecode
import TraceAnalysis
import TraceFormat
import TraceRender

/// `pyframe code`: a recorded function's code object, shown the way one
/// explores it in Python (`dis.code_info` and `dis.dis`), for every version
/// of it the trace holds, without the program or its source at hand.
struct CodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Show a recorded function's code object and its disassembly.",
        discussion: """
            NAME is a qualified name (Class.method, outer.<locals>.inner), a plain
            name, FILE:LINE (the function's first line, or any line of its body)
            or QUALNAME@FILE:LINE. FILE may be relative to the recording's working
            directory, or a trailing part of the path. When NAME matches several
            functions, they are listed with a precise name for each (exit status 1).

            Every version (distinct code hash) of the function is shown: file,
            first line, argument counts, flags, constants, names, variables, then
            the disassembly as `dis.dis` prints it. In parentheses: the argument
            resolved as `dis` shows it or, where `dis` shows nothing, pyframe's
            note (keyword names, `not in`, `after yield` ...). `>>` marks jump
            targets and exception-handler entries (from the recorded exception
            table; in traces that predate it, handler entries are inferred).
            Examples:
              pyframe code trace.lz4 Parser.parse
              pyframe code trace.lz4 app/models.py:120
              pyframe code --json trace.lz4 handle_request
            """)

    @Argument(help: "The trace file.")
    var trace: String

    @Argument(help: "The function: QUALNAME, NAME, FILE:LINE or QUALNAME@FILE:LINE.")
    var name: String

    @Flag(help: "Print JSON (one document with every version and its instructions).")
    var json = false

    func run() throws {
        let lookup = try CodeLookup.load(trace, problem: warn)
        // The bytecode is read as the Python that recorded the trace compiled it.
        let disassembler: Disassembler
        do {
            disassembler = try Disassembler(pythonVersion: lookup.pythonVersion)
        } catch {
            throw CLIError("\(trace): \(error)")
        }
        let function: RecordedFunction
        switch lookup.match(name) {
        case let .found(found):
            function = found
        case let .ambiguous(candidates):
            warn("\"\(name)\" matches \(candidates.count) functions in \(trace); name one of them precisely:")
            let selectors = candidates.map { lookup.selector(for: $0) }
            let width = min(selectors.map(\.count).max() ?? 0, 60)
            var text = ""
            for (candidate, selector) in zip(candidates, selectors) {
                let place = "\(lookup.displayPath(candidate.filename)):\(candidate.firstLine)"
                // Whatever the selector leaves out of "qualname at place".
                let rest = selector == candidate.qualname ? "at " + place : selector == place ? candidate.qualname : ""
                text += "  " + selector + String(repeating: " ", count: max(0, width - selector.count))
                text += rest.isEmpty ? "\n" : "   " + rest + "\n"
            }
            writeStandardError(text)
            throw ExitCode.failure
        case .none:
            let similar = lookup.similarNames(to: name)
            let hint = similar.isEmpty ? "" : " (similar: \(similar.joined(separator: ", ")))"
            throw CLIError("no function \"\(name)\" in \(trace)\(hint)")
        }

        var out = BufferedOutput()
        if json {
            let document = CodeJSON(trace: trace, python: String(lookup.pythonVersion.prefix { $0 != " " }),
                                    function: function, disassembler: disassembler)
            out.line(String(document.text.dropLast()))
        } else {
            write(function, lookup: lookup, disassembler: disassembler, to: &out)
        }
        out.flush()
    }

    private func write(_ function: RecordedFunction, lookup: CodeLookup, disassembler: Disassembler,
                       to out: inout BufferedOutput) {
        let count = function.versions.count
        out.line("\(function.qualname) at \(lookup.displayPath(function.filename)):\(function.firstLine): "
                 + "\(count) version\(count == 1 ? "" : "s") in \(trace)")
        for (index, version) in function.versions.enumerated() {
            let ids = version.ids.map(String.init).joined(separator: ", ")
            out.line("")
            out.line("== version \(index + 1) of \(count): hash \(DisplayFormat.hash(version.record.hash)) "
                     + "(code id\(version.ids.count == 1 ? "" : "s") \(ids)) ==")
            for line in DisassemblyText.codeInfo(version.record) { out.line(line) }
            out.line("Disassembly:")
            for line in DisassemblyText.lines(disassembler.disassemble(version.record)) { out.line(line) }
        }
    }
}
