/// Numbers the way people read them: 1.5 MiB, 12.3 ms, 1,234,567.
enum Units {
    /// A byte count with a binary unit.
    static func bytes(_ n: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(n)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(n) B" : "\(fixed(value, 1)) \(units[unit])"
    }

    /// A duration in nanoseconds with a readable unit.
    static func duration(ns: UInt64) -> String {
        let v = Double(ns)
        if v >= 1e9 { return "\(fixed(v / 1e9, 3)) s" }
        if v >= 1e6 { return "\(fixed(v / 1e6, 3)) ms" }
        if v >= 1e3 { return "\(fixed(v / 1e3, 1)) µs" }
        return "\(ns) ns"
    }

    /// An integer with thousands separators.
    static func count<T: BinaryInteger>(_ n: T) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 && d != "-" && digits[i - 1] != "-" { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// `value` with `places` decimals.
    static func fixed(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < places { text += String(repeating: "0", count: places - decimals) }
        } else if places > 0 {
            text += "." + String(repeating: "0", count: places)
        }
        return text
    }
}
