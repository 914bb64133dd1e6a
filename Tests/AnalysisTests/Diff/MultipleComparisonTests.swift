import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// The correction for testing many functions, on synthetic runs, against
/// p-values and Benjamini–Hochberg q-values computed independently by a
/// short Python script (`statistics` for means and variances, the t density
/// integrated by Simpson's rule for p, the step-up rule for q).
@Suite struct MultipleComparisonTests {
    static let oracle = #"""
    import json, math, statistics, sys

    def t_pdf(x, df):
        return math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi) * (1 + x * x / df) ** (-(df + 1) / 2)

    def two_sided_p(t, df, steps=200000):
        h = abs(t) / steps
        s = t_pdf(0.0, df) + t_pdf(abs(t), df)
        for i in range(1, steps):
            s += (4 if i % 2 else 2) * t_pdf(i * h, df)
        return max(0.0, 1 - 2 * s * h / 3)

    data = json.loads(sys.argv[1])
    out = {}
    for name, (before, after) in data.items():
        vb, va = statistics.variance(before) / len(before), statistics.variance(after) / len(after)
        t = (statistics.mean(after) - statistics.mean(before)) / math.sqrt(vb + va)
        df = (vb + va) ** 2 / (vb ** 2 / (len(before) - 1) + va ** 2 / (len(after) - 1))
        out[name] = [two_sided_p(t, df)]
    names = sorted(out, key=lambda n: out[n][0])
    q = 1.0
    for rank in range(len(names), 0, -1):
        q = min(q, out[names[rank - 1]][0] * len(names) / rank)
        out[names[rank - 1]].append(min(1.0, q))
    print(json.dumps(out))
    """#

    /// Inclusive time of each function in each of four runs a side.
    static let samples: [String: ([UInt64], [UInt64])] = [
        "f1": ([100, 102, 98, 101], [150, 149, 152, 151]),
        "f2": ([100, 110, 90, 105], [112, 118, 108, 121]),
        "f3": ([50, 60, 55, 52], [51, 59, 57, 50]),
        "f4": ([200, 210, 190, 205], [215, 225, 205, 220]),
        "f5": ([10, 12, 11, 13], [12, 14, 13, 15]),
        "f6": ([300, 310, 305, 295], [310, 320, 300, 315]),
        "f7": ([20, 21, 22, 20], [25, 26, 24, 27]),
    ]

    /// Run `run` of one side: each function called once, one after another.
    static func trace(run: Int, after: Bool) throws -> TraceProfile {
        var t = SyntheticTrace()
        var events: [TraceEvent] = []
        var time: UInt64 = 0
        for (i, name) in samples.keys.sorted().enumerated() {
            let id = UInt32(i + 1)
            t.code(id, name, line: UInt32(10 * (i + 1)))
            let d = after ? samples[name]!.1[run] : samples[name]!.0[run]
            events += [ev(.call, id, time), ev(.return, id, time + d)]
            time += d + 1
        }
        t.events[0] = events
        return try Fixtures.profile(t)
    }

    @Test func correctedValuesMatchAnIndependentComputation() throws {
        let before = try (0..<4).map { try Self.trace(run: $0, after: false) }
        let after = try (0..<4).map { try Self.trace(run: $0, after: true) }
        let diff = DiffBuilder.build(before: before, after: after)
        #expect(diff.basis == .runs && diff.rows.count == 7)

        let input = Self.samples.mapValues { [$0.0, $0.1] }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: input), as: UTF8.self)
        let python = try #require(PyFrameTool.python)
        let result = PyFrameTool.run("/usr/bin/env", [python, "-c", Self.oracle, json])
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [Double]],
                                    "\(result.stderr)")
        for row in diff.rows {
            let name = row.identity.qualname
            let pq = try #require(expected[name])
            let test = try #require(row.significance)
            #expect(abs(test.p - pq[0]) < 1e-6, "\(name): p \(test.p) vs \(pq[0])")
            #expect(abs((row.adjustedP ?? -1) - pq[1]) < 1e-6, "\(name): q \(row.adjustedP ?? -1) vs \(pq[1])")
            #expect(row.changed == (pq[1] < 0.05), "\(name)")
        }
        // The correction matters here: some functions pass p < 0.05 alone but are not changed.
        let uncorrected = Set(diff.rows.filter { $0.significance!.isSignificant }.map(\.identity.qualname))
        let changed = Set(diff.rows.filter(\.changed).map(\.identity.qualname))
        #expect(changed == Set(expected.filter { $0.value[1] < 0.05 }.keys))
        #expect(changed.isStrictSubset(of: uncorrected) && uncorrected.subtracting(changed) == ["f2", "f4"])

        let text = DiffTableRenderer.render(diff, limit: nil)
        #expect(text.contains { $0.hasSuffix("f2 (app.py:20)") && !$0.contains(" *") && $0.contains("q=0.083") })
        #expect(text.contains { $0.hasSuffix("f1 (app.py:10)") && $0.contains("q=<0.001 *") })
        #expect(text.contains("tests: Welch's t-test on each function's total time per run; q = p corrected by Benjamini-Hochberg over 7 function(s); * changed (q < 0.05)"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(DiffJSONRenderer.render(diff).utf8)) as? [String: Any])
        let f2 = try #require((object["functions"] as? [[String: Any]])?.first { $0["qualname"] as? String == "f2" })
        #expect(f2["changed"] as? Bool == false && (f2["significance"] as? [String: Any])?["significant"] as? Bool == true)
        #expect((f2["verdict"] as? String)?.hasPrefix("not changed (p=0.045, q=0.083)") == true)
    }

    @Test func benjaminiHochbergByHand() {
        // m = 4: sorted p 0.01, 0.02, 0.03, 0.5 → 0.04, 0.04, 0.04, 0.5 (step-up keeps them monotone).
        #expect(MultipleComparison.benjaminiHochberg([0.03, 0.5, 0.01, 0.02]) == [0.04, 0.5, 0.04, 0.04])
        #expect(MultipleComparison.benjaminiHochberg([]) == [])
        #expect(MultipleComparison.benjaminiHochberg([0.9, 0.95]) == [0.95, 0.95])
    }

    @Test func momentsMatchSampleStatistics() throws {
        let values = [19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0]
        let m = Moments(values)
        #expect(m.count == 10 && abs(m.mean - Sample(values).mean) < 1e-12)
        #expect(abs(try #require(m.variance) - Sample(values).variance) < 1e-12)
        let merged = Moments(Array(values[..<3])).merged(with: Moments(Array(values[3...])))
        let mergedVariance = try #require(merged.variance)
        #expect(abs(merged.mean - m.mean) < 1e-12 && abs(mergedVariance - m.variance!) < 1e-12)
        // One value has no spread: nil, never 0.
        #expect(Moments([5]).variance == nil && Moments([5]).standardDeviation == nil)
        #expect(WelchTest(before: Moments([1]), after: Moments([1, 2])) == nil)
    }
}
