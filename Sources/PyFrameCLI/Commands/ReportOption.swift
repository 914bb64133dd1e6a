import ArgumentParser

/// `pyframe report`'s own options: the one list both its parsers read (see
/// ``CommandOption``; the shared ones are ``AnalysisOption``).
enum ReportOption: CommandOption {
    case sort, limit, match, callers, callees, threads, byProcess, format

    var long: String {
        switch self {
        case .sort: "sort"
        case .limit: "limit"
        case .match: "match"
        case .callers: "callers"
        case .callees: "callees"
        case .threads: "threads"
        case .byProcess: "by-process"
        case .format: "format"
        }
    }

    var takesValue: Bool { self != .threads && self != .byProcess }

    var help: ArgumentHelp {
        switch self {
        case .sort: "Order of rows: calls, total, self, self-per-call, total-per-call, max or name."
        case .limit: "Rows per table; 0 for all (tables show 40 by default, json and csv all)."
        case .match: ArgumentHelp("Only functions whose name or path matches this regular expression.", valueName: "regex")
        case .callers: ArgumentHelp("For each function whose name or path matches this regular expression: who called it, with calls and time per caller (pstats' print_callers).", valueName: "regex")
        case .callees: ArgumentHelp("For each function whose name or path matches this regular expression: what it called, with calls and time per callee (pstats' print_callees).", valueName: "regex")
        case .threads: "One table per thread."
        case .byProcess: "One report per trace instead of merging them."
        case .format: "Output format: table, json or csv."
        }
    }
}
