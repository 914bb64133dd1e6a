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
    /// Outermost activations seen entering: the divisor of ``meanNs``.
    public var activations: UInt64 = 0

    /// An empty record.
    public init() {}

    /// A record with the given values (for tests and merging).
    public init(calls: UInt64 = 0, resumes: UInt64 = 0, totalNs: UInt64 = 0, selfNs: UInt64 = 0,
                maxNs: UInt64 = 0, activations: UInt64 = 0) {
        self.calls = calls
        self.resumes = resumes
        self.totalNs = totalNs
        self.selfNs = selfNs
        self.maxNs = maxNs
        self.activations = activations
    }

    /// Mean inclusive time per outermost activation. Recursive inner calls do
    /// not dilute it; a generator's creation and each resume are activations.
    public var meanNs: UInt64 { totalNs / max(activations, 1) }

    /// True when the function was never seen running.
    public var isEmpty: Bool {
        calls == 0 && resumes == 0 && totalNs == 0 && selfNs == 0 && activations == 0
    }

    /// Adds `other` into `self` (sums, and the larger maximum).
    @inline(__always)
    public mutating func add(_ other: FunctionStats) {
        calls &+= other.calls
        resumes &+= other.resumes
        totalNs &+= other.totalNs
        selfNs &+= other.selfNs
        maxNs = Swift.max(maxNs, other.maxNs)
        activations &+= other.activations
    }
}
