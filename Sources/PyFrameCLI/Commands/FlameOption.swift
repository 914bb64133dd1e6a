import ArgumentParser

/// `pyframe flame`'s own options: the one list both its parsers read (see
/// ``CommandOption``; the shared ones are ``AnalysisOption``).
enum FlameOption: CommandOption {
    case format, weight, limit, threads, title

    var long: String {
        switch self {
        case .format: "format"
        case .weight: "weight"
        case .limit: "limit"
        case .threads: "threads"
        case .title: "title"
        }
    }

    var takesValue: Bool { self != .threads }

    var help: ArgumentHelp {
        switch self {
        case .format: "Output: terminal (hottest stacks), folded, svg or html."
        case .weight: "What a frame's width measures: time (self time in ns) or calls."
        case .limit: "Stacks shown in terminal output; 0 for all."
        case .threads: "Put each thread under its own root frame."
        case .title: "Title of the SVG or HTML graph (default: the program's command line)."
        }
    }
}
