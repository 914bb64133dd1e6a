import ArgumentParser
import FoundationEssentials
import Glibc
import PyFrameLauncher
import TraceFormat

/// `pyframe record`: runs a Python command with the recorder injected.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Run a Python command (CPython 3.11 to 3.15) and record every frame entry and exit.",
        discussion: """
            The command runs unchanged (same stdin/stdout/stderr, argv, cwd, environment);
            pyframe exits with its exit status. Without -o, the trace is named after the
            program and its pid in the current directory, and never overwrites a file.
            Examples:
              pyframe record -o trace.lz4 -- python3 script.py arg1 arg2
              pyframe record -- python3 -m mypackage.cli --flag
              pyframe record -- .venv/bin/python -c 'import app; app.main()'
            """)

    // Names and help from the one list both parsers read (RecordOption).
    @Option(name: RecordOption.output.name, help: RecordOption.output.help)
    var output: String?

    @Flag(name: RecordOption.force.name, help: RecordOption.force.help)
    var force = false

    @Option(name: RecordOption.ring.name, help: RecordOption.ring.help)
    var ring: String?

    @Option(name: RecordOption.include.name, help: RecordOption.include.help)
    var include: [String] = []

    @Option(name: RecordOption.exclude.name, help: RecordOption.exclude.help)
    var exclude: [String] = []

    @Option(name: RecordOption.maxDepth.name, help: RecordOption.maxDepth.help)
    var maxDepth: Int?

    @Flag(name: RecordOption.noFollow.name, help: RecordOption.noFollow.help)
    var noFollow = false

    @Flag(name: RecordOption.signal.name, help: RecordOption.signal.help)
    var signal = false

    @Flag(name: RecordOption.cCalls.name, help: RecordOption.cCalls.help)
    var cCalls = false

    @Flag(name: RecordOption.null.name, help: RecordOption.null.help)
    var null = false

    @Argument(parsing: .captureForPassthrough,
              help: ArgumentHelp("The command to run, after `--`.", valueName: "command"))
    var command: [String] = []

    func run() throws {
        try arguments.run()
    }

    /// The values parsed, as a plain value.
    var arguments: RecordArguments {
        RecordArguments(output: output, force: force, ring: ring, include: include, exclude: exclude,
                        maxDepth: maxDepth, noFollow: noFollow, signal: signal, cCalls: cCalls, null: null,
                        command: command.first == "--" ? Array(command.dropFirst()) : command)
    }

    /// Whether `arguments` (after `record`) ask for help: `--help` or `-h`
    /// among record's own options, before `--` or the command's first word.
    static func asksForHelp(_ arguments: ArraySlice<String>) -> Bool {
        var skipValue = false
        for argument in arguments {
            if skipValue {
                skipValue = false
                continue
            }
            if argument == "--help" || argument == "-h" { return true }
            if argument == "--" || !argument.hasPrefix("-") { return false }
            skipValue = RecordOption.named(argument[...])?.takesValue ?? false
        }
        return false
    }
}
