/// The one search for a run of bytes in UTF-8 text, for the places that look
/// for ASCII markers in paths, frame names and settings: found in bytes, a
/// marker is where it is in characters (no byte of a multi-byte character
/// is ASCII), and comparing Characters instead cost those places most of
/// their time.
package enum ByteSearch {
    /// Where the first `marker` at or after `start` begins in `bytes`.
    package static func first(_ marker: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let head = marker.first, bytes.count >= marker.count else { return nil }
        var i = start
        while i <= bytes.count - marker.count {
            if bytes[i] == head && bytes[i..<(i + marker.count)].elementsEqual(marker) { return i }
            i += 1
        }
        return nil
    }

    /// Where the last `marker` begins in `bytes`.
    package static func last(_ marker: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let head = marker.first else { return nil }
        var i = bytes.count - marker.count
        while i >= 0 {
            if bytes[i] == head && bytes[i..<(i + marker.count)].elementsEqual(marker) { return i }
            i -= 1
        }
        return nil
    }
}
