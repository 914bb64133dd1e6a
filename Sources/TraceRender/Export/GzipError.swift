/// Why gzip compression failed: zlib's return code, in words.
public struct GzipError: Error, CustomStringConvertible, Sendable {
    /// One line for the user.
    public let description: String
}
