import Foundation
import PyFrameTestSupport
import Testing

/// Independent readers for exported files: small Python programs (the
/// standard `json` module, and Google's `protobuf` package for pprof) that
/// check a file's structure and print what they found as JSON, so that the
/// exporters are not checked only by the code that wrote them.
enum ExportCheck {
    /// What a checker printed, parsed; nil (with an issue recorded) when it failed.
    static func run(_ python: String, script: String, arguments: [String]) -> [String: Any]? {
        let path = temporaryPath("check.py")
        try? script.write(toFile: path, atomically: true, encoding: .utf8)
        let result = PyFrameTool.run(python, [path] + arguments)
        guard result.status == 0 else {
            Issue.record("checker failed (\(result.status)): \(result.stderr)\(result.stdout)")
            return nil
        }
        guard let data = result.stdout.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            Issue.record("checker printed no JSON: \(result.stdout)")
            return nil
        }
        return object
    }

    /// Checks a Chrome Trace Event file: every complete event has ts ≥ 0 and
    /// dur ≥ 0, events of a thread nest, every thread and process with events
    /// is named, instant events are thread-scoped. Prints counts, names and marks.
    static func chrome(_ path: String) -> [String: Any]? {
        run("/usr/bin/python3", script: chromeScript, arguments: [path])
    }

    /// Checks a speedscope file: schema, frames, and per profile sorted,
    /// balanced open/close events naming existing frames.
    static func speedscope(_ path: String) -> [String: Any]? {
        run("/usr/bin/python3", script: speedscopeScript, arguments: [path])
    }

    static let chromeScript = #"""
    import json, sys
    from decimal import Decimal
    doc = json.load(open(sys.argv[1]), parse_float=Decimal)
    events = doc["traceEvents"]
    def ns(v):
        n = Decimal(v) * 1000
        assert n == n.to_integral_value(), f"not a whole ns: {v}"
        return int(n)
    named_threads, named_procs, tracks = set(), set(), {}
    names, marks, complete = {}, [], 0
    for e in events:
        ph = e["ph"]
        if ph == "M":
            assert e["name"] in ("process_name", "thread_name"), e
            assert isinstance(e["args"]["name"], str)
            (named_procs if e["name"] == "process_name" else named_threads).add((e["pid"], e["tid"]) if e["name"] == "thread_name" else e["pid"])
        elif ph == "X":
            ts, dur = ns(e["ts"]), ns(e["dur"])
            assert ts >= 0 and dur >= 0, e
            tracks.setdefault((e["pid"], e["tid"]), []).append((ts, dur, e["name"]))
            names[e["name"]] = names.get(e["name"], 0) + 1
            complete += 1
        elif ph == "i":
            assert e["s"] == "t", e
            marks.append([e["name"], ns(e["ts"]), e["tid"]])
        else:
            raise AssertionError(f"unexpected phase {ph}")
    self_ns = {}
    for key, spans in tracks.items():
        assert key in named_threads, f"thread {key} has no thread_name"
        assert key[0] in named_procs, f"process {key[0]} has no process_name"
        spans.sort(key=lambda s: (s[0], -s[1]))
        stack = []  # [start, end, name, child time]
        def pop():
            s, en, n, child = stack.pop()
            self_ns[n] = self_ns.get(n, 0) + (en - s) - child
            if stack: stack[-1][3] += en - s
        for ts, dur, name in spans:
            while stack and stack[-1][1] <= ts:
                pop()
            if stack:
                assert ts + dur <= stack[-1][1], f"{name} [{ts}, {ts+dur}] overlaps its parent {stack[-1]}"
            stack.append([ts, ts + dur, name, 0])
        while stack: pop()
    print(json.dumps({"complete": complete, "names": names, "marks": marks,
                      "threads": len(tracks), "self": self_ns}))
    """#

    static let speedscopeScript = #"""
    import json, sys
    doc = json.load(open(sys.argv[1]))
    assert doc["$schema"] == "https://www.speedscope.app/file-format-schema.json"
    frames = doc["shared"]["frames"]
    for f in frames:
        assert isinstance(f["name"], str) and f["name"], f
        if "line" in f: assert isinstance(f["line"], int) and "file" in f
    out = {"profiles": [], "frames": [f["name"] for f in frames]}
    for p in doc["profiles"]:
        assert p["type"] == "evented" and p["unit"] == "nanoseconds", p["type"]
        stack, last, opens, self_ns = [], None, 0, {}
        for e in p["events"]:
            assert 0 <= e["frame"] < len(frames), e
            assert last is None or e["at"] >= last, f"events out of order at {e}"
            if stack: 
                top = frames[stack[-1][0]]["name"]
                self_ns[top] = self_ns.get(top, 0) + e["at"] - last
            last = e["at"]
            if e["type"] == "O":
                stack.append((e["frame"], e["at"])); opens += 1
            else:
                assert e["type"] == "C", e
                assert stack and stack[-1][0] == e["frame"], f"close of {e['frame']} does not match {stack[-1:]}"
                stack.pop()
        assert not stack, f"{len(stack)} frames left open in {p['name']}"
        if p["events"]:
            assert p["startValue"] <= p["events"][0]["at"] and p["endValue"] >= p["events"][-1]["at"]
        out["profiles"].append({"name": p["name"], "opens": opens, "self": self_ns,
                                "start": p["startValue"], "end": p["endValue"]})
    print(json.dumps(out))
    """#
}
