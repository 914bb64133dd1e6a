import CZlib
import Dispatch
import FoundationEssentials

/// Packs blocks of whole Perfetto packets into `compressed_packets`
/// packets (TracePacket field 50: a zlib stream of the block, read by
/// trace_processor and ui.perfetto.dev as if its packets were inline), as
/// Perfetto's own tracing service does when asked to compress.
///
/// Deflate costs about as much per event as formatting the packets, so it
/// runs on other threads while the caller formats the next block: each block
/// is copied into a free slot and deflated there in the background; its
/// packet goes to the sink, on the caller's thread and in block order, when
/// the slot is needed again or at ``close()``. zlib's level 2 is as fast as
/// level 1 on recorded programs' packets and a fifth smaller (on the random
/// synthetic trace of Tools/bench.py it is a sixth slower for 4% smaller);
/// higher levels cost 1.5 to 4 times the time.
struct PacketCompressor {
    /// The largest block to compress: Perfetto wants each compressed
    /// packet, headers included, under 512 KiB.
    static let blockSize = 480 << 10
    /// zlib's compression level (see above).
    static let level: Int32 = 2

    private let slots: [Slot]
    private var next = 0
    private let sink: (UnsafeRawBufferPointer) -> Void

    /// A compressor whose packets go to `sink`; call ``close()`` at the end.
    /// Up to `inFlight` blocks are deflated at once (default: one per core,
    /// at least two, so that one deflates while the caller fills the next).
    init(inFlight: Int = max(2, min(ProcessInfo.processInfo.activeProcessorCount, 4)), sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.sink = sink
        slots = (0..<max(1, inFlight)).map { _ in Slot() }
    }

    /// Hands `block` (whole packets, as `Trace` fields) over to be compressed
    /// into one packet; writes out the oldest block first if every slot is busy.
    mutating func compress(_ block: UnsafeRawBufferPointer) {
        guard block.count > 0 else { return }
        let slot = slots[next]
        next = (next + 1) % slots.count
        drain(slot)
        slot.input.update(from: block.baseAddress!.assumingMemoryBound(to: UInt8.self), count: block.count)
        slot.inputCount = block.count
        slot.busy = true
        DispatchQueue.global().async { slot.deflateBlock() }
    }

    /// Writes out every block still in a slot, in order, and frees zlib's state.
    mutating func close() {
        for i in 0..<slots.count { drain(slots[(next + i) % slots.count]) }
        for slot in slots { slot.free() }
    }

    /// Waits for the slot's block to be compressed and writes its packet.
    private func drain(_ slot: Slot) {
        guard slot.busy else { return }
        slot.done.wait()
        slot.busy = false
        sink(slot.packet)
    }
}

/// One block in flight: its copy of the packets, zlib's state (at a fixed
/// address: zlib refuses a stream that moved) and the compressed packet.
/// The caller's thread and one worker take turns on it, ordered by `done`.
private final class Slot: @unchecked Sendable {
    let input = UnsafeMutablePointer<UInt8>.allocate(capacity: PacketCompressor.blockSize)
    var inputCount = 0
    /// Whether a block was handed over and not yet written (the caller's side).
    var busy = false
    /// Signalled by the worker when ``packet`` is ready.
    let done = DispatchSemaphore(value: 0)
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let output: UnsafeMutableBufferPointer<UInt8>
    /// The compressed packet, as a `Trace` field, inside ``output``.
    private(set) var packet = UnsafeRawBufferPointer(start: nil, count: 0)
    /// Room in front of the data for the two keys and lengths (at most 2 + 4 + 1 + 4 bytes).
    private static let header = 11

    init() {
        stream.initialize(to: z_stream())
        let code = deflateInit_(stream, PacketCompressor.level, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        // It fails only without memory or with another zlib than the one built against.
        precondition(code == Z_OK, "zlib: deflateInit failed (\(code))")
        output = .allocate(capacity: Int(deflateBound(stream, uLong(PacketCompressor.blockSize))) + Self.header)
    }

    /// Compresses the block into one `compressed_packets` packet; on a worker.
    func deflateBlock() {
        deflateReset(stream)
        stream.pointee.next_in = input
        stream.pointee.avail_in = uInt(inputCount)
        stream.pointee.next_out = output.baseAddress! + Self.header
        stream.pointee.avail_out = uInt(output.count - Self.header)
        let code = deflate(stream, Z_FINISH)
        precondition(code == Z_STREAM_END, "deflate into deflateBound's room cannot fail")
        let data = Int(stream.pointee.total_out)
        // TracePacket { compressed_packets = 50 } inside Trace { packet = 1 }.
        let size = 2 + Varint.size(UInt64(data)) + data
        let prefix = 1 + Varint.size(UInt64(size)) + 2 + Varint.size(UInt64(data))
        let start = output.baseAddress! + Self.header - prefix
        var p = start
        p[0] = 0x0A
        p += 1 + Varint.put(UInt64(size), at: p + 1)
        p[0] = 0x92  // field 50, length-delimited: (50 << 3 | 2) as a varint
        p[1] = 0x03
        _ = Varint.put(UInt64(data), at: p + 2)
        packet = UnsafeRawBufferPointer(start: start, count: prefix + data)
        done.signal()
    }

    /// Frees the buffers and zlib's state; the slot must be idle.
    func free() {
        deflateEnd(stream)
        stream.deallocate()
        input.deallocate()
        output.deallocate()
    }
}
