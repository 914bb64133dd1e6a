import TraceFormat

/// What a function does, apart from where it is: its bytecode, names and
/// constants, with nested functions counted by name only.
///
/// The recorded code hash also covers the first line of every nested code
/// object (so that two nested functions can be told apart), which means an
/// edit that only shifts lines changes the hash of the module and of every
/// class or function holding a nested one. `pyframe diff` calls a function
/// patched only when its body changed, and moved when only its place did.
package enum CodeBody {
    /// True when `a` and `b` run the same code, wherever they are.
    ///
    /// Equal hashes are equal bodies. Otherwise the recorded bytecode, names
    /// and constants are compared with nested code objects' lines left out;
    /// when even their reprs are identical the hash difference lies in
    /// something the record cuts short (a long string's tail), so that is
    /// still a patch.
    package static func same(_ a: CodeRecord, _ b: CodeRecord) -> Bool {
        if a.hash == b.hash { return true }
        guard a.bytecode == b.bytecode, a.names == b.names, a.consts.count == b.consts.count else { return false }
        var lineOnly = false
        for (x, y) in zip(a.consts, b.consts) where x != y {
            guard let nx = withoutLine(x), let ny = withoutLine(y), nx == ny else { return false }
            lineOnly = true
        }
        return lineOnly
    }

    /// How alike two bodies are, from 0 (nothing shared) to 1 (same body):
    /// the share of 2-byte instructions (opcode and argument) they have in
    /// common, counted as multisets, so reordering costs little and a
    /// rewritten function scores low.
    package static func similarity(_ a: CodeRecord, _ b: CodeRecord) -> Double {
        if same(a, b) { return 1 }
        var counts: [UInt16: Int] = [:]
        func units(_ bytes: [UInt8]) -> [UInt16] {
            stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        }
        let ua = units(a.bytecode), ub = units(b.bytecode)
        guard !ua.isEmpty || !ub.isEmpty else { return 0 }
        for u in ua { counts[u, default: 0] += 1 }
        var shared = 0
        for u in ub where counts[u, default: 0] > 0 {
            counts[u]! -= 1
            shared += 1
        }
        return Double(2 * shared) / Double(ua.count + ub.count) * 0.999
    }

    /// `<code object f, line 12>` without its line (`<code object f>`); nil
    /// for a constant that is not a nested code object.
    static func withoutLine(_ repr: String) -> String? {
        guard repr.hasPrefix("<code object "), repr.hasSuffix(">"),
              let comma = repr.lastRange(of: ", line ") else { return nil }
        return String(repr[..<comma.lowerBound]) + ">"
    }
}
