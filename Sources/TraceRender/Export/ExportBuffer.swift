/// One large output buffer that exporters and the folded-stack renderers
/// format straight into: numbers are written digit by digit (no `String`, no
/// Foundation), and the bytes go out in blocks of about a mebibyte, at the
/// end of a line (Chrome JSON) or between packets (Perfetto); folded lines
/// may span two blocks, which a file or pipe joins again.
///
/// A timeline export writes one line or packet per frame, hundreds of
/// millions for a long recording, so building a `String` or an array per
/// event cost more than everything else together; a system call per event
/// would cost more still. Text is appended; a binary encoder asks for
/// ``room(_:)``, writes through the pointer and ``commit(_:)``s.
struct ExportBuffer {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var used = 0
    private let sink: (UnsafeRawBufferPointer) -> Void

    /// A buffer of `capacity` bytes that hands full blocks to `sink`.
    init(capacity: Int = 1 << 20, sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
        self.sink = sink
    }

    /// Hands what was written to the sink; call at the end of a line.
    mutating func flush() {
        if used > 0 { sink(UnsafeRawBufferPointer(start: base, count: used)) }
        used = 0
    }

    /// Flushes first if fewer than `bytes` are free; call before a line of at most that length.
    @inline(__always)
    mutating func reserve(_ bytes: Int) {
        if _slowPath(used + bytes > capacity) { flush() }
    }

    /// Flushes and frees the memory; the buffer must not be used afterwards.
    mutating func finish() {
        flush()
        base.deallocate()
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        base[used] = byte
        used += 1
    }

    /// Appends `bytes`, flushing before when they do not fit, so that a block
    /// never ends inside them; more than a whole block go out on their own.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if used + bytes.count > capacity { flush() }
        if bytes.count > capacity {
            sink(UnsafeRawBufferPointer(bytes))
            return
        }
        (base + used).update(from: bytes.baseAddress!, count: bytes.count)
        used += bytes.count
    }

    /// Where the next `size` bytes (one packet, far smaller than the block)
    /// go; the block is handed on first when it has less room.
    @inline(__always)
    mutating func room(_ size: Int) -> UnsafeMutablePointer<UInt8> {
        if _slowPath(used + size > capacity) { flush() }
        return base + used
    }

    /// Keeps the `size` bytes just written at ``room(_:)``.
    @inline(__always)
    mutating func commit(_ size: Int) { used += size }

    /// Appends the bytes of `array`.
    @inline(__always)
    mutating func append(_ array: [UInt8]) {
        array.withUnsafeBufferPointer { append($0) }
    }

    /// Appends `text` as UTF-8.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends `value` in decimal.
    @inline(__always)
    mutating func append(decimal value: UInt64) {
        // Digits are made backwards in a 20-byte scratch (UInt64.max has 20).
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var v = value
        var n = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                n += 1
                scratch[24 - n] = UInt8(truncatingIfNeeded: v % 10) | 0x30
                v /= 10
            } while v > 0
            (base + used).update(from: scratch.baseAddress!.assumingMemoryBound(to: UInt8.self) + 24 - n, count: n)
        }
        used += n
    }

    /// Appends `ns` as microseconds with exactly three decimals (exact nanoseconds).
    @inline(__always)
    mutating func append(micros ns: UInt64) {
        append(decimal: ns / 1000)
        let fraction = ns % 1000
        append(0x2E)  // "."
        append(UInt8(truncatingIfNeeded: fraction / 100) | 0x30)
        append(UInt8(truncatingIfNeeded: fraction / 10 % 10) | 0x30)
        append(UInt8(truncatingIfNeeded: fraction % 10) | 0x30)
    }
}
