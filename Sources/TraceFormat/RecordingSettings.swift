/// What a recording was asked to do: the filters and modes of
/// `pyframe record` and `pyframe.start(...)`.
///
/// One typed value travels from the command line to the recorder and into
/// the trace. It has one text form, `key=value` properties, used in both
/// places it crosses a boundary: the environment the bootstrap reads
/// (``text``, one property a line) and the trace's process record
/// (``traceProperties``). Lists of globs are joined with ``listSeparator``
/// in both. It lives in the format target because the trace stores it.
public struct RecordingSettings: Equatable, Sendable {
    /// Globs (fnmatch, `*` also matches `/`) a code object's file must match
    /// one of; empty means every file.
    public var include: [String] = []
    /// Globs whose files are not recorded.
    public var exclude: [String] = []
    /// Deepest frame recorded; nil for no limit.
    public var maxDepth: Int?
    /// Flight-recorder mode: keep only about this many bytes of the newest events.
    public var ringBytes: Int?
    /// Diagnostic null mode: the hook is installed but records nothing.
    public var recordsNothing = false
    /// `--signal`: start paused; SIGUSR2 resumes recording and pauses it again.
    public var togglesOnSignal = false
    /// Recording begins where the program does (the bootstrap's start), not at once.
    public var beginsAtProgramStart = false
    /// Folders whose code is never recorded (pyframe's own bootstrap and API
    /// package); not kept in the trace.
    public var hidden: [String] = []
    /// Stack size given back to the program's new threads (the launcher
    /// raised the main thread's limit).
    public var threadStackSize: Int?
    /// `--c-calls`: record calls of C functions too.
    public var cCalls = false

    /// The property names, the one place they are spelled (the bootstrap's
    /// and the API package's Python take them from here).
    package enum Key {
        package static let include = "include"
        package static let exclude = "exclude"
        package static let maxDepth = "max-depth"
        package static let ring = "ring"
        package static let mode = "mode"
        package static let signal = "signal"
        package static let begin = "begin"
        package static let hide = "hide"
        package static let threadStack = "thread-stack"
        package static let cCalls = "c-calls"
    }

    /// Joins the globs of one list property: a character no path or glob holds.
    package static let listSeparator: Character = "\u{1F}"
    /// The signal that toggles a `--signal` recording.
    package static let toggleSignal = "SIGUSR2"

    /// Settings that record everything, from the start.
    public init() {}

    /// Why a property cannot be read.
    public enum Invalid: Error, Equatable, Sendable {
        case ring(String)
        case maxDepth(String)

        /// One line for the user.
        public var message: String {
            switch self {
            case let .ring(text): "ring takes a size of at least 64K, such as 64M or 1G (got '\(text)')"
            case let .maxDepth(text): "max-depth takes a depth of at least 1 (got '\(text)')"
            }
        }
    }

    /// Reads settings from properties (the environment's or a trace's);
    /// properties that are not settings (`recorder`) are ignored.
    public init(properties p: [String: String]) throws(Invalid) {
        include = Self.list(p[Key.include])
        exclude = Self.list(p[Key.exclude])
        hidden = Self.list(p[Key.hide])
        if let text = p[Key.maxDepth] {
            guard let depth = Int(text), depth >= 1 else { throw .maxDepth(text) }
            maxDepth = depth
        }
        if let text = p[Key.ring] {
            guard let bytes = ByteSize.parse(text), bytes >= ByteSize.minimumRing else { throw .ring(text) }
            ringBytes = bytes
        }
        recordsNothing = p[Key.mode] == "null"
        togglesOnSignal = p[Key.signal] != nil
        beginsAtProgramStart = p[Key.begin] == "main"
        threadStackSize = p[Key.threadStack].flatMap { Int($0) }
        cCalls = p[Key.cCalls] == "1"
    }

