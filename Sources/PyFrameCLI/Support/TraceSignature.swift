import FoundationEssentials
import Glibc

/// Recognises a pyframe trace by its first bytes, without decoding it, so
/// that `-o` can refuse to replace one (a trace cannot be made again; a
/// report can).
///
/// A trace starts with an LZ4 frame (magic 04 22 4D 18) whose chunk starts
/// with "PYFR". LZ4 stores the first bytes of a frame's content as literals
/// (nothing precedes them to match), so "PYFR" appears verbatim within the
/// frame's first bytes whether or not the block was compressed.
enum TraceSignature {
    static func isTrace(path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 64)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 64, 0) }
        guard n >= 8, bytes[0...3] == [0x04, 0x22, 0x4D, 0x18] else { return false }
        let magic: [UInt8] = Array("PYFR".utf8)
        return (4...(n - 4)).contains { bytes[$0..<($0 + 4)].elementsEqual(magic) }
    }
}
