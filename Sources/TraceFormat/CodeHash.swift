/// The stable 64-bit hash that tells versions of one function apart.
///
/// FNV-1a over a canonical byte form of the code object (bytecode, then the
/// fingerprints of the constants, then the names), defined in Traces/FORMAT.md.
/// It must not depend on addresses or hash randomisation, so that the same
/// source gives the same hash in every run, and a patched function a new one.
public struct CodeHash: Sendable {
    /// The hash of everything added so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A hash of nothing.
    public init() {}

    /// Adds bytes.
    public mutating func add<C: Sequence>(_ bytes: C) where C.Element == UInt8 {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x0000_0100_0000_01B3
        }
    }

    /// Adds a string's UTF-8 bytes followed by a 0 separator.
    public mutating func add(_ string: String) {
        add(string.utf8)
        add(CollectionOfOne(0))
    }
}
