import Foundation
import PyFrameTestSupport

/// Runs a CPython (the system's `python3` unless told: the oracle these tests
/// trust is the interpreter of the version under test) and other helper
/// programs for the tests.
enum Python {
    /// Raised when a helper program fails; carries its stderr for the test log.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A fresh directory under the system temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("pyframe-bytecode-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `python script arguments…` with `files` written beside the script
    /// first and `stdin` as its input, and returns its stdout. A non-zero exit
    /// throws with its stderr.
    static func run(script: String, arguments: [String] = [], files: [String: String] = [:],
                    stdin: String? = nil, python: String = "python3") throws -> Data {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scriptURL = directory.appendingPathComponent("script.py")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        var input: URL?
        if let stdin {
            input = directory.appendingPathComponent("stdin.txt")
            try stdin.write(to: input!, atomically: true, encoding: .utf8)
        }
        let result = try execute("/usr/bin/env", [python, scriptURL.path] + arguments, in: directory, stdin: input)
        guard result.status == 0 else {
            throw Failure(description: "\(python) exited with \(result.status): \(result.stderr)")
        }
        return result.output
    }

    /// Runs `executable arguments…` in `directory` with `stdin` (a file) as
    /// input (``ProcessRunner``), with Python's bytecode caches off and its
    /// string hashing fixed, so that runs repeat.
    static func execute(_ executable: String, _ arguments: [String], in directory: URL,
                        environment: [String: String] = [:], stdin: URL? = nil) throws -> ProcessOutcome {
        let fixed = ["PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0"].merging(environment) { $1 }
        return try ProcessRunner.run([executable] + arguments, environment: fixed, directory: directory.path,
                                     stdin: stdin?.path)
    }
}

/// Bytes from a hex string (as Python's `bytes.hex()` writes them).
func bytes(hex: String) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(hex.utf8.count / 2)
    var high: UInt8?
    for c in hex.utf8 {
        let nibble: UInt8 = c <= 57 ? c - 48 : (c | 0x20) - 87
        if let h = high {
            result.append(h << 4 | nibble)
            high = nil
        } else {
            high = nibble
        }
    }
    return result
}
