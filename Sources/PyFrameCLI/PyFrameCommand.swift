import ArgumentParser

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
              pyframe dump trace.lz4 | head
            """,
        version: "0.1.0",
        subcommands: [RecordCommand.self, DumpCommand.self, ReportCommand.self, FlameCommand.self,
                      InstallPythonAPICommand.self,
                      DiffCommand.self, CodeCommand.self])
}
