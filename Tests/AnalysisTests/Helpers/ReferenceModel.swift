import TraceAnalysis
import TraceFormat

/// The definitions of the analyzers' numbers, computed the slow obvious way:
/// one whole stack per thread, every event in order, no chunks. Tests compare
/// the fast parallel analyzer against this.
struct ReferenceModel {
    /// Statistics per thread, per code id.
    var stats: [UInt32: [UInt32: FunctionStats]] = [:]
    /// Self time per stack (code ids joined by ";") per thread.
    var stacks: [UInt32: [String: UInt64]] = [:]
    /// Calls per stack per thread.
    var stackCalls: [UInt32: [String: UInt64]] = [:]

    /// Runs the model; frames open at the end close at `endTime` (or the
    /// thread's last event when nil).
    init(events: [UInt32: [TraceEvent]], endTime: UInt64?) {
        for (thread, list) in events {
            var s: [UInt32: FunctionStats] = [:]
            var st: [String: UInt64] = [:]
            var calls: [String: UInt64] = [:]
            var stack: [(code: UInt32, entry: UInt64)] = []
            var keys: [String] = []  // keys[d]: the stack of depth d + 1 as "1;2;3"
            var last = list.first?.time ?? 0
            func key() -> String { keys.last ?? "" }
            func close(_ frame: (code: UInt32, entry: UInt64), at time: UInt64) {
                // Outermost: no frame of the same code below it.
                guard !stack.contains(where: { $0.code == frame.code }) else { return }
                let d = time - frame.entry
                s[frame.code, default: FunctionStats()].totalNs += d
                s[frame.code, default: FunctionStats()].maxNs = max(s[frame.code]!.maxNs, d)
            }
            for e in list {
                if let top = stack.last {
                    s[top.code, default: FunctionStats()].selfNs += e.time - last
                    st[key(), default: 0] += e.time - last
                }
                last = e.time
                if e.kind.isEntry {
                    if e.kind == .call && !stack.contains(where: { $0.code == e.code }) {
                        s[e.code, default: FunctionStats()].primitiveCalls += 1
                    }
                    stack.append((e.code, e.time))
                    keys.append(keys.isEmpty ? String(e.code) : keys.last! + ";" + String(e.code))
                    if e.kind == .call {
                        s[e.code, default: FunctionStats()].calls += 1
                        calls[key(), default: 0] += 1
                    } else {
                        s[e.code, default: FunctionStats()].resumes += 1
                    }
                } else {
                    let frame = stack.removeLast()
                    keys.removeLast()
                    close(frame, at: e.time)
                }
            }
            let end = max(endTime ?? last, last)
            if let top = stack.last, end > last {
                s[top.code, default: FunctionStats()].selfNs += end - last
                st[key(), default: 0] += end - last
            }
            while let frame = stack.popLast() {
                keys.removeLast()
                close(frame, at: end)
            }
            stats[thread] = s
            stacks[thread] = st
            stackCalls[thread] = calls
        }
    }
}

extension TraceProfile {
    /// Per thread, per code id: the non-empty statistics (for comparisons).
    func statsByThread() -> [UInt32: [UInt32: FunctionStats]] {
        var out: [UInt32: [UInt32: FunctionStats]] = [:]
        for t in threads {
            var m: [UInt32: FunctionStats] = [:]
            for (code, s) in t.functions.nonEmpty() { m[code] = s }
            out[t.index] = m
        }
        return out
    }

    /// Per thread: self time per stack of code ids (zero stacks left out).
    func stacksByThread() -> [UInt32: [String: UInt64]] { stackValues { $0.selfNs(of: $1) } }

    /// Per thread: calls per stack of code ids (zero stacks left out).
    func stackCallsByThread() -> [UInt32: [String: UInt64]] { stackValues { $0.calls(of: $1) } }

    private func stackValues(_ value: (CallTree, Int32) -> UInt64) -> [UInt32: [String: UInt64]] {
        var out: [UInt32: [String: UInt64]] = [:]
        for t in threads {
            guard let tree = t.stacks else { continue }
            var keys = [String](repeating: "", count: tree.count)
            var m: [String: UInt64] = [:]
            for i in 1..<tree.count {
                let node = Int32(i)
                let parent = Int(tree.parent(of: node))
                keys[i] = parent == 0 ? String(tree.code(of: node)) : keys[parent] + ";" + String(tree.code(of: node))
                let v = value(tree, node)
                if v > 0 { m[keys[i], default: 0] += v }
            }
            out[t.index] = m
        }
        return out
    }
}

extension ReferenceModel {
    /// The model's statistics with primitive calls left as computed, and empty entries removed.
    var nonEmptyStats: [UInt32: [UInt32: FunctionStats]] {
        stats.mapValues { $0.filter { !$0.value.isEmpty } }
    }

    /// The model's stacks with zero entries removed.
    var nonZeroStacks: [UInt32: [String: UInt64]] { stacks.mapValues { $0.filter { $0.value > 0 } } }
    var nonZeroStackCalls: [UInt32: [String: UInt64]] { stackCalls.mapValues { $0.filter { $0.value > 0 } } }
}
