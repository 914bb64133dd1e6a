import TraceAnalysis
import TraceFormat

/// Reads the windows of `--window A..B` and of `pyframe diff --split-at` and
/// `--before-window A..B`, each named as the user named it:
/// each end is a mark's label (its first occurrence) or a time since the
/// trace's start with a unit (`1.5s`, `200ms`, `300us`, `1000ns`); an empty
/// end is the trace's start or end.
enum TimeWindowParser {
    /// Whether `text` has the `A..B` shape (for usage errors before any trace is read).
    static func isWindow(_ text: String) -> Bool { text.contains("..") }

    /// The window `A..B` of a trace with `marks`.
    static func window(_ text: String, marks: [Mark]) throws -> SelectedWindow {
        guard let dots = text.firstRange(of: "..") else { throw CLIError("a window is START..END (marks or times), not '\(text)'") }
        let a = String(text[..<dots.lowerBound]), b = String(text[dots.upperBound...])
        let start = a.isEmpty ? 0 : try instant(a, marks: marks)
        let end = b.isEmpty ? UInt64.max : try instant(b, marks: marks)
        guard start < end else { throw CLIError("window '\(text)' ends before it starts") }
        return SelectedWindow(window: TimeWindow(start: start, end: end),
                              label: "\(a.isEmpty ? "start" : describe(a, marks)) … \(b.isEmpty ? "end" : describe(b, marks))")
    }

    /// The two windows around the first mark labelled `label`.
    static func split(at label: String, marks: [Mark]) throws -> (SelectedWindow, SelectedWindow) {
        let t = try instant(label, marks: marks, timesAllowed: false)
        return (SelectedWindow(window: TimeWindow(start: 0, end: t), label: "start … mark \"\(label)\""),
                SelectedWindow(window: TimeWindow(start: t, end: .max), label: "mark \"\(label)\" … end"))
    }

    private static func describe(_ end: String, _ marks: [Mark]) -> String {
        marks.contains { $0.label == end } ? "mark \"\(end)\"" : end
    }

    /// A mark's time, else a time with a unit.
    static func instant(_ text: String, marks: [Mark], timesAllowed: Bool = true) throws -> UInt64 {
        if let mark = marks.first(where: { $0.label == text }) { return mark.time }
        if timesAllowed, let ns = nanoseconds(text) { return ns }
        let known = marks.isEmpty ? "the trace has no marks (pyframe.mark(\"label\") puts one)"
            : "its marks are " + Array(Set(marks.map { "\"\($0.label)\"" })).sorted().prefix(10).joined(separator: ", ")
        throw CLIError("no mark \"\(text)\"\(timesAllowed ? " and not a time (1.5s, 200ms, 300us, 1000ns)" : ""); \(known)")
    }

    /// `1.5s`, `200ms`, `300us`/`300µs`, `1000ns` in nanoseconds.
    static func nanoseconds(_ text: String) -> UInt64? {
        for (unit, scale) in [("ns", 1.0), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)] where text.hasSuffix(unit) {
            guard let value = Double(text.dropLast(unit.count)), value >= 0, value.isFinite else { return nil }
            return UInt64((value * scale).rounded())
        }
        return nil
    }
}
