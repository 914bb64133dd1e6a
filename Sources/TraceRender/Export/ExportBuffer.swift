/// One large block of output bytes that an exporter writes into by pointer
/// and hands to its sink whenever it fills, for binary formats written as
/// the trace is walked (Perfetto).
///
/// A trace of 100 M events becomes about 1.5 GB of packets of a dozen bytes
/// each: appending them to a growing array would check capacity per byte
/// and hold the whole file; writing each to the file would be a system call
/// per event. Here an encoder asks for room for one packet, writes it
/// through the pointer, and commits what it wrote.
struct ExportBuffer {
    /// The default block: large enough that writing it costs little per byte.
    static let defaultCapacity = 1 << 20

    private let base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private let capacity: Int
    private let sink: (UnsafeRawBufferPointer) -> Void

    /// An empty buffer whose blocks of up to `capacity` bytes go to `sink`;
    /// call ``close()`` once everything is written. A block ends between
    /// packets, never inside one (a compressor takes blocks of whole packets).
    init(capacity: Int = defaultCapacity, sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
        self.sink = sink
    }

    /// Where the next `size` bytes (one packet, far smaller than the block)
    /// go; the block is handed on first when it has less room.
    @inline(__always)
    mutating func room(_ size: Int) -> UnsafeMutablePointer<UInt8> {
        if count + size > capacity { flush() }
        return base + count
    }

    /// Keeps the `size` bytes just written at ``room(_:)``.
    @inline(__always)
    mutating func commit(_ size: Int) { count += size }

    /// Appends `bytes`, one packet made by ``ProtobufWriter``; one larger
    /// than a block (a descriptor with an enormous command line) is a block
    /// of its own.
    mutating func append(_ bytes: [UInt8]) {
        if count + bytes.count > capacity { flush() }
        bytes.withUnsafeBufferPointer { source in
            if source.count > capacity {
                sink(UnsafeRawBufferPointer(source))
            } else {
                (base + count).update(from: source.baseAddress!, count: source.count)
                count += source.count
            }
        }
    }

    /// Hands the bytes so far to the sink.
    mutating func flush() {
        if count > 0 { sink(UnsafeRawBufferPointer(start: base, count: count)) }
        count = 0
    }

    /// Hands on the rest and frees the block.
    mutating func close() {
        flush()
        base.deallocate()
    }
}

/// Base-128 varints written through a pointer, for the encoders that
/// bypass ``ProtobufWriter`` on their per-event path.
enum Varint {
    /// Bytes `value` takes as a varint.
    @inline(__always)
    static func size(_ value: UInt64) -> Int {
        // 1 + one byte per further 7 bits; `| 1` keeps the count defined for 0.
        (63 - (value | 1).leadingZeroBitCount) / 7 + 1
    }

    /// Writes `value` at `p`; returns the bytes written.
    @inline(__always)
    static func put(_ value: UInt64, at p: UnsafeMutablePointer<UInt8>) -> Int {
        var v = value, i = 0
        while v >= 0x80 {
            p[i] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            i += 1
        }
        p[i] = UInt8(v)
        return i + 1
    }
}
