/// Why gzip compression failed: zlib's return code, in words.
package struct GzipError: Error, CustomStringConvertible, Sendable {
    /// One line for the user.
    package let description: String
}
