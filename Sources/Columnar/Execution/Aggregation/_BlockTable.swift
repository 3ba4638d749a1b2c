/// An open-addressing hash table from (group, block key) to dense block
/// numbers 0, 1, 2… in insertion order: the index of
/// ``BlockDistinctCountState``'s bitmap blocks.
struct _BlockTable {
    private var groups: [UInt32]
    private var keys: [UInt64]
    /// Block number + 1 per slot; 0 marks an empty slot.
    private var slots: [Int32]
    private var mask: Int
    /// (group, key) of each block, in block order.
    private var entries: [(group: UInt32, key: UInt64)] = []

    init() {
        let size = 64
        groups = [UInt32](repeating: 0, count: size)
        keys = [UInt64](repeating: 0, count: size)
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    /// Blocks in the table.
    var count: Int { entries.count }

    @inline(__always)
    private static func slot(_ group: UInt32, _ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: ByteHash.hash(key &+ UInt64(group) &* 0x9E37_79B9_7F4A_7C15)) & mask
    }

    /// The block of (group, key), creating it when new.
    /// - Returns: the block number and whether it was created.
    mutating func block(group: UInt32, key: UInt64) -> (Int32, Bool) {
        var i = Self.slot(group, key, mask)
        while true {
            let s = slots[i]
            if s == 0 {
                let block = Int32(entries.count)
                slots[i] = block + 1
                groups[i] = group
                keys[i] = key
                entries.append((group, key))
                if entries.count * 2 > slots.count { grow() }
                return (block, true)
            }
            if keys[i] == key, groups[i] == group { return (s - 1, false) }
            i = (i + 1) & mask
        }
    }

    /// Calls `body` with every block's group, key and number, in block order.
    func forEach(_ body: (UInt32, UInt64, Int32) -> Void) {
        for (block, e) in entries.enumerated() { body(e.group, e.key, Int32(block)) }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newGroups = [UInt32](repeating: 0, count: size)
        var newKeys = [UInt64](repeating: 0, count: size)
        var newSlots = [Int32](repeating: 0, count: size)
        let newMask = size - 1
        for (block, e) in entries.enumerated() {
            var i = Self.slot(e.group, e.key, newMask)
            while newSlots[i] != 0 { i = (i + 1) & newMask }
            newSlots[i] = Int32(block) + 1
            newGroups[i] = e.group
            newKeys[i] = e.key
        }
        groups = newGroups
        keys = newKeys
        slots = newSlots
        mask = newMask
    }
}
