/// What the per-event loop touches of one call-tree node, in 32 bytes: half
/// a cache line (the storage is line-aligned, so a record never straddles
/// two). Entering a frame reads its caller's `lastCode` and `lastChild`,
/// then bumps the child's `calls` or `resumes`; every later event until the
/// next entry adds to the innermost record's `selfNs`. With these in
/// parallel arrays each entry missed the cache once per array. What only
/// the slower paths read (code, parent, child list) is kept outside, in
/// arrays small enough to stay cached (``TreeStorage``).
struct NodeRecord: BitwiseCopyable {
    /// Nanoseconds during which this node's stack was the innermost one.
    var selfNs: UInt64 = 0
    /// Entries of kind `call` into this stack.
    var calls: UInt64 = 0
    /// Entries of kind `resume` (generator or coroutine resumed) into this stack.
    var resumes: UInt64 = 0
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
