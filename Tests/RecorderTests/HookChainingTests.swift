import Foundation
import Testing

/// When another eval-frame hook is already installed, pyframe chains to it
/// instead of replacing it, and gives it back when it stops. The "other
/// tool" here is a second, independent copy of the recorder library.
@Suite("Chaining to an existing eval-frame hook")
struct HookChainingTests {
    static let script = #"""
    import importlib.machinery, importlib.util, os, shutil, sys
    library, directory = sys.argv[1], sys.argv[2]
    copy = os.path.join(directory, "other-tool.so")
    shutil.copy(library, copy)
    def load(path):
        loader = importlib.machinery.ExtensionFileLoader("_pyframe", path)
        spec = importlib.util.spec_from_loader("_pyframe", loader, origin=path)
        module = importlib.util.module_from_spec(spec)
        loader.exec_module(module)
        return module
    first, second = load(library), load(copy)
    assert first is not second
    def fib(n):
        return n if n < 2 else fib(n - 1) + fib(n - 2)
    first.start(os.path.join(directory, "first.lz4"), "")
    second.start(os.path.join(directory, "second.lz4"), "")
    fib(15)
    second.stop()
    fib(10)
    first.stop()
    assert not first.is_recording() and not second.is_recording()
    """#

    @Test("both hooks see every call while both are installed; the first keeps going after the second stops")
    func chaining() throws {
        let dir = try Tooling.temporaryFolder("chain")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let suffix = try Tooling.run(["python3", "-c", "import importlib.machinery as m; print(m.EXTENSION_SUFFIXES[0])"])
        let library = Tooling.buildDirectory.appendingPathComponent("recorders/_pyframe" + suffix.stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)).path
        let outcome = try Tooling.run(["python3", "-c", Self.script, library, dir])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let first = try TraceFacts(path: dir + "/first.lz4", countingFile: "<string>")
        let second = try TraceFacts(path: dir + "/second.lz4", countingFile: "<string>")
        #expect(second.calls["fib:13"] == 1973)          // fib(15)
        #expect(first.calls["fib:13"] == 1973 + 177)     // fib(15) and fib(10)
        #expect(!first.nestingBroken && !second.nestingBroken)
    }
}
