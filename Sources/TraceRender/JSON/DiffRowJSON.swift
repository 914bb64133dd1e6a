import PyBytecode
import TraceAnalysis

/// A function of a diff: where it is on each side, what changed and how
/// sure that is, in `diff --format json` and the HTML diff page's table.
/// Every key is always present, null when it does not apply.
struct DiffRowJSON: Encodable {
    var values: [(String, Encodable?)]

    /// `pythons`: the `sys.version` of each side's Python, so that each
    /// side's bytecode is read as its own version's.
    init(_ r: DiffRow, basis: ProfileDiff.Basis, showBytecode: Bool, width: Int,
         pythons: (before: String?, after: String?)) {
        let bytecode: [String]? = showBytecode && r.patched
            ? r.beforeCode.flatMap { b in r.afterCode.map {
                BytecodeDiff.sideBySide(b, $0, width: width, beforePython: pythons.before, afterPython: pythons.after)
            } }
            : nil
        values = [
            ("name", r.displayName),
            ("file", r.identity.file), ("line", r.identity.line), ("qualname", r.identity.qualname),
            ("file_before", r.beforeLocation?.file), ("line_before", r.beforeLocation?.line),
            ("file_after", r.afterLocation?.file), ("line_after", r.afterLocation?.line),
            ("presence", r.presence.rawValue), ("patched", r.patched), ("recompiled", r.recompiled), ("moved", r.moved),
            ("pairing", r.pairing), ("guess", r.isGuess),
            ("versions", r.versions.map { [$0.before, $0.after] }),
            ("code_hash_before", r.beforeCode.map { DisplayFormat.hash($0.hash) }),
            ("code_hash_after", r.afterCode.map { DisplayFormat.hash($0.hash) }),
            ("calls_before", r.before.calls.mean), ("calls_after", r.after.calls.mean),
            ("self_ns_before", r.before.selfNs.mean), ("self_ns_after", r.after.selfNs.mean),
            ("total_ns_before", r.before.totalNs.mean), ("total_ns_after", r.after.totalNs.mean),
            ("total_stdev_before", DiffRowJSON.stdev(r.before.totalNs)), ("total_stdev_after", DiffRowJSON.stdev(r.after.totalNs)),
            ("activations_before", r.beforeActivations?.count), ("activations_after", r.afterActivations?.count),
            ("mean_ns_before", r.beforeActivations.flatMap { $0.count > 0 ? $0.mean : nil }),
            ("mean_ns_after", r.afterActivations.flatMap { $0.count > 0 ? $0.mean : nil }),
            ("mean_stdev_before", r.beforeActivations?.standardDeviation),
            ("mean_stdev_after", r.afterActivations?.standardDeviation),
            ("total_change_ns", r.totalChange), ("relative_change", r.relativeTotalChange),
            ("significance", r.significance.map(SignificanceJSON.init)), ("p_adjusted", r.adjustedP),
            ("changed", r.changed), ("verdict", SignificanceText.verdict(r, basis: basis)),
            ("bytecode_diff", bytecode),
        ]
    }

    /// Every row of `diff`, each side's bytecode read as its own Python version's.
    static func rows(_ diff: ProfileDiff, showBytecode: Bool, width: Int) -> [DiffRowJSON] {
        let pythons = (before: diff.beforeHeader.processes.first?.process.pythonVersion,
                       after: diff.afterHeader.processes.first?.process.pythonVersion)
        return diff.rows.map { DiffRowJSON($0, basis: diff.basis, showBytecode: showBytecode, width: width, pythons: pythons) }
    }

    /// A standard deviation, or nil where one value cannot have one.
    static func stdev(_ s: Sample) -> Double? { s.count > 1 ? s.standardDeviation : nil }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (key, value) in values {
            if let value { try c.encode(value, forKey: Key(stringValue: key)) } else { try c.encodeNil(forKey: Key(stringValue: key)) }
        }
    }
}
