/// What can be wrong with a trace file; every case names where.
public enum TraceError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The bytes at `offset` (a chunk's start in the file) do not decode.
    case damaged(offset: Int, detail: String)
    /// The file is not a pyframe trace at all.
    case notATrace(detail: String)
    /// The trace was written by a newer pyframe than this one.
    case newerVersion(found: Int, supported: Int)
    /// The file could not be opened or read.
    case io(path: String, detail: String)

    /// One line, suitable after `pyframe: `.
    public var description: String {
        switch self {
        case let .damaged(offset, detail):
            return "damaged trace at byte \(offset): \(detail)"
        case let .notATrace(detail):
            return "not a pyframe trace: \(detail)"
        case let .newerVersion(found, supported):
            return "trace format version \(found) is newer than this pyframe reads (version \(supported)); upgrade pyframe"
        case let .io(path, detail):
            return "\(path): \(detail)"
        }
    }
}
