import TraceFormat

/// Frame colours that stay the same for the same name in every graph and
/// every run (a hash of the name, not Swift's per-process random hashing).
enum FlamePalette {
    /// FNV-1a of the name's bytes, as three fractions in 0…1.
    static func fractions(_ name: String) -> (Double, Double, Double) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return (Double(h & 0xFFFF) / 65535, Double((h >> 16) & 0xFFFF) / 65535, Double((h >> 32) & 0xFFFF) / 65535)
    }

    /// The warm flame colour of a frame, as `rgb(r,g,b)`; unknown and
    /// importlib frames are grey so that the program's own code stands out.
    static func hot(_ name: String) -> String {
        if name.isEmpty || name.hasPrefix("[") || containsFrozen(name) {
            let (a, _, _) = fractions(name)
            let v = 190 + Int(a * 30)
            return "rgb(\(v),\(v),\(v + 10))"
        }
        let (a, b, c) = fractions(name)
        return "rgb(\(205 + Int(50 * c)),\(Int(230 * a)),\(Int(55 * b)))"
    }

    private static let frozen = Array("(<frozen ".utf8)

    /// Whether `name` holds `(<frozen `, searched as bytes (`String.contains`
    /// compares characters: 30,000 instructions a frame of an SVG).
    private static func containsFrozen(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { ByteSearch.first(frozen, in: $0) != nil }
    }

    /// A differential colour: red when `change` > 0 (grew), blue when < 0
    /// (shrank), light grey when 0; `intensity` in 0…1 scales the saturation.
    static func difference(change: Double, intensity: Double) -> String {
        let k = 235 - Int(min(1, max(0, intensity)) * 190)
        if change > 0 { return "rgb(255,\(k),\(k))" }
        if change < 0 { return "rgb(\(k),\(k),255)" }
        return "rgb(226,226,226)"
    }
}
