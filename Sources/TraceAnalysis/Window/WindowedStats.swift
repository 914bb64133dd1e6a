/// What each function cost inside each of some windows of one trace.
package struct WindowedStats: Sendable {
    /// Per window: code id → calls, resumes, self and inclusive time, activations.
    ///
    /// Calls and activations count in the window where they start; self time
    /// in the window where it was spent; inclusive time is each outermost
    /// activation's span cut to the window.
    package var functions: [[UInt32: FunctionStats]]
    /// Per window: code id → inclusive time of each outermost activation
    /// that started and ended inside it.
    package var activations: [[UInt32: Moments]]
    /// Per window: self time of all frames, ns.
    package var pythonNs: [UInt64]
    /// Per window: its length, cut to the recording, ns.
    package var durations: [UInt64]
}
