import PyFrameShim

/// Code ids kept beside the code objects rather than in their co_extra slot,
/// from CPython 3.14 on (`PF_CODE_IDS_IN_TABLE`): there a code object with
/// anything in co_extra is not "stateless", and `concurrent.interpreters`
/// refuses to share its function with another interpreter — the program
/// would see `NotShareableError` for every function it had already run.
///
/// The ids live in an ``AddressTable`` keyed by the code object's address; a
/// code watcher removes a code object as CPython frees it, so an address
/// reused by a new code object never finds the old one's id. Everything here
/// runs with the GIL held; only first sightings grow the table.
enum CodeIdTable {
    nonisolated(unsafe) private static var table = AddressTable()
    nonisolated(unsafe) private static var watching = false

    /// Empties the table for a new session (ids are per session) and starts
    /// watching code objects' destruction, once per process.
    static func reset() -> Bool {
        if !watching {
            watching = pf_code_watch_destruction { code in
                if let code { CodeIdTable.table.remove(UInt(bitPattern: code)) }
            } >= 0
        }
        table.removeAll()
        return watching
    }

    /// The id of the code object at `address`, or 0.
    @inline(__always)
    static func id(_ address: UInt) -> UInt32 { table.id(address) }

    /// Gives the code object at `address` its id (a first sighting).
    static func insert(_ address: UInt, id: UInt32) { table.insert(address, id) }
}
