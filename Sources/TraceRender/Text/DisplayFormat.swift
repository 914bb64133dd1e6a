import FoundationEssentials

/// Numbers as people read them in tables: `12.345 ms`, `1,234,567`, `42.0%`.
///
/// Durations use the largest unit that keeps the number at least 1 and three
/// significant decimals, so columns of very different magnitudes stay readable.
package enum DisplayFormat {
    /// A duration given in nanoseconds.
    package static func duration(_ ns: UInt64) -> String { duration(Double(ns)) }

    /// A duration given in (possibly fractional, possibly negative) nanoseconds.
    package static func duration(_ ns: Double) -> String {
        let sign = ns < 0 ? "-" : ""
        let v = abs(ns)
        if v >= 1e9 { return sign + fixed(v / 1e9, 3) + " s" }
        if v >= 1e6 { return sign + fixed(v / 1e6, 3) + " ms" }
        if v >= 1e3 { return sign + fixed(v / 1e3, 1) + " µs" }
        return sign + fixed(v, 0) + " ns"
    }

    /// A signed duration change: `+1.200 ms`, `-3.0 µs`, `0 ns`.
    package static func change(_ ns: Double) -> String {
        ns > 0 ? "+" + duration(ns) : duration(ns)
    }

    /// An integer with thousands separators.
    package static func count<T: BinaryInteger>(_ n: T) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A non-negative count that may be a mean of several runs: whole numbers
    /// plain, others with one decimal.
    package static func count(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e18 { return count(Int64(value)) }
        return fixed(value, 1)
    }

    /// A fraction as a percentage with one decimal.
    package static func percent(_ fraction: Double) -> String { fixed(fraction * 100, 1) + "%" }

    /// A signed fraction as a percentage: `+12.5%`, `-3.0%`.
    package static func signedPercent(_ fraction: Double) -> String {
        (fraction > 0 ? "+" : "") + percent(fraction)
    }

    /// A byte count with a binary unit.
    package static func bytes(_ n: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(n)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(n) B" : fixed(value, 1) + " " + units[unit]
    }

    /// `value` with exactly `places` decimals.
    package static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = (scaled / scale).rounded(.down)
        var text = (value < 0 && scaled > 0 ? "-" : "") + String(Int64(whole))
        if places > 0 {
            let fraction = Int64(scaled - whole * scale)
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: places - digits.count) + digits
        }
        return text
    }

    /// A lowercase 16-digit hexadecimal hash.
    package static func hash(_ value: UInt64) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A command line as a shell would show it: the program's base name, then
    /// the arguments, quoted when they hold spaces or quotes.
    package static func commandLine(_ argv: [String]) -> String {
        guard let first = argv.first else { return "(unknown program)" }
        let program = first.split(separator: "/").last.map(String.init) ?? first
        return ([program] + argv.dropFirst()).map { arg in
            if arg.isEmpty { return "''" }
            if arg.contains(where: { " \t\n'\"$\\".contains($0) }) {
                return "'" + arg.replacing("'", with: "'\\''") + "'"
            }
            return arg
        }.joined(separator: " ")
    }
}
