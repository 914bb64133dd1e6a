import ArgumentParser

/// `pyframe diff`'s own options: the one list both its parsers read (see
/// ``CommandOption``; the shared ones are ``AnalysisOption``, but for `--window`).
enum DiffOption: CommandOption {
    case versions, splitAt, beforeWindow, afterWindow, before, after, format, showBytecode, limit

    var long: String {
        switch self {
        case .versions: "versions"
        case .splitAt: "split-at"
        case .beforeWindow: "before-window"
        case .afterWindow: "after-window"
        case .before: "before"
        case .after: "after"
        case .format: "format"
        case .showBytecode: "show-bytecode"
        case .limit: "limit"
        }
    }

    var takesValue: Bool { self != .versions && self != .showBytecode }

    /// `--before` and `--after` take several values each: the full parser's alone.
    var isQuick: Bool { self != .before && self != .after }

    var help: ArgumentHelp {
        switch self {
        case .versions: "Compare the versions of every function patched during one run (v1 against v2 …), per activation."
        case .splitAt: ArgumentHelp("Compare what ran before the first mark with this label with what ran after it.", valueName: "mark")
        case .beforeWindow: ArgumentHelp("The part of one trace before the change: START..END, marks or times (1.5s, 200ms); an empty end is the trace's.", valueName: "A..B")
        case .afterWindow: ArgumentHelp("The part of one trace after the change: START..END.", valueName: "C..D")
        case .before: ArgumentHelp("Runs before the change.", valueName: "trace")
        case .after: ArgumentHelp("Runs after the change.", valueName: "trace")
        case .format: "Output: table, json, folded-diff, svg or html."
        case .showBytecode: "Print the bytecode of each patched function before and after, side by side."
        case .limit: "Rows in the table; 0 for all."
        }
    }
}
