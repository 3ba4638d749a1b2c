/// A fast, seedable 64-bit hash of byte strings and integers.
///
/// Used for hash tables inside the engine (interning, group-by, joins),
/// never persisted: the function may change between versions.
@usableFromInline
enum ByteHash {
    @usableFromInline static let p0: UInt64 = 0xa076_1d64_78bd_642f
    @usableFromInline static let p1: UInt64 = 0xe703_7ed1_a0b4_28db
    @usableFromInline static let p2: UInt64 = 0x8ebc_6af0_9c88_c6e3

    @inlinable @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let r = a.multipliedFullWidth(by: b)
        return r.high ^ r.low
    }

    /// Hash of a 64-bit key (integers, packed group keys, float bit patterns).
    @inlinable @inline(__always)
    static func hash(_ key: UInt64) -> UInt64 {
        mix(key ^ p0, p1 ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// Hash of a byte string.
    @inlinable
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = p2 ^ UInt64(truncatingIfNeeded: bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = mix(h ^ w, p1)
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            h = mix(h ^ tail, p0)
        }
        return mix(h, p2)
    }
}
