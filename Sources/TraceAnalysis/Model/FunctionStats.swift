/// What one function (one code object) cost on one thread, or summed over
/// threads and processes.
///
/// Every field is an integer sum (or a maximum), so partial results computed
/// by different workers over different chunks add up to exactly what one
/// sequential pass would give, whatever order they are merged in.
public struct FunctionStats: Equatable, Sendable, BitwiseCopyable {
    /// Entries of kind `call`: the function was called (or a generator created).
    public var calls: UInt64 = 0
    /// Entries of kind `resume`: a generator or coroutine frame was resumed.
    public var resumes: UInt64 = 0
    /// Inclusive time: from entry to exit of the outermost active frame of this
    /// function, so that recursion is not counted twice. A generator counts
    /// only the segments during which its frame was running.
    public var totalNs: UInt64 = 0
    /// Exclusive time: while a frame of this function was the innermost one.
    public var selfNs: UInt64 = 0
    /// The longest single outermost activation (one call, or one resume→yield).
    public var maxNs: UInt64 = 0
    /// Primitive calls, as cProfile counts them: calls made while no frame of
    /// the same function was on the thread's stack (not induced by
    /// recursion). The divisor of ``totalPerPrimitiveCallNs``, since
    /// ``totalNs`` counts only outermost frames.
    public var primitiveCalls: UInt64 = 0

    /// An empty record.
    public init() {}

    /// A record with the given values (for tests and merging).
    public init(calls: UInt64 = 0, resumes: UInt64 = 0, totalNs: UInt64 = 0, selfNs: UInt64 = 0,
                maxNs: UInt64 = 0, primitiveCalls: UInt64 = 0) {
        self.calls = calls
        self.resumes = resumes
        self.totalNs = totalNs
        self.selfNs = selfNs
        self.maxNs = maxNs
        self.primitiveCalls = primitiveCalls
    }

    /// Self time per call (all calls, recursive ones too): cProfile's
    /// `tottime` percall. Nil without calls. A generator's self time
    /// includes its resumes, so this is per generator created.
    public var selfPerCallNs: UInt64? { calls == 0 ? nil : selfNs / calls }

    /// Inclusive time per primitive call: cProfile's `cumtime` percall, so
    /// fib's 25,083 recursive calls do not dilute it and nothing is counted
    /// twice. Nil without primitive calls.
    public var totalPerPrimitiveCallNs: UInt64? { primitiveCalls == 0 ? nil : totalNs / primitiveCalls }

    /// True when the function was never seen running.
    public var isEmpty: Bool {
        calls == 0 && resumes == 0 && totalNs == 0 && selfNs == 0 && primitiveCalls == 0
    }

    /// Adds `other` into `self` (sums, and the larger maximum).
    @inline(__always)
    public mutating func add(_ other: FunctionStats) {
        calls &+= other.calls
        resumes &+= other.resumes
        totalNs &+= other.totalNs
        selfNs &+= other.selfNs
        maxNs = Swift.max(maxNs, other.maxNs)
        primitiveCalls &+= other.primitiveCalls
    }
}
