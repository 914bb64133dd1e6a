import TraceFormat

/// Where a trace's frames are, and what was wrong between them (the same
/// facts as ``TraceFormat/FrameScan``, with offsets in the whole file).
struct FrameIndex: Sendable {
    /// Complete frames, in file order.
    var frames: [FrameLocation] = []
    /// Problems found, each naming a byte offset.
    var problems: [String] = []
    /// Where an incomplete final frame starts, if the file was cut short.
    var truncatedAt: Int?
}
