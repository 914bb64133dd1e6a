import FoundationEssentials
import TraceFormat

/// Expands the trace arguments of a command: files as given, directories to
/// the traces they hold (`*.lz4`, which includes `*.pyframe.lz4`), sorted by
/// name so that runs keep their order.
public enum TracePaths {
    /// Why the arguments name no usable trace.
    public enum Failure: Error, CustomStringConvertible, Sendable {
        /// The path does not exist.
        case missing(String)
        /// The directory holds no `*.lz4` file.
        case emptyDirectory(String)
        /// The directory cannot be listed (path, reason).
        case unreadableDirectory(String, String)

        /// One line for the user.
        public var description: String {
            switch self {
            case let .missing(path): "\(path): no such file or directory"
            case let .emptyDirectory(path): "\(path): directory holds no traces (*.lz4)"
            case let .unreadableDirectory(path, reason): "\(path): cannot list directory: \(reason)"
            }
        }
    }

    /// The trace files `arguments` name.
    public static func expand(_ arguments: [String]) throws(Failure) -> [String] {
        var out: [String] = []
        for argument in arguments {
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw .missing(argument)
            }
            guard isDirectory else {
                out.append(argument)
                continue
            }
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: argument)
            } catch {
                throw .unreadableDirectory(argument, ErrorText.describe(error))
            }
            let traces = entries.filter { $0.hasSuffix(".lz4") && !$0.hasPrefix(".") }.sorted()
            guard !traces.isEmpty else { throw .emptyDirectory(argument) }
            let dir = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
            out += traces.map { "\(dir)/\($0)" }
        }
        return out
    }
}
