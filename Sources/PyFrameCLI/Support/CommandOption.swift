import ArgumentParser

/// An option as both of a command's parsers read it: swift-argument-parser,
/// which declares the option from ``name`` and ``help`` (and builds help,
/// completions and usage errors from them), and a quick parser that reads
/// the usual command lines by the same names without its reflection
/// (``QuickRecordParser``, ``QuickAnalysisParser``). A name changed in the
/// list changes both.
protocol CommandOption: CaseIterable, Equatable {
    /// The long name, without `--`.
    var long: String { get }
    /// The one-letter name, without `-`.
    var short: Character? { get }
    /// Whether the option takes a value (else it is a flag).
    var takesValue: Bool { get }
    /// The help line (and the value's name, for an option).
    var help: ArgumentHelp { get }
    /// Whether the quick parser reads it (not an option of several values).
    var isQuick: Bool { get }
}

extension CommandOption {
    var short: Character? { nil }
    var isQuick: Bool { true }

    /// The names as swift-argument-parser takes them.
    var name: NameSpecification {
        let long = NameSpecification.Element.customLong(long)
        guard let short else { return [long] }
        return [.customShort(short), long]
    }

    /// The option `argument` names exactly (`--long` or `-s`, no value attached).
    static func named(_ argument: Substring) -> Self? {
        if argument.hasPrefix("--") {
            let name = argument.dropFirst(2)
            return allCases.first { $0.long == name }
        }
        guard argument.count == 2, argument.first == "-" else { return nil }
        return allCases.first { $0.short != nil && $0.short == argument.last }
    }
}

/// An option argument as the quick parsers split it: `--name=value` (the
/// value is everything after the first `=`), `--name` or `-s`.
struct OptionSpelling {
    /// The option's name as written, with its dashes.
    let name: Substring
    /// The value after `=`, if any.
    let attached: Substring?

    init(_ argument: String) {
        let equals = argument.hasPrefix("--") ? argument.firstIndex(of: "=") : nil
        name = argument[..<(equals ?? argument.endIndex)]
        attached = equals.map { argument[argument.index(after: $0)...] }
    }

    /// The option's value: the attached one, or the argument at `index` (which
    /// then moves past it); nil when it is missing, empty or starts with a
    /// dash, lines the full parser judges.
    func value(in arguments: ArraySlice<String>, next index: inout Int) -> String? {
        let value: String
        if let attached {
            value = String(attached)
        } else {
            guard index < arguments.endIndex else { return nil }
            value = arguments[index]
            index += 1
        }
        return value.isEmpty || value.hasPrefix("-") ? nil : value
    }
}
