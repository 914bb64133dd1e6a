/// What the per-event loop touches of one call-tree node, in 32 bytes: half
/// a cache line (the storage is line-aligned, so a record never straddles
/// two). Entering a frame reads its caller's `lastCode` and `lastChild`,
/// and when that is not the callee, the last child's `nextCode` and
/// `nextNode`; then it bumps the callee's `calls` or `resumes`. Every later
/// event until the next entry adds to the innermost record's `selfNs`. With
/// these in parallel arrays each entry missed the cache once per array.
/// What only the slower paths read (code, parent, child list) is kept
/// outside, in arrays small enough to stay cached (``TreeStorage``).
struct NodeRecord: BitwiseCopyable {
    /// Nanoseconds during which this node's stack was the innermost one.
    var selfNs: UInt64 = 0
    /// The low 32 bits of the entries of kind `call` into this stack, and
    /// of kind `resume` (generator or coroutine resumed). Their high bits,
    /// for the rare stack entered 2³² times, are in ``TreeStorage/carries``:
    /// two 64-bit counts would leave no room for `nextCode` and `nextNode`.
    var calls: UInt32 = 0
    var resumes: UInt32 = 0
    /// The code and node of the child found last under this node (node 0:
    /// none; the root is never a child). A loop calls the same callee from
    /// the same place over and over: its entries are answered here, from
    /// the caller's line, without looking for the child. The code is kept
    /// here rather than read from the child, so that a wrong guess costs no
    /// extra cache miss.
    var lastCode: UInt32 = 0
    var lastChild: Int32 = 0
    /// The sibling entered after this node last time, under the same
    /// caller (node 0: none): the answer tried when the caller's last child
    /// is not the one asked for. A caller that goes round a few callees
    /// (A B C A B C …) missed its last child four times in five on richards;
    /// the callee after A is B again. It is kept in the last child's record,
    /// which that child's own events have just brought into the cache: in
    /// an array of its own it was a cache miss on wide trees (21% of
    /// `flame`'s time on the synthetic 100 M-event trace).
    var nextCode: UInt32 = 0
    var nextNode: Int32 = 0

    init() {}
}
