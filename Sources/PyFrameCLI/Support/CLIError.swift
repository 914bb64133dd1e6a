/// A problem with what the user asked for that only the command can see (an
/// output that would overwrite an input, an unknown mark, a missing trace):
/// one line, without the `pyframe: ` that ``PyFrameCommand/report(_:arguments:)``
/// puts before every error.
///
/// The libraries' own errors (``TraceError``, ``LaunchError``, ``ReportError``,
/// ``BytecodeError``…) reach that same place as they are; this type is only
/// for what the command itself finds.
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
