#if canImport(Glibc)
import Glibc
#endif

/// The traced command's environment: this process's own, as the C strings
/// it inherited (`environ`), with the launcher's variables set or removed.
///
/// Built once, at the spawn, straight from those bytes: going through
/// ProcessInfo's `[String: String]` (decoding every variable, twice, then
/// encoding each again for the child) was 1.0 of the 3.2 M instructions
/// `pyframe record -- python3 -c pass` ran once its arguments were parsed.
struct ChildEnvironment {
    /// The variables set (a value) or removed (nil), in the order set; each name once.
    private var changes: [(name: String, value: String?)] = []

    /// A variable of this process's environment (not of the changes).
    static func inherited(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Sets `name` to `value` in the child's environment, or removes it (nil).
    mutating func set(_ name: String, _ value: String?) {
        changes.removeAll { $0.name == name }
        changes.append((name, value))
    }

    /// Calls `body` with the child's `envp`: this process's entries in their
    /// order, less every one of a name set or removed, then those set; nil-terminated.
    func withEntries<R, E: Error>(_ body: ([UnsafeMutablePointer<CChar>?]) throws(E) -> R) throws(E) -> R {
        var entries: [UnsafeMutablePointer<CChar>?] = []
        // (Never null here: the kernel gives every process an array, and
        // pyframe does not clear its environment.)
        var entry = environ
        while let text = entry.pointee {
            if !changes.contains(where: { Self.names(text, $0.name) }) { entries.append(strdup(text)) }
            entry += 1
        }
        for (name, value) in changes {
            if let value { entries.append(strdup(name + "=" + value)) }
        }
        entries.append(nil)
        defer { entries.forEach { free($0) } }
        return try body(entries)
    }

    /// Whether the entry `text` (`NAME=value`) is of the variable `name`.
    private static func names(_ text: UnsafePointer<CChar>, _ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            strncmp(text, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self), bytes.count) == 0
                && text[bytes.count] == CChar(UInt8(ascii: "="))
        }
    }
}
