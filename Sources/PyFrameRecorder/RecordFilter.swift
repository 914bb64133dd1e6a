import TraceFormat
#if canImport(Glibc)
import Glibc
#endif

/// What to leave out at record time: code from files that match `--exclude`
/// (or miss every `--include`) glob, and frames deeper than `--max-depth`.
///
/// File decisions are taken once per code object, at its first sighting, and
/// kept in its co_extra slot as ``excludedMarker``, so an excluded frame
/// costs one test on the hot path. pyframe's own bootstrap code is always
/// excluded this way. Frames of excluded code are not recorded;
/// the frames they call are, as children of the nearest recorded caller.
/// The filters are kept in the trace's process record, so reports can say
/// what was left out.
struct RecordFilter: Sendable {
    /// The co_extra value of excluded code: never a real id.
    static let excludedMarker: UInt32 = 0x8000_0000

    /// Globs (fnmatch, `*` also matches `/`) a code object's file must match
    /// one of; empty means every file.
    var include: [String] = []
    /// Globs that exclude a file.
    var exclude: [String] = []
    /// Deepest frame recorded, counting every Python frame of the thread from
    /// where recording started; nil for no limit.
    var maxDepth: Int?
    /// Folders whose code is never recorded: pyframe's own bootstrap and API package.
    var hidden: [String] = []

    /// The filters of `settings`.
    init(_ settings: RecordingSettings) {
        include = settings.include
        exclude = settings.exclude
        maxDepth = settings.maxDepth
        hidden = settings.hidden
    }

    /// Whether files are filtered (decided at each code object's first sighting).
    var filtersFiles: Bool { !include.isEmpty || !exclude.isEmpty || !hidden.isEmpty }

    /// Whether frames are filtered by depth (which needs the filtered hook).
    var filtersDepth: Bool { maxDepth != nil }

    /// Whether frames of code from `filename` are recorded.
    func records(file filename: String) -> Bool {
        if hidden.contains(where: { filename.hasPrefix($0) }) { return false }
        if !include.isEmpty && !include.contains(where: { matches($0, filename) }) { return false }
        return !exclude.contains(where: { matches($0, filename) })
    }

    /// Whether calls of the C function named `name` (`builtins.sorted`,
    /// `re.Match.group`: it has no file) are recorded: the same globs,
    /// matched against that name.
    func records(cFunction name: String) -> Bool {
        if !include.isEmpty && !include.contains(where: { matches($0, name) }) { return false }
        return !exclude.contains(where: { matches($0, name) })
    }

    private func matches(_ pattern: String, _ filename: String) -> Bool {
        fnmatch(pattern, filename, 0) == 0
    }
}
