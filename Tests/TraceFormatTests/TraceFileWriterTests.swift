import Foundation
import PyFrameTestSupport
import Testing
@testable import TraceFormat

@Suite("Writing a trace file")
struct TraceFileWriterTests {
    static let header = ChunkWriter.process(SyntheticTrace().process)

    /// A process killed between creating its trace and writing the first
    /// chunk (a child SIGKILLed as it starts) must not leave an empty file,
    /// which is not a trace and stops `pyframe report` of the whole folder.
    @Test("the file appears under its path only once its first chunk is written, owner-only")
    func appearsWithFirstChunk() throws {
        let path = temporaryPath("writer.lz4")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try TraceFileWriter(path: path)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(writer.append(chunk: Self.header))
        writer.close()
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        var processRecords = 0, otherChunks = 0
        try TraceFile(path: path).forEachChunk { _, chunk in
            if case .process = chunk { processRecords += 1 } else { otherChunks += 1 }
        }
        #expect(processRecords == 1 && otherChunks == 0)
    }

    @Test("an existing file is never written over, whether it was there first or appeared meanwhile")
    func neverOverwrites() throws {
        let path = temporaryPath("writer.lz4")
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: Data("mine".utf8))
        #expect(throws: TraceError.self) { try TraceFileWriter(path: path) }
        try FileManager.default.removeItem(atPath: path)

        let writer = try TraceFileWriter(path: path)
        FileManager.default.createFile(atPath: path, contents: Data("mine".utf8))
        #expect(!writer.append(chunk: Self.header))
        #expect(writer.failure?.contains("exists") == true, "\(writer.failure ?? "")")
        writer.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("mine".utf8))
    }
}
