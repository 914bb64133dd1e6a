/// What the per-event loop touches of one call-tree node, in 32 bytes: half
/// a cache line (the storage is line-aligned, so a record never straddles
/// two). Entering a frame reads its caller's `lastChild`, then the child's
/// `code` (to confirm it) and bumps its `calls`; every later event until
/// the next entry adds to the innermost record's `selfNs`. With these in
/// parallel arrays each entry missed the cache once per array.
struct NodeRecord: BitwiseCopyable {
    /// Nanoseconds during which this node's stack was the innermost one.
    var selfNs: UInt64 = 0
    /// Entries of kind `call` into this stack.
    var calls: UInt64 = 0
    /// Entries of kind `resume` into this stack.
    var resumes: UInt64 = 0
    /// The frame's code id (`UInt32.max` for the root).
    var code: UInt32
    /// The child found last under this node (0: none; the root is never a
    /// child). A loop calls the same callee from the same place over and
    /// over: its entries are answered here, confirmed by the child's `code`,
    /// without probing the child table.
    var lastChild: Int32 = 0

    init(code: UInt32) { self.code = code }
}
