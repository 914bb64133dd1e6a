/// Why the arguments name no usable trace.
package enum TracePathError: Error, CustomStringConvertible, Sendable {
    /// The path does not exist.
    case missing(String)
    /// The directory holds no `*.lz4` file.
    case emptyDirectory(String)
    /// The directory cannot be listed (path, reason).
    case unreadableDirectory(String, String)

    /// One line for the user.
    package var description: String {
        switch self {
        case let .missing(path): "\(path): no such file or directory"
        case let .emptyDirectory(path): "\(path): directory holds no traces (*.lz4)"
        case let .unreadableDirectory(path, reason): "\(path): cannot list directory: \(reason)"
        }
    }
}
