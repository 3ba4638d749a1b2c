/// An open-addressing hash map from 64-bit keys to dense ordinals 0, 1, 2…
/// assigned in insertion order. The workhorse of hashed group keys,
/// distinct counts and joins on integers.
struct IntegerMap {
    private var keys: [UInt64]
    /// Ordinal + 1 per slot; 0 marks an empty slot.
    private var slots: [UInt32]
    private var mask: Int
    /// Keys in ordinal order.
    private(set) var ordered: [UInt64] = []

    init(capacity: Int = 64) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        slots = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { ordered.count }

    /// The ordinal of `key`, inserting it when new.
    @inline(__always)
    mutating func ordinal(of key: UInt64) -> UInt32 {
        var i = Int(truncatingIfNeeded: ByteHash.hash(key)) & mask
        while true {
            let s = slots[i]
            if s == 0 {
                let ordinal = UInt32(ordered.count)
                slots[i] = ordinal + 1
                keys[i] = key
                ordered.append(key)
                if ordered.count * 2 > slots.count { grow() }
                return ordinal
            }
            if keys[i] == key { return s - 1 }
            i = (i + 1) & mask
        }
    }

    /// The ordinal of `key` when present.
    @inline(__always)
    func find(_ key: UInt64) -> UInt32? {
        var i = Int(truncatingIfNeeded: ByteHash.hash(key)) & mask
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if keys[i] == key { return s - 1 }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newKeys = [UInt64](repeating: 0, count: size)
        var newSlots = [UInt32](repeating: 0, count: size)
        let newMask = size - 1
        for (ordinal, key) in ordered.enumerated() {
            var i = Int(truncatingIfNeeded: ByteHash.hash(key)) & newMask
            while newSlots[i] != 0 { i = (i + 1) & newMask }
            newSlots[i] = UInt32(ordinal) + 1
            newKeys[i] = key
        }
        keys = newKeys
        slots = newSlots
        mask = newMask
    }
}

/// Hashable 64-bit images of values: integers and timestamps by bit
/// pattern, floats normalised so that -0.0 = 0.0 and every NaN is one key,
/// bools as 0/1, strings as dictionary codes.
enum ValueBits {
    @inline(__always)
    static func of(_ v: Vector, _ i: Int) -> UInt64 {
        switch v.type {
        case .int64, .timestamp, .date: UInt64(bitPattern: v.ints[i])
        case .float64: float(v.floats[i])
        case .bool: UInt64(v.bools[i] & 1)
        case .string: UInt64(v.codes[i])
        }
    }

    @inline(__always)
    static func float(_ d: Double) -> UInt64 {
        if d.isNaN { return Double.nan.bitPattern }
        return d == 0 ? 0 : d.bitPattern
    }
}
