import Foundation

/// A CPython interpreter the tests run on.
public struct TestPython: Sendable, CustomStringConvertible {
    /// `major.minor`, e.g. "3.12".
    public let version: String
    /// A runnable interpreter (an absolute path, or a name found on PATH).
    public let executable: String
    /// Header folders for building the recorder against this version.
    public let includeDirectories: [String]

    public var description: String { "CPython \(version)" }
}

/// The interpreters `Tools/pythons.sh` provided, read from its list.
///
/// The list is a TSV file, one version a line:
/// `VERSION<TAB>ok|missing<TAB>EXECUTABLE<TAB>INCLUDE_DIRS (colon-separated)<TAB>NOTE`.
/// It is found at `$PYFRAME_PYTHONS`, else `~/.cache/pyframe/pythons/pythons.tsv`.
/// Without a list, the tests run on `python3` alone and say so: a version is
/// never left out silently.
public enum TestPythons {
    /// The list's path.
    public static var listPath: String {
        if let path = ProcessInfo.processInfo.environment["PYFRAME_PYTHONS"], !path.isEmpty { return path }
        return NSHomeDirectory() + "/.cache/pyframe/pythons/pythons.tsv"
    }

    /// Every interpreter the tests can use, oldest version first.
    public static let available: [TestPython] = load().available

    /// Versions that could not be had, with the reason `Tools/pythons.sh` gave.
    public static let missing: [(version: String, reason: String)] = load().missing

    /// The interpreter for `version` ("3.13"), if available.
    public static func python(_ version: String) -> TestPython? {
        available.first { $0.version == version }
    }

    private static func load() -> (available: [TestPython], missing: [(version: String, reason: String)]) {
        guard let text = try? String(contentsOfFile: listPath, encoding: .utf8) else {
            return ([TestPython(version: systemVersion, executable: "python3", includeDirectories: [])],
                    [(version: "3.12–3.15", reason: "no interpreter list at \(listPath): run Tools/pythons.sh")])
        }
        var available: [TestPython] = []
        var missing: [(version: String, reason: String)] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 5 else { continue }
            if fields[1] == "ok" {
                available.append(TestPython(version: fields[0], executable: fields[2],
                                            includeDirectories: fields[3].split(separator: ":").map(String.init)))
            } else {
                missing.append((version: fields[0], reason: fields[4]))
            }
        }
        return (available, missing)
    }

    /// `python3`'s own `major.minor`.
    private static let systemVersion: String = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return "3.11" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }()
}
