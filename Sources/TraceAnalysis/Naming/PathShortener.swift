import TraceFormat

/// Shortens code file paths the way a Python user reads them.
///
/// Installed packages lose everything up to `site-packages/` (or
/// `dist-packages/`), the program's own files become relative to its working
/// directory, the standard library loses its `…/lib/python3.X/` prefix, and
/// pseudo-files such as `<frozen importlib._bootstrap>` or `<string>` stay as
/// they are. Site-packages is tried before the working directory so that a
/// virtual environment inside the project still shows `requests/api.py`.
/// The `sitecustomize.py` that `pyframe record` injects from a fresh
/// temporary directory (`pyframe-XXXXXX`) becomes `<pyframe bootstrap>`, so
/// that its frames match across runs.
package struct PathShortener: Sendable {
    /// The recorded program's working directory (``TraceFormat/ProcessRecord/cwd``).
    package let cwd: String

    /// A shortener for a program that ran in `cwd`.
    package init(cwd: String) {
        self.cwd = cwd.count > 1 && cwd.hasSuffix("/") ? String(cwd.dropLast()) : cwd
        cwdBytes = Array(self.cwd.utf8)
    }

    /// ``cwd`` as UTF-8, compared with each path's bytes.
    private let cwdBytes: [UInt8]

    /// The short form of `path`.
    ///
    /// Works on the path's UTF-8 bytes: every marker it looks for is ASCII
    /// and starts and ends at a `/`, so bytes find what characters found,
    /// without decoding grapheme clusters (character by character, this
    /// was a sixth of naming a trace's thousands of code records).
    package func shorten(_ path: String) -> String {
        var path = path
        return path.withUTF8 { shortened($0) } ?? path
    }

    /// The short form of the path whose bytes are `b`, or nil when it stays whole.
    private func shortened(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        if b.isEmpty || b[0] == UInt8(ascii: "<") { return nil }
        if PathShortener.isBootstrap(b) { return PathShortener.bootstrapName }
        for marker in PathShortener.packageMarkers {
            if let start = ByteSearch.last(marker, in: b), start + marker.count < b.count {
                let end = start + marker.count
                return String(decoding: UnsafeBufferPointer(rebasing: b[end...]), as: UTF8.self)
            }
        }
        let n = cwdBytes.count
        if n > 0, cwdBytes != [UInt8(ascii: "/")], b.count > n, b[n] == UInt8(ascii: "/"), b[..<n].elementsEqual(cwdBytes) {
            return String(decoding: UnsafeBufferPointer(rebasing: b[(n + 1)...]), as: UTF8.self)
        }
        return PathShortener.stdlibStart(b).map { String(decoding: UnsafeBufferPointer(rebasing: b[$0...]), as: UTF8.self) }
    }

    /// The display name of the recorder's injected bootstrap file.
    package static let bootstrapName = "<pyframe bootstrap>"

    private static let packageMarkers = [Array("/site-packages/".utf8), Array("/dist-packages/".utf8)]
    private static let stdlibMarker = Array("/lib/python".utf8)
    private static let bootstrapFile = Array("sitecustomize.py".utf8)
    private static let bootstrapPrefix = Array("pyframe-".utf8)

    /// Whether `b` is `…/pyframe-XXXXXX/sitecustomize.py`, the launcher's
    /// bootstrap (empty components, as in `a//b`, do not count).
    static func isBootstrap(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = b.count
        func component() -> Range<Int>? {
            while end > 0 && b[end - 1] == UInt8(ascii: "/") { end -= 1 }
            guard end > 0 else { return nil }
            var start = end
            while start > 0 && b[start - 1] != UInt8(ascii: "/") { start -= 1 }
            defer { end = start }
            return start..<end
        }
        guard let file = component(), b[file].elementsEqual(bootstrapFile), let dir = component() else { return false }
        return dir.count == "pyframe-XXXXXX".utf8.count && b[dir].starts(with: bootstrapPrefix)
    }

    /// Where the part after the first `/lib/pythonX.Y/` component starts,
    /// when that part is not empty.
    static func stdlibStart(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let marker = stdlibMarker
        var from = 0
        while let start = ByteSearch.first(marker, in: b, from: from) {
            var i = start + marker.count
            var sawDigit = false
            var sawDot = false
            while i < b.count, (b[i] >= UInt8(ascii: "0") && b[i] <= UInt8(ascii: "9"))
                    || (b[i] == UInt8(ascii: ".") && sawDigit && !sawDot) {
                if b[i] == UInt8(ascii: ".") { sawDot = true } else { sawDigit = true }
                i += 1
            }
            if sawDot, i < b.count, b[i] == UInt8(ascii: "/"), i + 1 < b.count { return i + 1 }
            from = start + marker.count
        }
        return nil
    }
}
