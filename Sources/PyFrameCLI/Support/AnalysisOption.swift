import ArgumentParser

/// The options every analysis command shares (``OutputArguments``,
/// ``WindowArguments``): the one list both its parsers read (see ``CommandOption``).
enum AnalysisOption: CommandOption {
    case output, force, jobs, window

    var long: String {
        switch self {
        case .output: "output"
        case .force: "force"
        case .jobs: "jobs"
        case .window: "window"
        }
    }

    var short: Character? { self == .output ? "o" : nil }

    var takesValue: Bool { self != .force }

    var help: ArgumentHelp {
        switch self {
        case .output: ArgumentHelp(
            "Write to this file instead of stdout (never one of the inputs; replaced only when complete).",
            valueName: "file")
        case .force: "Let -o replace an existing pyframe trace."
        case .jobs: "Decoding threads (default: all cores)."
        case .window: ArgumentHelp(
            "Count only what ran between A and B: marks (start..done) or times from the start (1.5s..3s, 200ms..); frames cut at the edges count for the part inside.",
            valueName: "A..B")
        }
    }
}
