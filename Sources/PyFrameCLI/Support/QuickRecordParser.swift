/// Parses the command lines `pyframe record` is usually given without
/// swift-argument-parser: building its parser (reflection of the command's
/// properties, the Swift runtime's protocol-conformance scans) was 7.7 of
/// the 10.9 M instructions of `pyframe record -- python3 -c pass`'s own
/// process (the wheel's static binary), and 5.7 of `--version`'s 6.8 M.
///
/// It reads the options' names from ``RecordOption``, the list
/// ``RecordCommand`` declares them from, and takes only what it parses
/// exactly as swift-argument-parser would (its oracle tests compare the
/// two): `--name`, `--name value`, `--name=value`, `-o value`, then `--` or
/// the command's first word. Anything else (help, an unknown or repeated
/// option, a missing or dash-led value, no command) returns nil, and the
/// full parser takes the line, so that its messages stay the ones users see.
enum QuickRecordParser {
    /// `record`'s arguments (after `record`), or nil to leave them to the full parser.
    static func parse(_ arguments: ArraySlice<String>) -> RecordArguments? {
        var parsed = RecordArguments()
        // (An array: a Set's generic metadata costs start-up more than a few comparisons.)
        var seen: [RecordOption] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if argument == "--" { break }
            guard argument.hasPrefix("-") else {
                index -= 1
                break
            }
            let spelling = OptionSpelling(argument)
            guard let option = RecordOption.named(spelling.name), option.repeats || !seen.contains(option)
            else { return nil }
            seen.append(option)
            guard option.takesValue else {
                guard spelling.attached == nil else { return nil }
                parsed.set(option)
                continue
            }
            guard let value = spelling.value(in: arguments, next: &index), parsed.set(option, to: value) else { return nil }
        }
        parsed.command = Array(arguments[index...])
        // No command is an error, the full parser's to say.
        guard let first = parsed.command.first, !first.isEmpty else { return nil }
        return parsed
    }
}

extension RecordArguments {
    /// Sets a flag.
    fileprivate mutating func set(_ flag: RecordOption) {
        switch flag {
        case .force: force = true
        case .noFollow: noFollow = true
        case .signal: signal = true
        case .cCalls: cCalls = true
        case .null: null = true
        default: preconditionFailure("\(flag) takes a value")
        }
    }

    /// Sets an option's value; false when it is not one (a depth that is not a number).
    fileprivate mutating func set(_ option: RecordOption, to value: String) -> Bool {
        switch option {
        case .output: output = value
        case .ring: ring = value
        case .include: include.append(value)
        case .exclude: exclude.append(value)
        case .maxDepth:
            guard let depth = Int(value) else { return false }
            maxDepth = depth
        default: preconditionFailure("\(option) is a flag")
        }
        return true
    }
}
