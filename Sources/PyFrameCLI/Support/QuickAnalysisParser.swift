import ArgumentParser

/// Reads the usual command lines of an analysis command (`flame`, `diff`, `report`) without
/// swift-argument-parser, whose reflection of the command's properties and
/// the Swift runtime's protocol-conformance scans behind it were 13 M
/// instructions of `pyframe flame trace.lz4` (the parser reads the command
/// three times: twice to look for a completion-script request), about 4 ms
/// of a 30-ms analysis.
///
/// It knows options only by the lists the full parser declares them from
/// (the command's own `Own` and the shared ``AnalysisOption``) and takes only
/// what it reads exactly as swift-argument-parser would (the oracle tests
/// compare the two): `--name`, `--name value`, `--name=value`, `-o value`,
/// each option once, traces anywhere between them. Anything else (help, an
/// unknown or repeated option, `--`, a missing, empty or dash-led value, an
/// empty trace name) returns nil, and so does a line the command would
/// refuse (its caller's conversion returns nil then), so that the full
/// parser's messages stay the ones users see.
struct QuickAnalysisParser<Own: CommandOption> {
    /// The values given, by option (nil for a flag).
    private(set) var own: [(option: Own, value: String?)] = []
    private(set) var shared: [(option: AnalysisOption, value: String?)] = []
    /// The positional arguments, in order.
    private(set) var traces: [String] = []

    /// Parses `arguments` (after the command's name), or nil to leave them to the full parser.
    init?(_ arguments: ArraySlice<String>) {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                guard !argument.isEmpty else { return nil }
                traces.append(argument)
                continue
            }
            let spelling = OptionSpelling(argument)
            let takesValue: Bool, isOwn: Bool
            if let option = Own.named(spelling.name), option.isQuick, !own.contains(where: { $0.option == option }) {
                (takesValue, isOwn) = (option.takesValue, true)
                own.append((option, nil))
            } else if let option = AnalysisOption.named(spelling.name), !shared.contains(where: { $0.option == option }) {
                (takesValue, isOwn) = (option.takesValue, false)
                shared.append((option, nil))
            } else {
                return nil
            }
            guard takesValue else {
                guard spelling.attached == nil else { return nil }
                continue
            }
            guard let value = spelling.value(in: arguments, next: &index) else { return nil }
            if isOwn { own[own.count - 1].value = value } else { shared[shared.count - 1].value = value }
        }
    }

    /// The value of `option`, if given.
    func value(_ option: Own) -> String? { own.first { $0.option == option }?.value }
    func value(_ option: AnalysisOption) -> String? { shared.first { $0.option == option }?.value }

    /// Whether the flag (or option) was given.
    func has(_ option: Own) -> Bool { own.contains { $0.option == option } }
    func has(_ option: AnalysisOption) -> Bool { shared.contains { $0.option == option } }
}

extension QuickAnalysisParser {
    /// A line the full parser must read (a value that does not convert, a check that fails).
    struct Refused: Error {}

    /// The value of `option` converted as swift-argument-parser converts it, nil when not given.
    func converted<Value: ExpressibleByArgument>(_ option: Own) throws(Refused) -> Value? {
        try value(option).map { text throws(Refused) in
            guard let converted = Value(argument: text) else { throw Refused() }
            return converted
        }
    }

    /// `-o`, `--force` and `--jobs`, checked as ``OutputArguments`` checks them.
    func destination() throws -> (output: String?, force: Bool, jobs: Int?) {
        var jobs: Int?
        if let text = value(.jobs) {
            guard let number = Int(argument: text) else { throw Refused() }
            jobs = number
        }
        try OutputArguments.check(jobs: jobs)
        return (value(.output), has(.force), jobs)
    }
}
