/// Ids by address (never 0): an open-addressing table with linear probing
/// and Fibonacci hashing, for the lookups the recorder makes per event —
/// code objects by address from 3.14 (``CodeIdTable``), C functions by their
/// `PyMethodDef` (``CFunctionRegistry``). A hit is a multiply, a shift and,
/// nearly always, one compare: no allocation, no lock, no Python API.
///
/// Its fields are plain integers (the arrays' addresses among them), so a
/// table in a static variable has a constant initial value and its lookups
/// pay no lazy-initialisation check. The owner holds the GIL for every call;
/// only inserts allocate (the arrays grow at half full), and removals move
/// later entries of a probe run back, so lookups never meet tombstones.
struct AddressTable {
    private var keysAddress: UInt = 0
    private var idsAddress: UInt = 0
    /// log2 of the capacity; 0 before the first insert.
    private var bits = 0
    private var count = 0

    private var keys: UnsafeMutablePointer<UInt> {
        @inline(__always) get { UnsafeMutablePointer(bitPattern: keysAddress).unsafelyUnwrapped }
    }
    private var ids: UnsafeMutablePointer<UInt32> {
        @inline(__always) get { UnsafeMutablePointer(bitPattern: idsAddress).unsafelyUnwrapped }
    }
    private var mask: Int { (1 << bits) - 1 }

    /// The id stored for `address`, or 0.
    @inline(__always)
    func id(_ address: UInt) -> UInt32 {
        guard _fastPath(bits != 0) else { return 0 }
        var i = slot(address)
        while true {
            let key = keys[i]
            if _fastPath(key == address) { return ids[i] }
            if key == 0 { return 0 }
            i = (i &+ 1) & mask
        }
    }

    /// Stores `id` for `address`, replacing what was there.
    mutating func insert(_ address: UInt, _ id: UInt32) {
        if (count + 1) * 2 > 1 << bits { grow() }
        var i = slot(address)
        while keys[i] != 0 && keys[i] != address { i = (i + 1) & mask }
        if keys[i] == 0 { count += 1 }
        keys[i] = address
        ids[i] = id
    }

    /// Forgets `address`, if it is there.
    mutating func remove(_ address: UInt) {
        guard count > 0 else { return }
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
            // The entry at j may fill the hole unless its home slot lies
            // cyclically within (hole, j].
            let home = slot(key)
            let stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j)
            if !stays {
                keys[hole] = key
                ids[hole] = ids[j]
                hole = j
            }
        }
        keys[hole] = 0
        count -= 1
    }

    /// Forgets every address, keeping the memory.
    mutating func removeAll() {
        if bits != 0 { keys.update(repeating: 0, count: 1 << bits) }
        count = 0
    }

    @inline(__always)
    private func slot(_ address: UInt) -> Int {
        Int(truncatingIfNeeded: (address &* 0x9E37_79B9_7F4A_7C15) &>> UInt(64 - bits))
    }

    private mutating func grow() {
        let old = bits == 0 ? nil : (keys, ids, 1 << bits)
        bits = max(8, bits + 1)
        let newKeys = UnsafeMutablePointer<UInt>.allocate(capacity: 1 << bits)
        newKeys.initialize(repeating: 0, count: 1 << bits)
        keysAddress = UInt(bitPattern: newKeys)
        idsAddress = UInt(bitPattern: UnsafeMutablePointer<UInt32>.allocate(capacity: 1 << bits))
        count = 0
        guard let (oldKeys, oldIds, oldCapacity) = old else { return }
        for i in 0..<oldCapacity where oldKeys[i] != 0 { insert(oldKeys[i], oldIds[i]) }
        oldKeys.deallocate()
        oldIds.deallocate()
    }
}
