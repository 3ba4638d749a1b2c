import Foundation

/// An append-only set of byte strings with dense codes (0, 1, 2… in order of
/// first sight), for the lookups the web ingest makes on every line: the
/// agent, the path, the query, the referrer host, the method.
///
/// Not `StringDictionary`, although both map bytes to codes: that one is a
/// class shared with readers, so every probe pays dynamic exclusivity checks
/// and reference counting, and its index keeps only codes, so a probe reads
/// the index, then the entry's offsets, then its bytes: three cache misses
/// when the values are many. Here an index slot holds 24 bits of the entry's
/// hash and where the entry starts, and the entry keeps its code, its length
/// and a value of the caller's just before its bytes: a probe reads the slot,
/// then the entry only when the hashes agree, and finds there what the caller
/// worked out about the value the first time (its dictionary code, its class).
struct ByteInterner {
    /// The entries, back to back: code (4 bytes), length (4 bytes), the caller's value (8 bytes), the bytes.
    private var entries: [UInt8] = []
    /// Open addressing: 0 is empty, else `hash's top 24 bits << 40 | (entry's offset + 1)`.
    private var slots: [UInt64]
    private(set) var count = 0

    private static let header = 16
    private static let tagMask: UInt64 = 0xFFFF_FF00_0000_0000
    private static let offsetMask: UInt64 = 0x0000_00FF_FFFF_FFFF

    /// An empty set whose index first holds about `capacity` entries.
    init(capacity: Int = 512) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
    }

    /// Heap bytes held (entries and index).
    var memoryFootprint: Int { entries.capacity + slots.capacity * 8 }

    /// What a lookup found.
    struct Entry {
        /// The entry's code.
        var code: Int
        /// Whether the entry was added by this lookup (its value is then 0 until set).
        var isNew: Bool
        /// The value stored with the entry (``setValue(_:of:)``).
        var value: UInt64
        /// Where the entry starts.
        fileprivate var at: Int
    }

    /// The entry of `key`, added when absent.
    @inline(__always)
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Entry {
        intern(key, hash: Self.hash(key))
    }

    /// The entry of `key`, whose ``hash(_:)`` is `hash` (worked out ahead), added when absent.
    @inline(__always)
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Entry {
        let at = find(key, hash: hash)
        if at >= 0 {
            return entries.withUnsafeBytes {
                Entry(code: Int($0.loadUnaligned(fromByteOffset: at, as: UInt32.self)), isNew: false,
                      value: $0.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self), at: at)
            }
        }
        return insert(key, hash: hash, slot: -(at + 1))
    }

    /// Stores `value` with an entry, for later lookups of it to return.
    mutating func setValue(_ value: UInt64, of entry: Entry) {
        entries.withUnsafeMutableBytes { $0.storeBytes(of: value, toByteOffset: entry.at + 8, as: UInt64.self) }
    }

    /// Where the entry starts (≥ 0), or `-(slot + 1)` for the empty slot where it would go.
    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        let tag = hash & Self.tagMask
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBytes { all in
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let stored = slots[slot]
                    if stored == 0 { return -(slot + 1) }
                    if stored & Self.tagMask == tag {
                        let at = Int(truncatingIfNeeded: stored & Self.offsetMask) - 1
                        let length = Int(all.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self))
                        if length == key.count,
                           key.isEmpty || Self.equal(all.baseAddress!.assumingMemoryBound(to: UInt8.self) + at + Self.header, key.baseAddress!, length) {
                            return at
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    private mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, slot: Int) -> Entry {
        let code = count
        precondition(code < Int(UInt32.max) && key.count < Int(UInt32.max), "too many or too long values")
        let at = entries.count
        withUnsafeBytes(of: UInt32(code)) { entries.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(key.count)) { entries.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt64(0)) { entries.append(contentsOf: $0) }
        entries.append(contentsOf: key)
        count += 1
        if count * 2 > slots.count {
            grow()
        } else {
            slots[slot] = (hash & Self.tagMask) | UInt64(at + 1)
        }
        return Entry(code: code, isNew: true, value: 0, at: at)
    }

    /// Doubles the index and places every entry again.
    private mutating func grow() {
        var fresh = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = fresh.count - 1
        entries.withUnsafeBytes { all in
            var at = 0
            while at < all.count {
                let length = Int(all.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self))
                let bytes = UnsafeBufferPointer(start: all.baseAddress!.assumingMemoryBound(to: UInt8.self) + at + Self.header, count: length)
                let hash = Self.hash(bytes)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while fresh[slot] != 0 { slot = (slot + 1) & mask }
                fresh[slot] = (hash & Self.tagMask) | UInt64(at + 1)
                at += Self.header + length
            }
        }
        slots = fresh
    }

    /// Byte equality, inline: the keys are short (a path, a query) or few
    /// (agents), and a call to `memcmp` per probe costs more than the compare.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
        guard n >= 8 else {
            for k in 0..<n where a[k] != b[k] { return false }
            return true
        }
        var i = 0
        while i + 8 < n {
            if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        return x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }

    // A wyhash-style hash: 16 bytes per multiply, the tail read as one overlapping word.
    private static let p0: UInt64 = 0xa076_1d64_78bd_642f
    private static let p1: UInt64 = 0xe703_7ed1_a0b4_28db
    private static let p2: UInt64 = 0x8ebc_6af0_9c88_c6e3

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let r = a.multipliedFullWidth(by: b)
        return r.high ^ r.low
    }

    /// The 64-bit hash of a byte string.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(key)
        let n = raw.count
        var h = p2 ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        while i + 16 <= n {
            h = mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ p0 ^ h,
                    raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self) ^ p1)
            i += 16
        }
        if n - i > 8 {
            h = mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ p0 ^ h,
                    raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) ^ p1)
        } else if n >= 8 {
            h = mix(raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) ^ p0 ^ h, p1)
        } else if n > 0 {
            var tail: UInt64 = 0
            for k in 0..<n { tail |= UInt64(raw[k]) << UInt64(k * 8) }
            h = mix(tail ^ p0 ^ h, p1)
        }
        return mix(h, p2 ^ UInt64(truncatingIfNeeded: n))
    }
}
