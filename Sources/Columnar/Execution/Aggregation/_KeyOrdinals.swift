/// Dense ordinals 0, 1, 2… for the 64-bit images of a hashed GROUP BY key,
/// in the order keys are first seen.
///
/// Keys handed out in sequence — visit ids, row numbers — cluster: rows
/// near each other carry keys near each other. Such keys are numbered
/// through 4096-key blocks (a small hash table finds the block, an array
/// holds the block's ordinals), so a row costs a compare and a load rather
/// than a probe into a table of millions. When the keys turn out scattered
/// (fewer than ``minimumDensity`` per block) the ordinals move, unchanged,
/// to an ``IntegerMap``.
struct _KeyOrdinals {
    static let blockShift: UInt64 = 12
    static let blockSize = 1 << 12
    /// Keys per block on average below which blocks cost more than hashing.
    static let minimumDensity = 16
    /// Blocks allowed before density is judged.
    static let freeBlocks = 256

    private var blocks = _BlockTable()
    /// Ordinal + 1 per key of each block, ``blockSize`` per block; 0 = unseen.
    private var slots: [UInt32] = []
    private var blockOrdered: [UInt64] = []
    private var lastHigh: UInt64 = .max
    private var lastBlock = 0
    /// The map the ordinals moved to once the keys proved scattered.
    private var hashed: IntegerMap?

    var count: Int { hashed?.count ?? blockOrdered.count }

    /// The key numbered `ordinal`.
    func key(_ ordinal: Int) -> UInt64 { hashed?.ordered[ordinal] ?? blockOrdered[ordinal] }

    /// The ordinal of `key`, numbering it when new.
    @inline(__always)
    mutating func ordinal(of key: UInt64) -> UInt32 {
        if hashed != nil { return hashed!.ordinal(of: key) }
        let high = key >> Self.blockShift
        if high != lastHigh {
            let (block, isNew) = blocks.block(group: 0, key: high)
            if isNew {
                slots += repeatElement(0, count: Self.blockSize)
                if blocks.count > Self.freeBlocks, blockOrdered.count < blocks.count * Self.minimumDensity {
                    scatter()
                    return hashed!.ordinal(of: key)
                }
            }
            lastHigh = high
            lastBlock = Int(block)
        }
        let i = lastBlock << Self.blockShift | Int(truncatingIfNeeded: key & UInt64(Self.blockSize - 1))
        let s = slots[i]
        if s != 0 { return s - 1 }
        let o = UInt32(blockOrdered.count)
        blockOrdered.append(key)
        slots[i] = o + 1
        return o
    }

    /// Moves the ordinals to a hash map: inserted in ordinal order, each key keeps its ordinal.
    private mutating func scatter() {
        var map = IntegerMap(capacity: blockOrdered.count)
        for key in blockOrdered { _ = map.ordinal(of: key) }
        hashed = map
        blocks = _BlockTable()
        slots = []
        blockOrdered = []
    }
}
