/// xxHash64, written from Yann Collet's published specification
/// (https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md).
///
/// Every segment and dictionary chunk carries one over its bytes; it is
/// checked on every load so a damaged file is reported, never decoded.
enum _XXHash64 {
    static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always)
    static func round(_ acc: UInt64, _ lane: UInt64) -> UInt64 {
        var a = acc &+ lane &* prime2
        a = (a << 31) | (a >> 33)
        return a &* prime1
    }

    @inline(__always)
    static func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 {
        (acc ^ round(0, v)) &* prime1 &+ prime4
    }

    @inline(__always)
    static func load64(_ p: UnsafeRawBufferPointer, _ i: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
    }

    @inline(__always)
    static func load32(_ p: UnsafeRawBufferPointer, _ i: Int) -> UInt64 {
        UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
    }

    /// The hash of `input` with `seed`.
    static func hash(_ input: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let n = input.count
        var i = 0
        var acc: UInt64
        if n >= 32 {
            var v1 = seed &+ prime1 &+ prime2
            var v2 = seed &+ prime2
            var v3 = seed
            var v4 = seed &- prime1
            while i + 32 <= n {
                v1 = round(v1, load64(input, i))
                v2 = round(v2, load64(input, i + 8))
                v3 = round(v3, load64(input, i + 16))
                v4 = round(v4, load64(input, i + 24))
                i += 32
            }
            acc = ((v1 << 1) | (v1 >> 63)) &+ ((v2 << 7) | (v2 >> 57))
                &+ ((v3 << 12) | (v3 >> 52)) &+ ((v4 << 18) | (v4 >> 46))
            acc = merge(acc, v1)
            acc = merge(acc, v2)
            acc = merge(acc, v3)
            acc = merge(acc, v4)
        } else {
            acc = seed &+ prime5
        }
        acc = acc &+ UInt64(n)
        while i + 8 <= n {
            acc ^= round(0, load64(input, i))
            acc = ((acc << 27) | (acc >> 37)) &* prime1 &+ prime4
            i += 8
        }
        if i + 4 <= n {
            acc ^= load32(input, i) &* prime1
            acc = ((acc << 23) | (acc >> 41)) &* prime2 &+ prime3
            i += 4
        }
        while i < n {
            acc ^= UInt64(input[i]) &* prime5
            acc = ((acc << 11) | (acc >> 53)) &* prime1
            i += 1
        }
        acc ^= acc >> 33
        acc = acc &* prime2
        acc ^= acc >> 29
        acc = acc &* prime3
        acc ^= acc >> 32
        return acc
    }

    /// The hash of a byte array.
    static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }
}
