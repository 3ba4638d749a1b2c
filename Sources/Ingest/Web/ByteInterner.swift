import Foundation

/// An append-only set of byte strings with dense codes (0, 1, 2… in order of
/// first sight), for the lookups the web ingest makes on every line: the
/// agent, the address-and-agent pair, the path, the query, the referrer host.
///
/// Not `StringDictionary`, although both map bytes to codes: that one is a
/// class shared with readers, so every probe pays dynamic exclusivity checks
/// and reference counting, and its index keeps only codes, so every probe
/// reads the candidate's offsets and bytes. Here the index keeps 32 bits of
/// each entry's hash beside its code, so a probe touches an entry's bytes
/// only when the hashes agree, and the value type's storage is reached
/// without checks.
struct ByteInterner {
    /// The entries' bytes, back to back.
    private var bytes: [UInt8] = []
    /// `offsets[c] ..< offsets[c + 1]` are the bytes of entry `c`.
    private var offsets: [Int] = [0]
    /// Open addressing: 0 is empty, else `hash >> 32 << 32 | (code + 1)`.
    private var slots: [UInt64]

    /// An empty set whose index first holds about `capacity` entries.
    init(capacity: Int = 512) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
    }

    /// The number of entries.
    var count: Int { offsets.count - 1 }

    /// Heap bytes held (entries, offsets, index).
    var memoryFootprint: Int { bytes.capacity + offsets.capacity * 8 + slots.capacity * 8 }

    /// The code of `key`, adding it when absent; `isNew` tells which.
    @inline(__always)
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (code: Int, isNew: Bool) {
        let hash = Self.hash(key)
        let probe = find(key, hash: hash)
        if probe >= 0 { return (probe, false) }
        return (insert(key, hash: hash, slot: -(probe + 1)), true)
    }

    /// Calls `body` with the bytes of entry `code`.
    func withBytes<R>(_ code: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = offsets[code], end = offsets[code + 1]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The entry's code (≥ 0), or `-(slot + 1)` for the empty slot where it would go.
    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        let tag = hash >> 32
        return slots.withUnsafeBufferPointer { slots in
            offsets.withUnsafeBufferPointer { offsets in
                bytes.withUnsafeBufferPointer { all in
                    let mask = slots.count - 1
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while true {
                        let stored = slots[slot]
                        if stored == 0 { return -(slot + 1) }
                        if stored >> 32 == tag {
                            let code = Int(truncatingIfNeeded: stored & 0xFFFF_FFFF) - 1
                            let start = offsets[code]
                            if offsets[code + 1] - start == key.count,
                               key.isEmpty || Self.equal(all.baseAddress! + start, key.baseAddress!, key.count) {
                                return code
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    private mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, slot: Int) -> Int {
        let code = count
        precondition(code < Int(UInt32.max) - 1, "too many distinct values")
        bytes.append(contentsOf: key)
        offsets.append(bytes.count)
        if (code + 1) * 2 > slots.count {
            grow()
        } else {
            slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(code + 1)
        }
        return code
    }

    /// Doubles the index and places every entry again.
    private mutating func grow() {
        var fresh = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = fresh.count - 1
        bytes.withUnsafeBufferPointer { all in
            for code in 0..<count {
                let hash = Self.hash(UnsafeBufferPointer(rebasing: all[offsets[code]..<offsets[code + 1]]))
                var slot = Int(truncatingIfNeeded: hash) & mask
                while fresh[slot] != 0 { slot = (slot + 1) & mask }
                fresh[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(code + 1)
            }
        }
        slots = fresh
    }

    /// Byte equality, inline: the keys are short (a path, a query) or few
    /// (agents), and a call to `memcmp` per probe costs more than the compare.
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
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
