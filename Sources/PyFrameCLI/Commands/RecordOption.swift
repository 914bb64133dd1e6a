import ArgumentParser

/// `pyframe record`'s options: the one list that both its parsers read
/// (see ``CommandOption``).
///
/// ``RecordCommand`` declares each option with the names and help given
/// here (swift-argument-parser builds help, completions and usage errors
/// from it), and ``QuickRecordParser`` parses the common command lines by
/// the same names without swift-argument-parser's reflection, which was
/// most of what `pyframe record` spent before the program started. A name
/// changed here changes both.
enum RecordOption: CommandOption {
    case output, force, ring, include, exclude, maxDepth, noFollow, signal, cCalls, null

    var long: String {
        switch self {
        case .output: "output"
        case .force: "force"
        case .ring: "ring"
        case .include: "include"
        case .exclude: "exclude"
        case .maxDepth: "max-depth"
        case .noFollow: "no-follow"
        case .signal: "signal"
        case .cCalls: "c-calls"
        case .null: "null"
        }
    }

    var short: Character? { self == .output ? "o" : nil }

    var takesValue: Bool {
        switch self {
        case .output, .ring, .include, .exclude, .maxDepth: true
        default: false
        }
    }

    /// Whether the option may be given more than once (its values add up).
    var repeats: Bool { self == .include || self == .exclude }

    var help: ArgumentHelp {
        switch self {
        case .output: ArgumentHelp("Trace file to write.", valueName: "path")
        case .force: "Overwrite the output file if it exists."
        case .ring: ArgumentHelp(
            "Flight-recorder mode: keep only about the newest SIZE of events (e.g. 64M, 1G).", valueName: "size")
        case .include: ArgumentHelp(
            "Record only code from files matching this glob (repeatable; `*` also matches `/`).", valueName: "glob")
        case .exclude: ArgumentHelp(
            "Leave out code from files matching this glob (repeatable), e.g. '*/lib/python3.11/*'.",
            valueName: "glob")
        case .maxDepth: ArgumentHelp("Record frames only down to this call depth.", valueName: "n")
        case .noFollow: "Do not record the Python processes the command starts (by default each gets its own trace beside this one, named TRACE-STEM.PID.lz4)."
        case .signal: "Start paused; SIGUSR2 sent to the program resumes recording, and pauses it again (kill -USR2 PID)."
        case .cCalls: "Also record calls of C functions and methods (builtins, C extensions, method descriptors) as their own frames."
        case .null: "Diagnostic: install the hook but record no events (the floor any eval-frame recorder pays)."
        }
    }
}
