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
    }

    /// The short form of `path`.
    package func shorten(_ path: String) -> String {
        if path.isEmpty || path.hasPrefix("<") { return path }
        if PathShortener.isBootstrap(path) { return PathShortener.bootstrapName }
        for marker in ["/site-packages/", "/dist-packages/"] {
            if let range = path.lastRange(of: marker) {
                let rest = path[range.upperBound...]
                if !rest.isEmpty { return String(rest) }
            }
        }
        if !cwd.isEmpty, cwd != "/", path.hasPrefix(cwd + "/") {
            return String(path.dropFirst(cwd.count + 1))
        }
        if let stdlib = PathShortener.stdlibSuffix(path) { return stdlib }
        return path
    }

    /// The display name of the recorder's injected bootstrap file.
    package static let bootstrapName = "<pyframe bootstrap>"

    /// Whether `path` is `…/pyframe-XXXXXX/sitecustomize.py`, the launcher's bootstrap.
    static func isBootstrap(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard parts.count >= 2, parts[parts.count - 1] == "sitecustomize.py" else { return false }
        let dir = parts[parts.count - 2]
        return dir.hasPrefix("pyframe-") && dir.count == "pyframe-XXXXXX".count
    }

    /// The part after `/lib/pythonX.Y/`, if the path has that component.
    static func stdlibSuffix(_ path: String) -> String? {
        var search = path[...]
        while let range = search.firstRange(of: "/lib/python") {
            var i = range.upperBound
            var sawDigit = false
            var sawDot = false
            while i < path.endIndex, path[i].isNumber || (path[i] == "." && sawDigit && !sawDot) {
                if path[i] == "." { sawDot = true } else { sawDigit = true }
                i = path.index(after: i)
            }
            if sawDot, i < path.endIndex, path[i] == "/" {
                let rest = path[path.index(after: i)...]
                if !rest.isEmpty { return String(rest) }
            }
            search = path[range.upperBound...]
        }
        return nil
    }
}
