/// The window a profile's tables were cut to, as `--window A..B` named it.
public struct SelectedWindow: Sendable, Equatable {
    /// The span, ns since the trace's origin.
    public var window: TimeWindow
    /// How the user named its ends (`mark "start" … 3s`).
    public var label: String

    /// A window and its name.
    public init(window: TimeWindow, label: String) {
        self.window = window
        self.label = label
    }

    /// What every header says about it.
    public var sentence: String {
        let end = window.end == .max ? "the end" : TraceProfile.milliseconds(window.end) + " ms"
        return "only the window \(label) (\(TraceProfile.milliseconds(window.start)) ms to \(end)) is counted; "
            + "frames cut at its edges count for the part inside"
    }
}
