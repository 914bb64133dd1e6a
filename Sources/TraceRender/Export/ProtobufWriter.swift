/// A minimal writer of the protocol buffers wire format, enough for pprof's
/// `Profile` message and Perfetto's trace packets: varints, length-delimited
/// strings and nested messages, and packed repeated integers.
///
/// The binary formats pyframe exports (pprof, Perfetto) use few fields of
/// published schemas, so encoding them by hand avoids a code generator
/// (protoc) and a runtime library in the build. Fields are written in the order the caller
/// gives; readers accept any order.
package struct ProtobufWriter: Sendable {
    /// The encoded bytes so far.
    package private(set) var bytes: [UInt8] = []

    /// An empty message.
    package init() {}

    /// Wire types of the fields this writer produces.
    private enum WireType: UInt64 {
        case varint = 0
        case lengthDelimited = 2
    }

    /// Appends `value` as a base-128 varint (the encoding of every integer field here).
    package mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private mutating func key(_ field: Int, _ type: WireType) {
        varint(UInt64(field) << 3 | type.rawValue)
    }

    /// Writes an unsigned integer field; zero is left out, as proto3 readers
    /// take a missing field as zero.
    package mutating func uint64(_ field: Int, _ value: UInt64) {
        guard value != 0 else { return }
        key(field, .varint)
        varint(value)
    }

    /// Writes an unsigned integer field even when it is zero, for proto2
    /// fields whose presence means something (a Perfetto timestamp delta of 0).
    package mutating func presentUInt64(_ field: Int, _ value: UInt64) {
        key(field, .varint)
        varint(value)
    }

    /// Writes a `bool` field; false is left out.
    package mutating func bool(_ field: Int, _ value: Bool) {
        uint64(field, value ? 1 : 0)
    }

    /// Writes a signed (`int64`, two's complement) field; zero is left out.
    package mutating func int64(_ field: Int, _ value: Int64) {
        uint64(field, UInt64(bitPattern: value))
    }

    /// Writes a string field, even when empty: in a repeated field (pprof's
    /// string table) an empty entry is significant.
    package mutating func string(_ field: Int, _ value: String) {
        key(field, .lengthDelimited)
        varint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    /// Writes a `bytes` field (or a string already encoded as UTF-8).
    package mutating func bytes(_ field: Int, _ value: [UInt8]) {
        key(field, .lengthDelimited)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Writes a nested message field.
    package mutating func message(_ field: Int, _ message: ProtobufWriter) {
        key(field, .lengthDelimited)
        varint(UInt64(message.bytes.count))
        bytes.append(contentsOf: message.bytes)
    }

    /// Writes a nested message field built by `build`.
    package mutating func message(_ field: Int, _ build: (inout ProtobufWriter) -> Void) {
        var inner = ProtobufWriter()
        build(&inner)
        message(field, inner)
    }

    /// Writes a packed repeated unsigned field (proto3's default encoding for
    /// repeated scalars); an empty list writes nothing.
    package mutating func packed(_ field: Int, _ values: [UInt64]) {
        guard !values.isEmpty else { return }
        var inner = ProtobufWriter()
        for v in values { inner.varint(v) }
        key(field, .lengthDelimited)
        varint(UInt64(inner.bytes.count))
        bytes.append(contentsOf: inner.bytes)
    }

    /// Writes a packed repeated signed field.
    package mutating func packed(_ field: Int, _ values: [Int64]) {
        packed(field, values.map { UInt64(bitPattern: $0) })
    }
}
