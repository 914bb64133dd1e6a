import Foundation
import PyFrameTestSupport
import Testing

/// `pyframe diff` of a run on one CPython against a run on another: the same
/// source compiles to other bytecode, which is not a patch.
@Suite("Diffs across CPython versions", .serialized)
struct CrossVersionDiffTests {
    static let original = """
        def work(n):
            total = 0
            for i in range(n):
                total += i * 2
            return total
        print(work(1000))
        """
    /// `work` rewritten: a patch on any pair of versions.
    static let rewritten = original.replacingOccurrences(of: "total += i * 2", with: "total += i * 3")

    /// The diff's JSON row of `work` for BEFORE run on `first` and AFTER on `second`.
    func workRow(_ first: TestPython, _ before: String, _ second: TestPython, _ after: String) throws -> [String: Any]? {
        let dir = try Tooling.temporaryFolder("xversion")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, python, source) in [("before", first, before), ("after", second, after)] {
            // The same file name on both sides: the function is the same function.
            try FileManager.default.createDirectory(atPath: "\(dir)/\(name)", withIntermediateDirectories: true)
            try source.write(toFile: "\(dir)/\(name)/app.py", atomically: true, encoding: .utf8)
            let outcome = try Tooling.run([Tooling.pyframe, "record", "-o", "\(dir)/\(name).lz4", "--",
                                           python.executable, "app.py"], currentDirectory: "\(dir)/\(name)")
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
        let diff = try Tooling.run([Tooling.pyframe, "diff", "--format", "json", "--limit", "0",
                                    "\(dir)/before.lz4", "\(dir)/after.lz4"])
        #expect(diff.status == 0, "\(diff.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any]
        let rows = json?["functions"] as? [[String: Any]] ?? []
        return rows.first { $0["qualname"] as? String == "work" }
    }

    static var pairs: [(Int, Int)] {
        let n = TestPythons.available.count
        return n < 2 ? [] : (1..<n).map { (0, $0) }
    }

    @Test("same source on two versions: recompiled, not patched; a rewritten body: patched",
          arguments: pairs.map(\.1))
    func recompiledNotPatched(other: Int) throws {
        let first = TestPythons.available[0], second = TestPythons.available[other]
        let same = try workRow(first, Self.original, second, Self.original)
        #expect(same?["patched"] as? Bool == false, "\(String(describing: same))")
        #expect(same?["recompiled"] as? Bool == true, "\(String(describing: same))")
        let changed = try workRow(first, Self.original, second, Self.rewritten)
        #expect(changed?["patched"] as? Bool == true, "\(String(describing: changed))")
        #expect(changed?["recompiled"] as? Bool == false)
    }
}
