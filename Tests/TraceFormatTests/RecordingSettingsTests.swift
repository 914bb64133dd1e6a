import Testing
import TraceFormat

/// RecordingSettings has one text form; it survives the environment and the
/// process record unchanged, and old traces' " ; " lists still read.
@Suite struct RecordingSettingsTests {
    static let full: RecordingSettings = {
        var s = RecordingSettings()
        s.include = ["*/app/*", "<frozen *"]
        s.exclude = ["*/site-packages/*"]
        s.maxDepth = 7
        s.ringBytes = 1 << 20
        s.recordsNothing = true
        s.togglesOnSignal = true
        s.beginsAtProgramStart = true
        s.hidden = ["/tmp/pyframe-x/"]
        s.threadStackSize = 8 << 20
        s.cCalls = true
        return s
    }()

    @Test("text and properties round-trip every field")
    func roundTrip() throws {
        #expect(try RecordingSettings(text: Self.full.text) == Self.full)
        #expect(try RecordingSettings(properties: Self.full.properties) == Self.full)
        #expect(try RecordingSettings(text: RecordingSettings().text) == RecordingSettings())
        #expect(RecordingSettings().text == "")
    }

    @Test("the exact text the bootstrap reads")
    func exactText() {
        #expect(Self.full.text == """
            begin=main
            c-calls=1
            exclude=*/site-packages/*
            hide=/tmp/pyframe-x/
            include=*/app/*\u{1F}<frozen *
            max-depth=7
            mode=null
            ring=1048576
            signal=SIGUSR2
            thread-stack=8388608
            """)
        // The text is the properties, sorted by key.
        let sorted = Self.full.properties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        #expect(Self.full.text == sorted.joined(separator: "\n"))
    }

    @Test("the trace keeps everything but pyframe's hidden folders")
    func traceProperties() throws {
        var expected = Self.full
        expected.hidden = []
        #expect(try RecordingSettings(properties: Self.full.traceProperties) == expected)
        #expect(Self.full.traceProperties["recorder"] == nil)
    }

    @Test("a later line wins; ring takes --ring's sizes; bad values are refused")
    func parsing() throws {
        #expect(try RecordingSettings(text: "ring=64M\nring=256K").ringBytes == 256 << 10)
        #expect(throws: RecordingSettings.Invalid.ring("12x")) { try RecordingSettings(text: "ring=12x") }
        #expect(throws: RecordingSettings.Invalid.ring("1K")) { try RecordingSettings(text: "ring=1K") }
        #expect(throws: RecordingSettings.Invalid.maxDepth("0")) { try RecordingSettings(text: "max-depth=0") }
    }

    @Test("traces written before RecordingSettings joined globs with ' ; '")
    func legacyLists() throws {
        let old = try RecordingSettings(properties: ["exclude": "*/lib/python3.11/* ; <frozen *", "recorder": "pyframe 0.1.0"])
        #expect(old.exclude == ["*/lib/python3.11/*", "<frozen *"])
    }

    /// The reading of ``RecordingSettings/text`` and of list values, by
    /// Characters and string separators: the oracle for the byte-wise one.
    static func oracle(_ text: String) throws -> RecordingSettings {
        var p: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { p[String(parts[0])] = String(parts[1]) }
        }
        var settings = try RecordingSettings(properties: p.filter { !["include", "exclude", "hide"].contains($0.key) })
        func list(_ value: String?) -> [String] {
            guard let value, !value.isEmpty else { return [] }
            if value.contains("\u{1F}") { return value.split(separator: "\u{1F}").map(String.init) }
            return value.split(separator: " ; ").map(String.init)
        }
        (settings.include, settings.exclude, settings.hidden) = (list(p["include"]), list(p["exclude"]), list(p["hide"]))
        return settings
    }

    @Test("texts read as by Characters", arguments: [
        "", "\n", "=", "==x", "ring=", "=ring", "ring==64M", "max-depth=3\nmax-depth=4", "mode=null\n\nsignal=x",
        "include=a ; b", "include=a ; b ; ", "include= ; a", "include=a ; ; b", "include=a ;  ; b", "include=a;b ;c",
        "include=a\u{1F}b\u{1F}", "include=\u{1F}a", "exclude=é ; ü/*\nhide=/t/p/", "include=x=y ; z",
        "begin=main\nc-calls=1\nthread-stack=8192\ninclude=a ; b\u{1F}c",
    ])
    func againstOracle(text: String) {
        /// The settings read, or the error (a bad value refused).
        func outcome(_ read: () throws -> RecordingSettings) -> String {
            do { return "\(try read())" } catch { return "refused: \(error)" }
        }
        #expect(outcome { try RecordingSettings(text: text) } == outcome { try Self.oracle(text) }, "\(text.debugDescription)")
    }

    @Test("globs that cannot travel in the text are said so")
    func carriable() {
        #expect(RecordingSettings.canCarry("*/a;b/*"))
        #expect(!RecordingSettings.canCarry("a\nb"))
        #expect(!RecordingSettings.canCarry("a\u{1F}b"))
        #expect(!RecordingSettings.canCarry(""))
    }
}
