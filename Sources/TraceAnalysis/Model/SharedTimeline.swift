/// Places several traces (a program and its child processes) on one
/// timeline: each trace's event times count from its own origin, so a child
/// started 41.6 ms after its parent must be shifted by 41.6 ms to be drawn
/// where it ran.
public enum SharedTimeline {
    /// Each profile's offset in ns from the earliest origin. The origins'
    /// CLOCK_MONOTONIC readings are used when every trace has one (one clock
    /// for the whole machine, unaffected by wall-clock changes), else the
    /// wall-clock starts.
    public static func offsets(_ profiles: [TraceProfile]) -> [UInt64] {
        let monotonic = profiles.map(\.process.originMonotonicNs)
        let origins = monotonic.allSatisfy({ $0 > 0 }) ? monotonic : profiles.map(\.process.startWallNs)
        let first = origins.min() ?? 0
        return origins.map { $0 - first }
    }
}
