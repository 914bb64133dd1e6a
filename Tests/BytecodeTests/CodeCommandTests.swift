import Foundation
import PyFrameTestSupport
import Testing

/// `pyframe code` end to end: record a real Python program with the built
/// `pyframe`, then look at its functions in the trace.
@Suite struct CodeCommandTests {
    static let script = """
        class Shop:
            def price(self, qty, *, unit=2):
                return qty * unit

            def helper(self):
                return 1


        class Other:
            def helper(self):
                return 2


        def squares(n):
            for i in range(n):
                yield i * i


        def patched():
            return 1


        def main():
            total = sum(squares(10))
            shop = Shop()
            return total + shop.price(3, unit=4) + shop.helper() + Other().helper()


        main()
        patched()
        source = "\\n" * (patched.__code__.co_firstlineno - 1) + "def patched():\\n    return 2\\n"
        exec(compile(source, __file__, "exec"))
        patched()
        """

    /// The `pyframe` executable of this build (``ProcessRunner``), if built.
    static let pyframe: String? = ProcessRunner.pyframeIsBuilt ? ProcessRunner.pyframe : nil

    /// Records `script` into a fresh directory, runs `body` with a function
    /// that calls `pyframe code TRACE arguments…`, then removes the directory.
    func withTrace(python: String = "python3",
                   _ body: (_ path: String, _ code: ([String]) throws -> ProcessOutcome) throws -> Void) throws {
        let pyframe = try #require(Self.pyframe, "pyframe is not built beside the tests")
        let directory = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.script.write(to: directory.appendingPathComponent("shop.py"), atomically: true, encoding: .utf8)
        let path = directory.appendingPathComponent("shop.lz4").path
        let recorded = try Python.execute(pyframe, ["record", "-o", path, "--force", "--", python, "shop.py"],
                                          in: directory)
        try #require(recorded.status == 0, "pyframe record failed: \(recorded.stderr)")
        try body(path) { arguments in try Python.execute(pyframe, ["code", path] + arguments, in: directory) }
    }

