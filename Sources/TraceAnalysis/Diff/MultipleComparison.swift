/// The correction for testing many functions at once.
///
/// A diff tests every function, so at p < 0.05 one function in twenty would
/// look changed by chance alone. pyframe uses the Benjamini–Hochberg
/// procedure: it bounds the expected share of false discoveries among the
/// functions it calls changed (the false discovery rate) at 5%, which suits
/// a list of suspects better than Holm's family-wise bound, and it loses
/// less power when hundreds of functions are tested.
package enum MultipleComparison {
    /// The correction's name, as the outputs state it.
    package static let name = "Benjamini-Hochberg"

    /// Benjamini–Hochberg adjusted p-values (q-values), in the order of `p`:
    /// q₍ᵢ₎ = min over j ≥ i of p₍ⱼ₎·m/j for the ascending order, capped at 1.
    /// A function is changed when its q-value is below the level.
    package static func benjaminiHochberg(_ p: [Double]) -> [Double] {
        let m = p.count
        guard m > 0 else { return [] }
        let order = p.indices.sorted { p[$0] < p[$1] }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 1.0
        for rank in stride(from: m, through: 1, by: -1) {
            let i = order[rank - 1]
            running = min(running, p[i] * Double(m) / Double(rank))
            adjusted[i] = min(1, running)
        }
        return adjusted
    }
}
