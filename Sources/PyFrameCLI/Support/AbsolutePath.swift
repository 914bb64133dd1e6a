import FoundationEssentials
import Glibc

/// A path the user gave, made absolute as `URL(fileURLWithPath:).path`
/// makes it, without URL for a plain path: URL's parsing cost `pyframe
/// record` a quarter of a million instructions before the program started.
enum AbsolutePath {
    /// `path` against the current directory.
    static func of(_ path: String) -> String {
        if let cwd = currentDirectory(), let plain = plain(path, in: cwd) { return plain }
        return URL(fileURLWithPath: path).path
    }

    /// The current directory, or nil when it cannot be read.
    static func currentDirectory() -> String? {
        guard let cwd = getcwd(nil, 0) else { return nil }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// `path` against `cwd`, when it is plain: no empty, `.` or `..`
    /// component (which URL would resolve), no `~` first (which URL
    /// expands to the home folder), at most one `/` at its end (which URL
    /// drops), and not `/` itself; else nil (then URL's answer is the one
    /// to take; the tests compare the two).
    static func plain(_ path: String, in cwd: String) -> String? {
        var utf8 = Substring(path).utf8
        let slash = UInt8(ascii: "/")
        guard utf8.first != UInt8(ascii: "~") else { return nil }
        if utf8.last == slash { utf8 = utf8.dropLast() }
        let absolute = utf8.first == slash
        if absolute { utf8 = utf8.dropFirst() }
        guard !utf8.isEmpty else { return nil }
        for component in utf8.split(separator: slash, omittingEmptySubsequences: false) {
            guard !component.isEmpty, !component.elementsEqual(".".utf8), !component.elementsEqual("..".utf8)
            else { return nil }
        }
        let trimmed = String(Substring(utf8))
        return absolute ? "/" + trimmed : (cwd == "/" ? "/" : cwd + "/") + trimmed
    }
}
