/// What the width of a flame-graph frame measures.
public enum FlameWeight: String, CaseIterable, Sendable {
    /// Self time in nanoseconds.
    case time
    /// Calls (entries of kind `call`) of each stack.
    case calls
}
