import TraceFormat

/// Where ``CodeRegistry/fingerprint(_:into:)`` writes a constant's
/// fingerprint: the code hash itself, or a string (a frozenset's members,
/// sorted by their text before they are hashed). Bytes read in place from
/// the interpreter go in without becoming a Swift `String` first.
protocol FingerprintOutput: TextOutputStream {
    /// Appends UTF-8 bytes (valid while the call lasts).
    mutating func write(bytes: UnsafeBufferPointer<UInt8>)
}

extension CodeHash: FingerprintOutput {
    mutating func write(bytes: UnsafeBufferPointer<UInt8>) { add(UnsafeRawBufferPointer(bytes)) }
}

extension String: FingerprintOutput {
    mutating func write(bytes: UnsafeBufferPointer<UInt8>) { self += String(decoding: bytes, as: UTF8.self) }
}
