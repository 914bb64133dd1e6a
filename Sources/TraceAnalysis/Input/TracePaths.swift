import FoundationEssentials
import TraceFormat

/// Expands the trace arguments of a command: files as given, directories to
/// the traces they hold (`*.lz4`, which includes `*.pyframe.lz4`), sorted by
/// name so that runs keep their order.
package enum TracePaths {
    /// The trace files `arguments` name.
    package static func expand(_ arguments: [String]) throws(TracePathError) -> [String] {
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
