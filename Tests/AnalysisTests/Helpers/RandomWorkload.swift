import TraceFormat

/// A deterministic pseudo-random event stream with deep recursion,
/// generators that suspend and resume, unwinds and frames left open, for
/// comparing the analyzer with ``ReferenceModel`` on many chunks.
struct RandomWorkload {
    private var state: UInt64

    init(seed: UInt64) { state = seed | 1 }

    private mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    private mutating func below(_ n: UInt64) -> UInt64 { next() % n }

    /// `count` events over code ids 1...codes, starting at `start` ns.
    mutating func events(count: Int, codes: UInt32, start: UInt64) -> [TraceEvent] {
        var out: [TraceEvent] = []
        out.reserveCapacity(count)
        var stack: [UInt32] = []
        var suspended: [UInt32] = []  // generator frames that yielded and may resume
        var time = start
        while out.count < count {
            time += below(4) == 0 ? below(5000) : below(40)
            let r = below(100)
            if stack.isEmpty || (r < 52 && stack.count < 80) {
                if !suspended.isEmpty && below(4) == 0 {
                    out.append(TraceEvent(kind: .resume, code: suspended.removeLast(), time: time))
                } else {
                    // Recursion is common: re-enter the current function a third of the time.
                    let code = (!stack.isEmpty && below(3) == 0) ? stack.last! : UInt32(1 + below(UInt64(codes)))
                    out.append(TraceEvent(kind: .call, code: code, time: time))
                }
                stack.append(out.last!.code)
            } else {
                let code = stack.removeLast()
                let kind: EventKind
                switch below(10) {
                case 0: kind = .unwind
                case 1, 2:
                    kind = .yield
                    if suspended.count < 50 { suspended.append(code) }
                default: kind = .return
                }
                out.append(TraceEvent(kind: kind, code: code, time: time))
            }
        }
        return out
    }
}