    @Test func showsAGeneratorFunction() throws { try withTrace { _, code in
        let result = try code(["squares"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        #expect(text.hasPrefix("squares at "))
        #expect(text.contains("shop.py:14: 1 version in "))
        #expect(text.contains("Flags:             OPTIMIZED, NEWLOCALS, GENERATOR"))
        #expect(text.contains("Argument count:    1"))
        #expect(text.contains("Variable names:\n   0: n\n   1: i"))
        #expect(text.contains("RETURN_GENERATOR"))
        #expect(text.contains("LOAD_GLOBAL              1 (NULL + range)"))
        #expect(text.contains(">>   36 FOR_ITER                 9 (to 56)"))
        #expect(text.contains("     48 YIELD_VALUE\n             50 RESUME                   1 (after yield)\n"))
    } }

    @Test func showsKeywordOnlyArgumentsAndKeywordNames() throws { try withTrace { _, code in
        let price = try code(["Shop.price"])
        #expect(price.status == 0)
        #expect(price.stdout.contains("Kw-only arguments: 1"))
        #expect(price.stdout.contains("Qualified name:    Shop.price"))
        let main = try code(["shop.py:23"])
        #expect(main.status == 0)
        #expect(main.stdout.hasPrefix("main at "))
        #expect(main.stdout.contains("KW_NAMES                 4 (('unit',))"))
        // A line inside the body names the innermost function around it.
        #expect(try code(["shop.py:25"]).stdout.hasPrefix("main at shop.py:23: "))
        #expect(try code(["Shop.helper@shop.py:5"]).stdout.hasPrefix("Shop.helper at shop.py:5: "))
    } }

    @Test func everyVersionOfAPatchedFunction() throws { try withTrace { _, code in
        let result = try code(["patched"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(": 2 versions in "))
        #expect(result.stdout.contains("== version 1 of 2: hash "))
        #expect(result.stdout.contains("== version 2 of 2: hash "))
        #expect(result.stdout.contains("LOAD_CONST               1 (1)"))
        #expect(result.stdout.contains("LOAD_CONST               1 (2)"))
    } }

    @Test func ambiguousNamesAreListed() throws { try withTrace { _, code in
        let result = try code(["helper"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("pyframe: \"helper\" matches 2 functions in "))
        #expect(result.stderr.contains("  Shop.helper "))
        #expect(result.stderr.contains("  Other.helper "))
        #expect(try code(["Other.helper"]).status == 0)
    } }

    @Test func unknownNameIsOneLine() throws { try withTrace { path, code in
        let result = try code(["no_such_function"])
        #expect(result.status == 1)
        #expect(result.stderr == "pyframe: no function \"no_such_function\" in \(path)\n")
    } }

    @Test func jsonOutput() throws { try withTrace { _, code in
        let result = try code(["--json", "squares"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])
        #expect(object["schema"] as? Int == 2)
        let function = try #require(object["function"] as? [String: Any])
        #expect(function["qualname"] as? String == "squares")
        #expect(function["line"] as? Int == 14)
        #expect((function["path"] as? String)?.hasSuffix(".py") == true && function["filename"] == nil)
        let versions = try #require(object["versions"] as? [[String: Any]])
        #expect(versions.count == 1)
        #expect(versions[0]["flag_names"] as? [String] == ["OPTIMIZED", "NEWLOCALS", "GENERATOR"])
        // The recorder keeps co_exceptiontable, so handler entries are known.
        #expect(versions[0]["handlers_inferred"] as? Bool == false)
        let instructions = try #require(versions[0]["instructions"] as? [[String: Any]])
        #expect(instructions.contains { $0["opname"] as? String == "YIELD_VALUE" })
        let forIter = try #require(instructions.first { $0["opname"] as? String == "FOR_ITER" })
        #expect(forIter["jump_target"] as? Int == 56)
        #expect(forIter["is_jump_target"] as? Bool == true)
    } }

    /// Recorded by each available CPython, `pyframe code` shows every
    /// function's disassembly as that version's own `dis.disassemble` prints
    /// it: each line of `dis` is pyframe's line, or pyframe's line adds a note
    /// in parentheses where `dis` shows nothing.
    @Test(arguments: TestPythons.available) func disassemblyIsTheRecordingVersionsDis(python: TestPython) throws {
        let script = #"""
            import dis, io, sys
            sys.path.insert(0, ".")
            import runpy
            ns = runpy.run_path("shop.py")
            for name in ("squares", "main"):
                out = io.StringIO()
                dis.disassemble(ns[name].__code__, file=out)
                sys.stdout.write("== " + name + "\n" + out.getvalue())
            """#
        try withTrace(python: python.executable) { path, code in
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try script.write(to: directory.appendingPathComponent("dis_of.py"), atomically: true, encoding: .utf8)
            let reference = try Python.execute(python.executable, ["dis_of.py"], in: directory)
            try #require(reference.status == 0, "\(reference.stderr)")
            let sections = reference.stdout.components(separatedBy: "== ").dropFirst()
            #expect(sections.count == 2)
            for section in sections {
                let lines = section.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let name = lines[0]
                let expected = Array(lines.dropFirst().dropLast())
                let result = try code([name])
                #expect(result.status == 0, "\(python) \(name): \(result.stderr)")
                let shown = result.stdout.components(separatedBy: "Disassembly:\n").last ?? ""
                let mine = shown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    .prefix(expected.count)
                #expect(mine.count == expected.count, "\(python) \(name)")
                for (got, want) in zip(mine, expected) {
                    let same = got == want || (!want.hasSuffix(")") && got.hasPrefix(want + " (") && got.hasSuffix(")"))
                    #expect(same, "\(python) \(name):\n  got  '\(got)'\n  want '\(want)'")
                    if !same { break }
                }
            }
        }
    }
}
