import TraceAnalysis

/// What a diff says about each frame of its flame graph — patched, moved,
/// appeared, vanished, a guessed pairing — keyed by frame name (a row's
/// display name), for the SVG and HTML tooltips.
package enum DiffFrameFlags {
    /// Frame name → its flags as words (only frames that have some).
    package static func of(_ diff: ProfileDiff) -> [String: String] {
        var out: [String: String] = [:]
        for row in diff.rows where !row.flags.isEmpty && out[row.displayName] == nil {
            out[row.displayName] = row.flags.joined(separator: ", ")
        }
        return out
    }
}