    /// Every setting that differs from the default, as properties.
    package var properties: [String: String] {
        var p: [String: String] = [:]
        eachProperty { p[$0] = $1 }
        return p
    }

    /// Calls `body` with every setting that differs from the default, as a
    /// property, in the order of the keys' names: the one place settings
    /// become properties, for ``properties`` and ``text``.
    private func eachProperty(_ body: (String, String) -> Void) {
        if beginsAtProgramStart { body(Key.begin, "main") }
        if cCalls { body(Key.cCalls, "1") }
        if !exclude.isEmpty { body(Key.exclude, Self.joined(exclude)) }
        if !hidden.isEmpty { body(Key.hide, Self.joined(hidden)) }
        if !include.isEmpty { body(Key.include, Self.joined(include)) }
        if let maxDepth { body(Key.maxDepth, String(maxDepth)) }
        if recordsNothing { body(Key.mode, "null") }
        if let ringBytes { body(Key.ring, String(ringBytes)) }
        if togglesOnSignal { body(Key.signal, Self.toggleSignal) }
        if let threadStackSize { body(Key.threadStack, String(threadStackSize)) }
    }

    /// A list property's value: its globs joined with ``listSeparator``.
    private static func joined(_ globs: [String]) -> String {
        var value = ""
        for glob in globs {
            if !value.isEmpty { value.append(listSeparator) }
            value += glob
        }
        return value
    }

    /// What the trace's process record keeps: the settings, without the
    /// folders hidden (which are pyframe's own, in a temporary directory).
    package var traceProperties: [String: String] {
        var p = properties
        p[Key.hide] = nil
        return p
    }

    /// The settings as the environment carries them to the bootstrap: one
    /// `key=value` property a line, sorted. Written without a dictionary:
    /// its generic metadata alone cost `pyframe record` 0.45 M instructions
    /// before the program started.
    package var text: String {
        var text = ""
        eachProperty { key, value in
            if !text.isEmpty { text += "\n" }
            text += key + "=" + value
        }
        return text
    }

    /// Reads ``text`` (later lines win, so a caller may append to it).
    package init(text: String) throws(Invalid) {
        var p: [String: String] = [:]
        // On UTF-8 bytes: every recorded process reads this at start-up, and
        // splitting by Characters cost it 0.2 M instructions.
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            guard let equals = line.firstIndex(of: UInt8(ascii: "=")), equals != line.startIndex,
                  line.index(after: equals) != line.endIndex
            else { continue }
            p[String(Substring(line[..<equals]))] = String(Substring(line[line.index(after: equals)...]))
        }
        try self.init(properties: p)
    }

    /// Whether a glob can travel in ``text``: it holds neither a line break
    /// nor ``listSeparator``.
    package static func canCarry(_ glob: String) -> Bool {
        !glob.isEmpty && !glob.contains("\n") && !glob.contains(listSeparator)
    }

    /// A list property's globs. Traces written before this type joined them
    /// with " ; " in the process record; such a value (with no separator)
    /// is split there.
    private static func list(_ value: String?) -> [String] {
        guard let value, !value.isEmpty else { return [] }
        // On UTF-8 bytes, as ``init(text:)``: splitting by a string
        // separator (the string-processing library's) cost 0.15 M instructions.
        let utf8 = value.utf8
        let separator = UInt8(ascii: listSeparator.unicodeScalars.first!)
        if utf8.contains(separator) { return utf8.split(separator: separator).map { String(Substring($0)) } }
        let legacy = Array(" ; ".utf8)
        var text = value
        return text.withUTF8 { b in
            var parts: [String] = []
            var start = 0
            while let at = ByteSearch.first(legacy, in: b, from: start) {
                if at > start { parts.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<at]), as: UTF8.self)) }
                start = at + legacy.count
            }
            if start < b.count { parts.append(String(decoding: UnsafeBufferPointer(rebasing: b[start...]), as: UTF8.self)) }
            return parts
        }
    }
}
