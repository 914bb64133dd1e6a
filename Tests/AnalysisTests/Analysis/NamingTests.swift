import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis

/// Paths shortened the way Python users read them, and trace arguments expanded.
@Suite struct NamingTests {
    @Test(arguments: [
        ("/home/u/proj/app.py", "app.py"),
        ("/home/u/proj/pkg/mod.py", "pkg/mod.py"),
        ("/home/u/proj/.venv/lib/python3.11/site-packages/requests/api.py", "requests/api.py"),
        ("/usr/lib/python3/dist-packages/yaml/__init__.py", "yaml/__init__.py"),
        ("/root/.pyenv/versions/3.11.7/lib/python3.11/json/decoder.py", "json/decoder.py"),
        ("/usr/lib/python3.11/threading.py", "threading.py"),
        ("<frozen importlib._bootstrap>", "<frozen importlib._bootstrap>"),
        ("<string>", "<string>"),
        ("/opt/other/tool.py", "/opt/other/tool.py"),
        ("/home/u/project2/x.py", "/home/u/project2/x.py"),
        ("relative.py", "relative.py"),
        ("/tmp/pyframe-RGRugE/sitecustomize.py", "<pyframe bootstrap>"),
        ("/home/u/proj/sitecustomize.py", "sitecustomize.py"),
        // the last marker wins; bytes after a non-ASCII name stay whole
        ("/opt/a/site-packages/vendored/site-packages/inner/m.py", "inner/m.py"),
        ("/opt/café/site-packages/naïve/ü.py", "naïve/ü.py"),
        ("/opt/x/site-packages/", "/opt/x/site-packages/"),
        ("/opt/x/site-package/y.py", "/opt/x/site-package/y.py"),
    ])
    func shortening(path: String, expected: String) {
        #expect(PathShortener(cwd: "/home/u/proj").shorten(path) == expected)
    }

    @Test func aRootOrEmptyWorkingDirectoryShortensNothingByItself() {
        #expect(PathShortener(cwd: "/").shorten("/srv/app.py") == "/srv/app.py")
        #expect(PathShortener(cwd: "").shorten("/srv/app.py") == "/srv/app.py")
        #expect(PathShortener(cwd: "/srv/").shorten("/srv/app.py") == "app.py")
    }

    @Test func versionsAreNumberedInOrderOfAppearance() throws {
        let catalog = FunctionCatalog(profiles: [try Fixtures.profile(Fixtures.mixed())])
        let helpers = catalog.functions.filter { $0.identity.qualname == "helper" }
        #expect(helpers.map(\.version) == [1, 2])
        #expect(helpers.map(\.name) == ["helper (app.py:10) [v1]", "helper (app.py:10) [v2]"])
        #expect(catalog.functions.first { $0.identity.qualname == "main" }?.version == 0)
    }

    @Test func directoriesExpandToTheirTracesInNameOrder() throws {
        let dir = temporaryPath("runs")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in ["b.pyframe.lz4", "a.lz4", "notes.txt", ".hidden.lz4"] {
            _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data([0]))
        }
        #expect(try TracePaths.expand([dir]) == [dir + "/a.lz4", dir + "/b.pyframe.lz4"])
        #expect(try TracePaths.expand([dir + "/notes.txt"]) == [dir + "/notes.txt"])
        #expect(throws: TracePathError.self) { try TracePaths.expand([dir + "/missing.lz4"]) }
        let empty = temporaryPath("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(throws: TracePathError.self) { try TracePaths.expand([empty]) }
    }

    @Test func notATraceIsAClearError() throws {
        let path = temporaryPath("junk.lz4")
        _ = FileManager.default.createFile(atPath: path, contents: Data("hello, not a trace".utf8))
        #expect {
            _ = try TraceAnalyzer.analyze(path: path)
        } throws: { error in
            "\(error)".contains("not a pyframe trace")
        }
        #expect {
            _ = try TraceAnalyzer.analyze(path: FileManager.default.temporaryDirectory.path)
        } throws: { error in
            "\(error)".contains("is a directory")
        }
    }
}
