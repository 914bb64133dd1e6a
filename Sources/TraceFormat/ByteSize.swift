/// Sizes as people type them on a command line or in `pyframe.start(ring=…)`:
/// `65536`, `512K`, `64M`, `1G` (binary multiples; an optional trailing `B`
/// or `iB` is accepted). One parser for both, so they accept the same.
package enum ByteSize {
    /// The smallest flight-recorder ring (`--ring`, `ring=`).
    package static let minimumRing = 1 << 16

    /// The size in bytes, or nil if `text` is not a size.
    package static func parse(_ text: String) -> Int? {
        var digits = text.uppercased()
        for suffix in ["IB", "B"] where digits.hasSuffix(suffix) && digits.count > suffix.count {
            digits.removeLast(suffix.count)
        }
        let multipliers: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var multiplier = 1
        if let last = digits.last, let m = multipliers[last] {
            multiplier = m
            digits.removeLast()
        }
        guard let value = Int(digits), value >= 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }
}
