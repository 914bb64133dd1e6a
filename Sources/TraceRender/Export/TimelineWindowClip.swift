import TraceAnalysis

/// Cuts a thread's replayed timeline to a window (`--window`), keeping it
/// balanced: a frame that overlaps the window opens at the later of its
/// start and the window's, and closes at the earlier of its end and the
/// window's; frames wholly outside are left out. The same cut as the
/// tables' (frames at the edges count for the part inside).
struct TimelineWindowClip {
    let window: TimeWindow
    /// The open frames, outermost first, and whether each was passed on.
    private var stack: [(code: UInt32, start: UInt64, shown: Bool)] = []

    init(_ window: TimeWindow) {
        self.window = window
    }

    /// Passes on what of `step` lies inside the window.
    mutating func take(_ step: TraceTimeline.Step, _ visit: (TraceTimeline.Step) -> Void) {
        switch step {
        case let .open(code, time):
            stack.append((code, time, false))
            if window.contains(time) { show(visit) }
        case let .close(code, time):
            guard let top = stack.last else { return }
            // A frame that ran into the window shows, with its callers, from the window's start.
            if time > window.start && top.start < window.end && !top.shown { show(visit) }
            stack.removeLast()
            if top.shown { visit(.close(code: code, time: min(time, window.end))) }
        }
    }

    /// Opens every frame of the stack not yet passed on, from the window's start at the earliest.
    private mutating func show(_ visit: (TraceTimeline.Step) -> Void) {
        for i in stack.indices where !stack[i].shown {
            stack[i].shown = true
            visit(.open(code: stack[i].code, time: max(stack[i].start, window.start)))
        }
    }
}

extension TraceTimeline {
    /// ``walk(thread:endTime:_:)`` cut to `window` (the whole timeline when nil).
    package func walk(thread: UInt32, endTime: UInt64, window: TimeWindow?, _ visit: (Step) -> Void) {
        guard let window else { return walk(thread: thread, endTime: endTime, visit) }
        var clip = TimelineWindowClip(window)
        walk(thread: thread, endTime: endTime) { clip.take($0, visit) }
    }
}
