/// Where the per-event loop sends stack information. Two implementations let
/// the compiler specialise the loop: ``NoStacks`` for `report`, which needs
/// none and so pays nothing, and ``TreeStorage`` for flame graphs.
protocol StackSink {
    /// The node for `code` under `parent`.
    mutating func enter(parent: Int32, code: UInt32) -> Int32
    /// Counts one call of `node`'s stack.
    mutating func countCall(_ node: Int32)
    /// Counts one resume of `node`'s stack.
    mutating func countResume(_ node: Int32)
    /// Adds self time to `node`.
    mutating func addSelf(_ node: Int32, _ ns: UInt64)
}

/// The sink that keeps no stacks.
struct NoStacks: StackSink {
    @inline(__always) mutating func enter(parent: Int32, code: UInt32) -> Int32 { 0 }
    @inline(__always) mutating func countCall(_ node: Int32) {}
    @inline(__always) mutating func countResume(_ node: Int32) {}
    @inline(__always) mutating func addSelf(_ node: Int32, _ ns: UInt64) {}
}

extension TreeStorage: StackSink {
    @inline(__always) mutating func enter(parent: Int32, code: UInt32) -> Int32 {
        child(of: parent, code: code)
    }
}
