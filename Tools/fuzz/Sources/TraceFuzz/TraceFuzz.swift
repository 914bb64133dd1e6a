import FuzzerDriver
import TraceFormat

/// The program's main(): SwiftPM links an executable's entry point under this
/// name; it hands control to libFuzzer's driver with our callback.
@_cdecl("TraceFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        fuzzOneInput(data!, size)
    }
}

/// libFuzzer entry point: every input is read twice, once as a whole trace
/// file (frame scanning, LZ4, chunk decoding, events) and once as the
/// decompressed bytes of a single chunk (which LZ4's checksums would
/// otherwise keep the fuzzer from reaching). Whatever the bytes, the decoder
/// must return a result or a TraceError: a crash, a hang or a huge
/// allocation is a bug, and AddressSanitizer and libFuzzer's limits catch them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let file = try? TraceFile(bytes: bytes, name: "fuzz") {
        try? file.forEachChunk { _, chunk in readEvents(chunk) }
    }
    if let chunk = try? ChunkReader.decode(bytes, fileOffset: 0) {
        readEvents(chunk)
    }
    return 0
}

private func readEvents(_ chunk: Chunk) {
    guard case let .events(events) = chunk else { return }
    var count = 0
    try? events.forEach { _ in count += 1 }
    precondition(count <= Int(events.header.eventCount))
}
