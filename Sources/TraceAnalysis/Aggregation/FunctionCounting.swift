/// Whether the per-event loop keeps per-function statistics (calls, self,
/// inclusive and longest time per code id): a type parameter, so that the
/// loop is compiled once with them and once without. A flame graph is drawn
/// from the call tree alone, and the statistics were 8% of the instructions
/// of its per-event loop on richards (and their tables' cache lines).
protocol FunctionCounting {
    static var enabled: Bool { get }
}

/// The loop of `report`, `diff` and the rest: per-function statistics kept.
enum CountingFunctions: FunctionCounting {
    @inline(__always) static var enabled: Bool { true }
}

/// The loop of `flame`: call trees only.
enum SkippingFunctions: FunctionCounting {
    @inline(__always) static var enabled: Bool { false }
}
