import PyFrameShim

/// Code ids kept beside the code objects rather than in their co_extra slot,
/// from CPython 3.14 on (`PF_CODE_IDS_IN_TABLE`): there a code object with
/// anything in co_extra is not "stateless", and `concurrent.interpreters`
/// refuses to share its function with another interpreter — the program
/// would see `NotShareableError` for every function it had already run.
///
/// An open-addressing table keyed by the code object's address, with linear
/// probing: a frame's lookup is a multiply, a shift and, nearly always, one
/// compare. A code watcher removes a code object as CPython frees it, so an
/// address reused by a new code object never finds the old one's id.
/// Everything here runs with the GIL held; only first sightings grow it.
enum CodeIdTable {
    // Addresses of the two arrays, as integers: a constant initial value
    // keeps Swift's lazy-initialisation check off the per-frame path.
    // reset() allocates them before the hook is installed.
    nonisolated(unsafe) private static var keysAddress: UInt = 0
    nonisolated(unsafe) private static var idsAddress: UInt = 0
    private static var keys: UnsafeMutablePointer<UInt> {
        @inline(__always) get { UnsafeMutablePointer(bitPattern: keysAddress).unsafelyUnwrapped }
    }
    private static var ids: UnsafeMutablePointer<UInt32> {
        @inline(__always) get { UnsafeMutablePointer(bitPattern: idsAddress).unsafelyUnwrapped }
    }
    /// log2 of the capacity, and 64 minus it (the hash's shift).
    nonisolated(unsafe) private static var bits = 0
    nonisolated(unsafe) private static var shift: UInt = 64
    nonisolated(unsafe) private static var count = 0
    nonisolated(unsafe) private static var watching = false

    /// Empties the table for a new session (ids are per session) and starts
    /// watching code objects' destruction, once per process.
    static func reset() -> Bool {
        if !watching {
            watching = pf_code_watch_destruction { code in
                if let code { CodeIdTable.remove(UInt(bitPattern: code)) }
            } >= 0
        }
        free(allocate(bits: 12))
        return watching
    }

    /// The id of the code object at `address`, or 0.
    @inline(__always)
    static func id(_ address: UInt) -> UInt32 {
        let mask = (1 &<< bits) &- 1
        var i = slot(address)
        while true {
            let key = keys[i]
            if _fastPath(key == address) { return ids[i] }
            if key == 0 { return 0 }
            i = (i &+ 1) & mask
        }
    }

    /// Gives the code object at `address` its id (a first sighting).
    static func insert(_ address: UInt, id: UInt32) {
        if (count + 1) * 2 > 1 << bits { grow() }
        let mask = (1 << bits) - 1
        var i = slot(address)
        while keys[i] != 0 && keys[i] != address { i = (i + 1) & mask }
        if keys[i] == 0 { count += 1 }
        keys[i] = address
        ids[i] = id
    }

    /// Forgets a code object CPython is freeing. Later entries of its probe
    /// run move back into the hole, so lookups never need tombstones.
    static func remove(_ address: UInt) {
        guard count > 0 else { return }
        let mask = (1 << bits) - 1
        var i = slot(address)
        while keys[i] != address {
            if keys[i] == 0 { return }
            i = (i + 1) & mask
        }
        var hole = i
        var j = i
        while true {
            j = (j + 1) & mask
            let key = keys[j]
            if key == 0 { break }
            // The entry at j may fill the hole if its home slot is not
            // cyclically within (hole, j].
            let home = slot(key)
            let between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j)
            if !between {
                keys[hole] = key
                ids[hole] = ids[j]
                hole = j
            }
        }
        keys[hole] = 0
        count -= 1
    }

    @inline(__always)
    private static func slot(_ address: UInt) -> Int {
        Int(truncatingIfNeeded: (address &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// New empty arrays of 2^`newBits` entries; the old ones are returned
    /// to the caller to free (nil before the first allocation).
    @discardableResult
    private static func allocate(bits newBits: Int) -> (UnsafeMutablePointer<UInt>, UnsafeMutablePointer<UInt32>, Int)? {
        let old = keysAddress == 0 ? nil : (keys, ids, 1 << bits)
        let newKeys = UnsafeMutablePointer<UInt>.allocate(capacity: 1 << newBits)
        newKeys.initialize(repeating: 0, count: 1 << newBits)
        let newIds = UnsafeMutablePointer<UInt32>.allocate(capacity: 1 << newBits)
        newIds.initialize(repeating: 0, count: 1 << newBits)
        keysAddress = UInt(bitPattern: newKeys)
        idsAddress = UInt(bitPattern: newIds)
        bits = newBits
        shift = UInt(64 - newBits)
        count = 0
        return old
    }

    private static func free(_ old: (UnsafeMutablePointer<UInt>, UnsafeMutablePointer<UInt32>, Int)?) {
        guard let (oldKeys, oldIds, _) = old else { return }
        oldKeys.deallocate()
        oldIds.deallocate()
    }

    private static func grow() {
        guard let old = allocate(bits: bits + 1) else { return }
        for i in 0..<old.2 where old.0[i] != 0 { insert(old.0[i], id: old.1[i]) }
        free(old)
    }
}
