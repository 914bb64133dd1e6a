/// One side of a diff as the builder reads it: per run, what each function
/// (catalog index) cost; and, when the side is a window of one trace or a
/// version of a function, the spread of single activations.
package struct DiffSide: Sendable {
    /// Per run: catalog function index → its statistics on that run.
    package var runs: [[Int: FunctionStats]]
    /// Catalog function index → inclusive time of each complete outermost
    /// activation (ns); nil when only run totals are known.
    package var activations: [Int: Moments]?
    /// The processes behind the side, for the header.
    package var processes: [ProcessSummary]
    /// Length of each run, ns.
    package var durations: [Double]
    /// Python time (self time summed) of each run, ns.
    package var pythonTimes: [Double]

    /// A side with the given values.
    package init(runs: [[Int: FunctionStats]], activations: [Int: Moments]? = nil, processes: [ProcessSummary],
                durations: [Double], pythonTimes: [Double]) {
        self.runs = runs
        self.activations = activations
        self.processes = processes
        self.durations = durations
        self.pythonTimes = pythonTimes
    }

    /// The catalog indices that ran on this side, ascending.
    var functions: [Int] {
        var seen = Set<Int>()
        for run in runs { for (f, s) in run where !s.isEmpty { seen.insert(f) } }
        return seen.sorted()
    }
}
