/// The stable 64-bit hash that tells versions of one function apart.
///
/// FNV-1a over a canonical byte form of the code object (bytecode, then the
/// fingerprints of the constants, then the names), defined in Traces/FORMAT.md.
/// It must not depend on addresses or hash randomisation, so that the same
/// source gives the same hash in every run, and a patched function a new one.
/// Inlinable, so that the recorder's first sighting of a code object hashes
/// its bytes in a specialised loop rather than through generic calls.
package struct CodeHash: Sendable, TextOutputStream {
    @usableFromInline var state: UInt64

    /// The hash of everything added so far.
    package var value: UInt64 { state }

    /// A hash of nothing.
    @inlinable
    package init() { state = 0xcbf2_9ce4_8422_2325 }

    /// Adds bytes.
    @inlinable
    package mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var h = state
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        state = h
    }

    /// Adds the bytes of an array.
    @inlinable
    package mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { add($0) }
    }

    /// Adds a string's UTF-8 bytes followed by a 0 separator.
    @inlinable
    package mutating func add(_ string: String) {
        write(string)
        endString()
    }

    /// Adds the 0 byte that ends a string written in pieces.
    @inlinable
    package mutating func endString() {
        state = state &* 0x0000_0100_0000_01B3  // h ^= 0, h *= prime
    }

    /// Adds a string's UTF-8 bytes, no separator: text written in pieces
    /// (`print(…, to:)`, a fingerprint) hashes as the whole text would.
    @inlinable
    package mutating func write(_ string: String) {
        var copy = string
        copy.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }
}
