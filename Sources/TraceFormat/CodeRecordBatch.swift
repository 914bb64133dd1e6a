/// Code records written one after another as a codes chunk lists them, not
/// yet in a chunk: the recorder queues each first sighting here, already
/// encoded, and the writer thread makes the chunk with ``ChunkWriter/codes(_:)``.
package struct CodeRecordBatch: Sendable {
    /// Records written.
    package private(set) var count = 0
    /// Their bytes, each a length-prefixed record.
    package private(set) var writer = ByteWriter(capacity: 0)

    package init() {}

    package var isEmpty: Bool { count == 0 }

    /// Appends one record (Traces/FORMAT.md, chunk kind 2), its fields in
    /// the format's order: the one encoder of a code record.
    package mutating func append<Source: CodeRecordSource>(_ code: Source) {
        count += 1
        writer.record { r in
            r.varint(UInt64(code.id))
            r.fixed64(code.hash)
            code.write(.filename, to: &r)
            code.write(.qualname, to: &r)
            code.write(.name, to: &r)
            r.varint(UInt64(code.firstLine))
            r.varint(UInt64(code.flags))
            r.varint(UInt64(code.argCount))
            r.varint(UInt64(code.posOnlyArgCount))
            r.varint(UInt64(code.kwOnlyArgCount))
            code.write(.varnames, to: &r)
            code.write(.cellvars, to: &r)
            code.write(.freevars, to: &r)
            code.write(.names, to: &r)
            code.write(.consts, to: &r)
            code.write(.bytecode, to: &r)
            code.write(.lineTable, to: &r)
            code.write(.exceptionTable, to: &r)
        }
    }

    /// Appends every record of `other` (the recorder's per-sighting batch to
    /// the queue the writer takes).
    package mutating func append(contentsOf other: CodeRecordBatch) {
        count += other.count
        writer.raw(other.writer.bytes)
    }

    /// Empties the batch, keeping its storage.
    package mutating func removeAll() {
        count = 0
        writer.removeAll()
    }
}
