import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat

/// How `pyframe diff` pairs functions and tells patched from moved, on
/// synthetic code records whose differences are known exactly.
@Suite struct FunctionPairingTests {
    /// A record for `SyntheticTrace`: `qualname` at `file:line` with the given body.
    struct Code {
        var qualname: String
        var file = "/home/u/proj/app.py"
        var line: UInt32
        var bytecode: [UInt8] = [151, 0, 100, 0, 83, 0]
        var consts: [String] = []
        var hash: UInt64
    }

    /// One run calling every code in turn for 10 ns.
    static func profile(_ codes: [Code]) throws -> TraceProfile {
        var t = SyntheticTrace()
        var events: [TraceEvent] = []
        for (i, c) in codes.enumerated() {
            let id = UInt32(i + 1)
            t.code(id, c.qualname, file: c.file, line: c.line, hash: c.hash)
            t.codes[i].bytecode = c.bytecode
            t.codes[i].consts = c.consts
            events += [ev(.call, id, UInt64(20 * i)), ev(.return, id, UInt64(20 * i + 10))]
        }
        t.events[0] = events
        return try Fixtures.profile(t)
    }

    static func diff(_ before: [Code], _ after: [Code]) throws -> ProfileDiff {
        DiffBuilder.build(before: [try profile(before)], after: [try profile(after)])
    }

    @Test func aNestedFunctionThatMovedDoesNotPatchItsOuterFunction() throws {
        // The hash covers nested code objects' first lines; the body does not.
        let d = try Self.diff([Code(qualname: "outer", line: 1, consts: ["None", "<code object inner, line 3>"], hash: 1)],
                              [Code(qualname: "outer", line: 4, consts: ["None", "<code object inner, line 6>"], hash: 2)])
        let row = try #require(d.rows.first)
        #expect(d.rows.count == 1 && !row.patched && row.moved && row.displayName == "outer (app.py:1 → app.py:4)")
        #expect(row.flags == ["moved"])
    }

    @Test func aChangeBeyondTheRecordedReprIsStillAPatch() throws {
        // Same recorded bytecode, names and (cut) constants, other hash: the cut-off tail changed.
        let d = try Self.diff([Code(qualname: "f", line: 1, consts: ["'aaaa…'"], hash: 1)],
                              [Code(qualname: "f", line: 1, consts: ["'aaaa…'"], hash: 2)])
        #expect(d.rows.first?.patched == true && d.rows.first?.moved == false)
    }

    @Test func swappedNamesakesPairByBodyNotByLine() throws {
        let x: [UInt8] = [151, 0, 124, 0, 100, 1, 122, 0, 83, 0], y: [UInt8] = [151, 0, 124, 0, 100, 2, 122, 5, 83, 0]
        let d = try Self.diff([Code(qualname: "<lambda>", line: 5, bytecode: x, hash: 10), Code(qualname: "<lambda>", line: 9, bytecode: y, hash: 20)],
                              [Code(qualname: "<lambda>", line: 5, bytecode: y, hash: 20), Code(qualname: "<lambda>", line: 9, bytecode: x, hash: 10)])
        #expect(d.rows.count == 2)
        #expect(Set(d.rows.map(\.displayName)) == ["<lambda> (app.py:5 → app.py:9)", "<lambda> (app.py:9 → app.py:5)"])
        #expect(d.rows.allSatisfy { $0.moved && !$0.patched && !$0.isGuess && $0.pairing == "same-name" })
    }

    @Test func acrossFilesOnlyAUniqueSpecificNamePairs() throws {
        let d = try Self.diff(
            [Code(qualname: "<lambda>", file: "/home/u/proj/a.py", line: 1, hash: 1),
             Code(qualname: "f", file: "/home/u/proj/a.py", line: 3, hash: 2),
             Code(qualname: "f", file: "/home/u/proj/b.py", line: 3, hash: 3),
             Code(qualname: "load", file: "/home/u/proj/a.py", line: 8, hash: 4)],
            [Code(qualname: "<lambda>", file: "/home/u/proj/c.py", line: 1, hash: 1),
             Code(qualname: "f", file: "<cell-2>", line: 1, hash: 5),
             Code(qualname: "load", file: "/home/u/proj/io/load.py", line: 2, hash: 4)])
        let byName = Dictionary(grouping: d.rows, by: \.displayName)
        // A generic name does not pair across files; two candidates named f are too many.
        #expect(byName["<lambda> (a.py:1)"]?.first?.presence == .vanished && byName["<lambda> (c.py:1)"]?.first?.presence == .appeared)
        #expect(byName["f (<cell-2>:1)"]?.first?.presence == .appeared)
        #expect(d.rows.filter { $0.identity.qualname == "f" && $0.presence == .vanished }.count == 2)
        // A unique name moved to another module: same code, so moved, paired by name.
        let load = try #require(byName["load (a.py:8 → io/load.py:2)"]?.first)
        #expect(load.moved && !load.patched && load.pairing == "by-name")
    }
}
