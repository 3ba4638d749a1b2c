import CProcessor

/// A ``ByteInterner`` for values looked up on every line among many distinct
/// ones (paths): each slot is one 64-byte cache line that holds the value's
/// hash, code, the caller's value and, for values of up to 40 bytes, the
/// bytes themselves, so that a lookup reads one line where ``ByteInterner``
/// reads its index slot and then its entry (two dependent cache misses for
/// a value not looked up lately). Longer values are kept apart and compared
/// there.
///
/// It takes about twice the memory per value of ``ByteInterner`` (a slot of
/// 64 bytes, at most half of them in use), so it is kept for the column
/// whose lookups miss the cache. The slots are memory of its own, aligned to
/// cache lines: a copy of an interner shares it, so an interner is kept in
/// one place and mutated there.
struct InlineInterner {
    private struct Slot {
        /// The value's hash with its lowest bit set; 0 for an empty slot.
        var hash: UInt64
        var value: UInt64
        var code: UInt32
        var length: UInt32
        /// The value's bytes, zero-padded, when it has at most 40; else its offset in `long`.
        var bytes: (UInt64, UInt64, UInt64, UInt64, UInt64)
    }

    /// The longest value kept in its slot.
    static let inlineBytes = 40

    private var memory: _CacheLineMemory
    private var slots: UnsafeMutablePointer<Slot>
    private var capacity: Int
    /// The values longer than ``inlineBytes``, back to back.
    private var long: [UInt8] = []
    private(set) var count = 0
    /// Where the bytes lie in a slot.
    private let bytesOffset = MemoryLayout<Slot>.offset(of: \Slot.bytes)!

    /// An empty set whose slots first hold about `capacity` values.
    init(capacity: Int = 512) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        self.capacity = size
        memory = _CacheLineMemory(bytes: size * MemoryLayout<Slot>.stride)
        slots = memory.base.bindMemory(to: Slot.self, capacity: size)
    }

    /// What a lookup found, as ``ByteInterner/Entry``.
    struct Entry {
        /// The value's code (0, 1, 2… in order of first sight).
        var code: Int
        /// Whether the value was added by this lookup (its stored value is then 0 until set).
        var isNew: Bool
        /// The value stored with it (``setValue(_:of:)``).
        var value: UInt64
        /// Its slot; valid until the next lookup.
        fileprivate var slot: Int
    }

    /// The entry of `key`, added when absent.
    @inline(__always)
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Entry {
        intern(key, hash: ByteInterner.hash(key))
    }

    /// The entry of `key`, whose ``ByteInterner/hash(_:)`` is `keyHash` (worked out ahead), added when absent.
    @inline(__always)
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>, hash keyHash: UInt64) -> Entry {
        let hash = keyHash | 1
        let mask = capacity - 1
        var slot = Int(truncatingIfNeeded: hash >> 1) & mask
        while true {
            let s = slots + slot
            let stored = s.pointee.hash
            if stored == 0 { break }
            if stored == hash, s.pointee.length == key.count, matches(s, key) {
                return Entry(code: Int(s.pointee.code), isNew: false, value: s.pointee.value, slot: slot)
            }
            slot = (slot + 1) & mask
        }
        return insert(key, hash: hash)
    }

    /// Starts bringing in the slot where the search for a value whose
    /// ``ByteInterner/hash(_:)`` is `keyHash` begins.
    @inline(__always)
    func prefetch(hash keyHash: UInt64) {
        chm_prefetch(slots + (Int(truncatingIfNeeded: (keyHash | 1) >> 1) & (capacity - 1)))
    }

    /// Stores `value` with an entry, for later lookups of it to return.
    @inline(__always)
    mutating func setValue(_ value: UInt64, of entry: Entry) {
        slots[entry.slot].value = value
    }

    /// Whether the slot's bytes are `key`'s (lengths already equal).
    @inline(__always)
    private func matches(_ s: UnsafeMutablePointer<Slot>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = key.count
        guard n > 0 else { return true }
        let stored = UnsafeRawPointer(s) + bytesOffset
        if n > Self.inlineBytes {
            let at = Int(stored.load(as: UInt64.self))
            return long.withUnsafeBufferPointer { ByteInterner.equal($0.baseAddress! + at, key.baseAddress!, n) }
        }
        return ByteInterner.equal(stored.assumingMemoryBound(to: UInt8.self), key.baseAddress!, n)
    }

    private mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Entry {
        precondition(count < Int(UInt32.max) && key.count < Int(UInt32.max), "too many or too long values")
        if (count + 1) * 2 > capacity { grow() }
        let mask = capacity - 1
        var slot = Int(truncatingIfNeeded: hash >> 1) & mask
        while slots[slot].hash != 0 { slot = (slot + 1) & mask }
        var fresh = Slot(hash: hash, value: 0, code: UInt32(count), length: UInt32(key.count), bytes: (0, 0, 0, 0, 0))
        if key.count > Self.inlineBytes {
            fresh.bytes.0 = UInt64(long.count)
            long.append(contentsOf: key)
        } else if key.count > 0 {
            withUnsafeMutableBytes(of: &fresh.bytes) { $0.baseAddress!.copyMemory(from: key.baseAddress!, byteCount: key.count) }
        }
        slots[slot] = fresh
        count += 1
        return Entry(code: count - 1, isNew: true, value: 0, slot: slot)
    }

    /// Doubles the slots and places every value again (by its stored hash).
    private mutating func grow() {
        let size = capacity * 2
        let fresh = _CacheLineMemory(bytes: size * MemoryLayout<Slot>.stride)
        let freshSlots = fresh.base.bindMemory(to: Slot.self, capacity: size)
        for i in 0..<capacity where slots[i].hash != 0 {
            var slot = Int(truncatingIfNeeded: slots[i].hash >> 1) & (size - 1)
            while freshSlots[slot].hash != 0 { slot = (slot + 1) & (size - 1) }
            freshSlots[slot] = slots[i]
        }
        memory = fresh
        slots = freshSlots
        capacity = size
    }
}
