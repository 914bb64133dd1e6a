import TraceFormat

/// Why recording could not start.
enum RecorderError: Error, CustomStringConvertible {
    case alreadyRecording
    case noExtraIndex
    case noCodeWatcher
    case cannotCreate(String)
    case noWriterThread
    case badSettings(RecordingSettings.Invalid)

    /// One line, raised to the program as the exception's message.
    var description: String {
        switch self {
        case .alreadyRecording: "pyframe is already recording in this process"
        case .noExtraIndex: "no co_extra index left for pyframe"
        case .noCodeWatcher: "no code watcher left for pyframe (CPython allows 8)"
        case let .cannotCreate(detail): "cannot create the trace file: \(detail)"
        case .noWriterThread: "cannot start pyframe's writer thread"
        case let .badSettings(invalid): invalid.message
        }
    }
}
