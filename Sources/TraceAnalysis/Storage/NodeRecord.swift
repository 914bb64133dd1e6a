/// What the per-event loop touches of one call-tree node, in 16 bytes: a
/// quarter of a cache line (the storage is line-aligned, so a record never
/// straddles two). Entering a frame reads its caller's `lastCode` and
/// `lastChild` and bumps the callee's `calls`; every later event until the
/// next entry adds to the innermost record's `selfNs`.
///
/// The size is what matters on large trees. A program that walks down a
/// call path it has not run for a while misses the cache once per line of
/// records on the way (the records of one path were made one after the
/// other, so they are adjacent); at 32 bytes that was 45% of `flame`'s
/// cache misses on the synthetic trace (cachegrind, a 1-MiB L2). So the counts keep
/// their low 32 bits here and their high bits in ``TreeStorage/carries``,
/// and what only some entries read (resumes, the sibling that followed)
/// is kept in arrays of its own.
struct NodeRecord: BitwiseCopyable {
    /// The low 32 bits of the nanoseconds during which this node's stack
    /// was the innermost one.
    var selfNs: UInt32 = 0
    /// The low 32 bits of the entries of kind `call` into this stack.
    var calls: UInt32 = 0
    /// The code and node of the child found last under this node (node 0:
    /// none; the root is never a child). A loop calls the same callee from
    /// the same place over and over: its entries are answered here, from
    /// the caller's line, without looking for the child. The code is kept
    /// here rather than read from the child, so that a wrong guess costs no
    /// extra cache miss.
    var lastCode: UInt32 = 0
    var lastChild: Int32 = 0

    init() {}
}
