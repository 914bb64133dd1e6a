/// One entry of a CPython 3.11 `co_exceptiontable`: an exception raised by an
/// instruction in `start..<end` is handled at `target`.
public struct ExceptionTableEntry: Equatable, Sendable {
    /// First byte offset covered.
    public var start: Int
    /// Byte offset just past the covered range.
    public var end: Int
    /// Byte offset of the handler.
    public var target: Int
    /// Value stack depth to unwind to before jumping to the handler.
    public var depth: Int
    /// Whether the offset of the raising instruction is pushed too.
    public var pushesLastInstruction: Bool

    /// Creates an entry.
    public init(start: Int, end: Int, target: Int, depth: Int, pushesLastInstruction: Bool) {
        self.start = start
        self.end = end
        self.target = target
        self.depth = depth
        self.pushesLastInstruction = pushesLastInstruction
    }

    /// The entry as `dis` prints it under `ExceptionTable:`.
    public var disText: String {
        "\(start) to \(end - 2) -> \(target) [\(depth)]" + (pushesLastInstruction ? " lasti" : "")
    }
}

/// Decodes a `co_exceptiontable` (CPython 3.11 and 3.12 format).
///
/// `dis` marks handler entry points as jump targets, and shows the table after
/// the instructions. ``CodeRecord/exceptionTable`` carries the table; in
/// traces written before it did, ``Disassembler`` infers handler entries
/// instead (and says so).
public enum ExceptionTable {
    /// The entries of `bytes`, in table order. Each entry is four varints
    /// (start, length and target in code units, then depth << 1 | lasti); a
    /// varint is big-endian 6-bit groups with bit 6 as the continuation flag.
    /// A truncated final entry is dropped.
    public static func parse(_ bytes: [UInt8]) -> [ExceptionTableEntry] {
        var entries: [ExceptionTableEntry] = []
        var index = 0
        func varint() -> Int? {
            guard index < bytes.count else { return nil }
            var byte = bytes[index]
            index += 1
            var value = Int(byte & 0x3F)
            while byte & 0x40 != 0 {
                guard index < bytes.count, value < Int.max >> 7 else { return nil }
                byte = bytes[index]
                index += 1
                value = value << 6 | Int(byte & 0x3F)
            }
            return value
        }
        while let start = varint(), let length = varint(), let target = varint(), let depthAndLasti = varint() {
            entries.append(ExceptionTableEntry(
                start: start * 2, end: (start + length) * 2, target: target * 2,
                depth: depthAndLasti >> 1, pushesLastInstruction: depthAndLasti & 1 != 0))
        }
        return entries
    }
}
