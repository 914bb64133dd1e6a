import Foundation
import Testing
@testable import PyFrameCLI

/// `AbsolutePath` against its oracle, `URL(fileURLWithPath:).path`.
@Suite("a plain path is made absolute as URL makes it")
struct AbsolutePathTests {
    @Test("plain paths as URL has them; others left to URL", arguments: [
        "t.lz4", "dir/t.lz4", "dir/", "dir/sub/t.lz4", "/tmp/t.lz4", "/tmp/dir/", "a b/c d.lz4", "100%.lz4",
        "%20x", "é/ü.lz4", "trace", "-", "a:b", "a?b#c", "~/t.lz4", ".hidden", "a..b", "...",
        "~", "~x/t.lz4", "a/~/b", "./t.lz4", "../t.lz4", "a/./b", "a/../b", "a//b", "dir//", "/", "//x", ".", "..", "", "a/.", "a/..",
    ])
    func againstURL(path: String) throws {
        let cwd = try #require(AbsolutePath.currentDirectory())
        #expect(cwd == FileManager.default.currentDirectoryPath)
        if let plain = AbsolutePath.plain(path, in: cwd) {
            #expect(plain == URL(fileURLWithPath: path).path, "\(path)")
        }
        #expect(AbsolutePath.of(path) == URL(fileURLWithPath: path).path, "\(path)")
    }

    @Test("which paths are plain")
    func plainOnes() {
        #expect(AbsolutePath.plain("d/t.lz4", in: "/w") == "/w/d/t.lz4")
        #expect(AbsolutePath.plain("d/", in: "/") == "/d")
        for path in ["~/t", "./t", "a/../b", "a//b", "/", "", ".", "..", "a/."] {
            #expect(AbsolutePath.plain(path, in: "/w") == nil, "\(path)")
        }
    }
}
