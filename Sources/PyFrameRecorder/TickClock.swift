import PyFrameShim
#if canImport(Glibc)
import Glibc
#endif

/// Converts the hook's raw ticks into nanoseconds since the recording's origin.
///
/// On x86-64 the ticks are the invariant TSC, read in about 10 ns against
/// about 22 ns for clock_gettime. Its rate is calibrated against
/// CLOCK_MONOTONIC by the writer thread, which waits until at least
/// `calibrationWindowNs` have passed since the origin so that the start-up of
/// the traced program pays nothing for it.
struct TickClock {
    /// Shortest interval over which the rate is measured.
    static let calibrationWindowNs: UInt64 = 10_000_000

    /// Ticks and CLOCK_MONOTONIC at the origin, read back to back.
    let originTicks: UInt64
    let originNs: UInt64
    /// Nanoseconds per tick, once calibrated.
    private(set) var nsPerTick: Double = 1
    private(set) var calibrated: Bool

    /// Reads the origin now.
    init() {
        originTicks = pf_ticks()
        originNs = pf_monotonic_ns()
        calibrated = pf_ticks_are_cycles() == 0
    }

    /// Measures the tick rate. With `wait`, sleeps first if the origin is too
    /// recent for a precise rate (the writer thread); without, uses whatever
    /// has elapsed (recording stops: a short program must not wait at exit).
    mutating func calibrate(wait: Bool) {
        guard !calibrated else { return }
        let elapsed = pf_monotonic_ns() &- originNs
        if wait && elapsed < Self.calibrationWindowNs {
            var ts = timespec(tv_sec: 0, tv_nsec: Int(Self.calibrationWindowNs - elapsed))
            nanosleep(&ts, nil)
        }
        let ticks = pf_ticks()
        let ns = pf_monotonic_ns()
        if ticks > originTicks {
            nsPerTick = Double(ns - originNs) / Double(ticks - originTicks)
        }
        calibrated = true
    }

    /// Nanoseconds since the origin for a tick reading. Converted as signed
    /// values (one instruction each way, where unsigned 64-bit conversions
    /// take a dozen): a recording's ticks since its origin stay far below
    /// 2^63, and the writer converts every event.
    @inline(__always)
    func nanoseconds(_ ticks: UInt64) -> UInt64 {
        guard ticks > originTicks else { return 0 }
        let elapsed = Double(Int64(truncatingIfNeeded: ticks &- originTicks)) * nsPerTick
        return UInt64(truncatingIfNeeded: Int64(elapsed))
    }

    /// How timestamps were taken, for the trace's process record.
    var description: String {
        if pf_ticks_are_cycles() != 0 {
            return "x86-64 TSC, rate calibrated against CLOCK_MONOTONIC over the first 10 ms of recording; times in ns since origin"
        }
        return "CLOCK_MONOTONIC; times in ns since origin"
    }
}
