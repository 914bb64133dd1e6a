import ArgumentParser
import FoundationEssentials
import Glibc

/// The `pyframe` command: record Python programs frame by frame, and read
/// what was recorded.
@main
struct PyFrameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pyframe",
        abstract: "Record every Python frame of a program, and analyse the trace.",
        discussion: """
            Exit status: 0 ok, 1 error, 2 usage; `record` exits with the recorded command's status.
            Examples:
              pyframe record -o trace.lz4 -- python3 script.py arg1
              pyframe report trace.lz4
              pyframe flame --format html -o flame.html trace.lz4
              pyframe dump trace.lz4 | head
            """,
        version: "0.1.0",
        subcommands: [RecordCommand.self, DumpCommand.self, ReportCommand.self, FlameCommand.self,
                      TreeCommand.self, DiffCommand.self, CodeCommand.self, ExportCommand.self, HTMLCommand.self,
                      InstallPythonAPICommand.self])

    /// Runs the command. Usage errors (an unknown option, a missing argument,
    /// a bad value) end with one line and status 2, as documented, rather
    /// than swift-argument-parser's usage block and status 64.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // `record` takes everything from its first non-option on as the
        // command to run, so the parser would run a program named `--help`;
        // help asked for before the command is record's own.
        if arguments.first == RecordCommand.configuration.commandName,
           RecordCommand.asksForHelp(arguments.dropFirst()) {
            print(helpMessage(for: RecordCommand.self))
            Glibc.exit(0)
        }
        // The common lines of record, flame, diff and report skip
        // swift-argument-parser (QuickRecordParser, QuickAnalysisParser).
        if arguments == ["--version"] {
            print(configuration.version)
            Glibc.exit(0)
        }
        if arguments.first == RecordCommand.configuration.commandName,
           let record = QuickRecordParser.parse(arguments.dropFirst()) {
            do {
                try record.run()
            } catch {
                report(error, arguments: arguments)
            }
            Glibc.exit(0)
        }
        if let run = quickAnalysis(arguments) {
            do {
                try run()
            } catch {
                report(error, arguments: arguments)
            }
            return
        }
        do {
            var command = try parse(arguments)
            try command.run()
        } catch {
            report(error, arguments: arguments)
        }
    }

    /// The run of an analysis command's line that the quick parser reads
    /// (``QuickAnalysisParser``), or nil for the full parser.
    static func quickAnalysis(_ arguments: [String]) -> (() throws -> Void)? {
        let rest = arguments.dropFirst()
        switch arguments.first {
        case FlameCommand.configuration.commandName:
            return QuickAnalysisParser<FlameOption>(rest).flatMap(FlameArguments.init)?.run
        case DiffCommand.configuration.commandName:
            return QuickAnalysisParser<DiffOption>(rest).flatMap(DiffArguments.init)?.run
        case ReportCommand.configuration.commandName:
            return QuickAnalysisParser<ReportOption>(rest).flatMap(ReportArguments.init)?.run
        default:
            return nil
        }
    }

    /// The command the arguments name. A subcommand is parsed on its own:
    /// from the root, the parser also builds every other subcommand's
    /// arguments (reflection and protocol lookups), about a third of the CPU
    /// that pyframe spends before a recorded program starts (an analyzer
    /// saves less: the reflection of its own arguments remains). `record`'s
    /// usage errors are its own; any other subcommand's arguments that do not
    /// parse (help asked for, an error) are parsed again from the root, so
    /// that its messages stay the root's.
    static func parse(_ arguments: [String]) throws -> ParsableCommand {
        guard let name = arguments.first,
              let subcommand = configuration.subcommands.first(where: { $0.configuration.commandName == name })
        else { return try parseAsRoot() }
        if subcommand == RecordCommand.self { return try RecordCommand.parse(Array(arguments.dropFirst())) }
        if let command = try? subcommand.parse(Array(arguments.dropFirst())) { return command }
        return try parseAsRoot()
    }

    /// Where the help for a usage error is: the subcommand's own
    /// (`pyframe help report`), or the command's when none was named.
    static func helpCommand(_ arguments: [String]) -> String {
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        guard let first = arguments.first, names.contains(first) else { return "pyframe --help" }
        return "pyframe help \(first)"
    }
}
