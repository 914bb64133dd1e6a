/// A CPython `major.minor` version, which is what decides how bytecode reads:
/// opcode numbers, argument encodings and `dis`'s text change with every
/// minor version, never within one.
public struct PythonVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 3 for every CPython pyframe reads.
    public var major: Int
    /// 11 for 3.11.
    public var minor: Int

    /// The version `major.minor`.
    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// The version at the start of `text`: `sys.version` as a trace records it
    /// (`"3.12.1 (main, Jan  1 2024, …) [GCC 12.2.0]"`), or `"3.13"`, `"3.14.0rc1"`.
    /// Nil when the text does not start with `N.N`.
    public init?(_ text: String) {
        let head = text.drop { $0 == " " }.prefix { $0 != " " }
        let parts = head.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let major = Int(parts[0]),
              let minor = Int(parts[1].prefix { $0.isASCII && $0.isNumber }),
              !parts[1].isEmpty, parts[1].first!.isNumber else { return nil }
        self.init(major, minor)
    }

    /// `"3.12"`.
    public var description: String { "\(major).\(minor)" }

    public static func < (a: PythonVersion, b: PythonVersion) -> Bool {
        (a.major, a.minor) < (b.major, b.minor)
    }

    /// The versions pyframe has an opcode table for, oldest first.
    public static var supported: [PythonVersion] { OpcodeTable.all.map(\.version) }
}

/// Why bytecode cannot be disassembled: said in one line.
public enum BytecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The trace names no Python version pyframe can read (or none at all).
    case unsupportedVersion(String)

    public var description: String {
        switch self {
        case let .unsupportedVersion(text):
            let shown = text.prefix { $0 != " " }
            let list = PythonVersion.supported.map(\.description).joined(separator: ", ")
            return "bytecode of Python \(shown.isEmpty ? "(unknown version)" : String(shown)) cannot be disassembled: "
                + "pyframe reads the bytecode of CPython \(list)"
        }
    }
}
