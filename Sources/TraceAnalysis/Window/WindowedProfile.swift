extension TraceProfile {
    /// This profile with its per-thread tables (and call trees, when `stacks`)
    /// measured inside `window` only; everything else (threads, codes, marks,
    /// problems, losses) stays the whole trace's. Reads the trace again.
    package func cut(to window: SelectedWindow, stacks: Bool) throws -> TraceProfile {
        let tables = try WindowPass.run(path: path, windows: [window.window], stacks: stacks).tables[0]
        var copy = self
        copy.window = window
        for i in copy.threads.indices {
            let acc = tables.threads[copy.threads[i].index]
            copy.threads[i].functions = acc?.stats ?? StatsTable()
            copy.threads[i].stacks = stacks ? (acc?.tree ?? CallTree()) : nil
        }
        return copy
    }
}
