import TraceAnalysis

/// A cache of one trace's frame names as an exporter writes them (a quoted
/// JSON string, an index into a frame table), made once per code id.
///
/// Timeline exporters name every event; making the name through the
/// ``FunctionCatalog`` each time would cost far more than writing the event.
struct FrameNames<Name> {
    private var cache: [UInt32: Name] = [:]
    private let catalog: FunctionCatalog
    private let trace: Int
    private let make: (FunctionInfo) -> Name

    /// Names for the `trace`-th profile of `catalog`, made by `make`.
    init(catalog: FunctionCatalog, trace: Int, make: @escaping (FunctionInfo) -> Name) {
        self.catalog = catalog
        self.trace = trace
        self.make = make
    }

    /// The function index `code` stands for in the catalog.
    func function(_ code: UInt32) -> Int { catalog.function(trace: trace, code: code) }

    /// The name of `code`, made on first use.
    subscript(code: UInt32) -> Name {
        mutating get {
            if let name = cache[code] { return name }
            let name = make(catalog.functions[function(code)])
            cache[code] = name
            return name
        }
    }
}
