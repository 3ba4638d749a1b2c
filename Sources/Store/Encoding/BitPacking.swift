/// Fixed-width bit packing of unsigned integers, least significant bit first.
///
/// Value `i` of width `w` occupies bits `i*w ..< (i+1)*w` of the packed byte
/// stream. Eight zero bytes of padding follow the packed bits so that every
/// value can be read with one unaligned 64-bit load (plus one byte for widths
/// above 56): decoding has no per-bit loop and no branch per value.
enum _BitPacking {
    /// Widest value a single unaligned 64-bit load can extract at any bit offset.
    static let singleLoadWidth = 56

    /// The number of bits needed to represent `maximum` (0 for 0).
    @inline(__always)
    static func bitWidth(_ maximum: UInt64) -> Int { 64 - maximum.leadingZeroBitCount }

    /// Bytes taken by `count` values of `width` bits, padding included.
    @inline(__always)
    static func byteCount(count: Int, width: Int) -> Int { ((count * width + 7) >> 3) + 8 }

    @inline(__always)
    static func mask(_ width: Int) -> UInt64 { width >= 64 ? ~0 : (1 << UInt64(width)) &- 1 }

    /// Packs `values` (each below `1 << width`) into `out`.
    /// - Parameters:
    ///   - out: zeroed memory of at least ``byteCount(count:width:)`` bytes.
    static func pack(_ values: UnsafeBufferPointer<UInt64>, width: Int, into out: UnsafeMutableRawPointer) {
        pack(count: values.count, width: width, into: out) { values[$0] }
    }

    /// Packs `value(0) ..< value(count)` (each below `1 << width`) into `out`:
    /// values worked out as they are packed need no array of their own.
    /// - Parameters:
    ///   - out: zeroed memory of at least ``byteCount(count:width:)`` bytes.
    @inline(__always)
    static func pack(count: Int, width: Int, into out: UnsafeMutableRawPointer, _ value: (Int) -> UInt64) {
        guard width > 0 else { return }
        let m = mask(width)
        // Bits gather in a register and go out a whole word at a time: no
        // load-store round trip through memory per value. The bytes are the
        // same as OR-ing each value in place (the memory starts zeroed).
        var word: UInt64 = 0
        var filled = 0
        var p = out
        for i in 0..<count {
            let v = value(i) & m
            word |= v &<< UInt64(filled)
            filled &+= width
            if filled >= 64 {
                p.storeBytes(of: word.littleEndian, as: UInt64.self)
                p += 8
                filled &-= 64
                // The bits of `v` that did not fit start the next word.
                word = filled == 0 ? 0 : v &>> UInt64(width &- filled)
            }
        }
        if filled > 0 { p.storeBytes(of: word.littleEndian, as: UInt64.self) }
    }

    @inline(__always)
    static func narrow(_ src: UnsafeRawPointer, _ bit: Int, _ m: UInt64) -> UInt64 {
        (UInt64(littleEndian: (src + (bit >> 3)).loadUnaligned(as: UInt64.self)) &>> UInt64(bit & 7)) & m
    }

    @inline(__always)
    static func wide(_ src: UnsafeRawPointer, _ bit: Int, _ m: UInt64) -> UInt64 {
        let p = src + (bit >> 3)
        let shift = UInt64(bit & 7)
        let lo = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)) &>> shift
        let hi = (UInt64(p.load(fromByteOffset: 8, as: UInt8.self)) << 1) &<< (63 &- shift)
        return (lo | hi) & m
    }

    /// Unpacks `count` values and stores `value + adding` (wrapping) into `out`.
    static func unpack<T: FixedWidthInteger & UnsignedInteger>(
        _ src: UnsafeRawPointer, count: Int, width: Int, adding: UInt64, into out: UnsafeMutablePointer<T>
    ) {
        if width == 0 {
            out.update(repeating: T(truncatingIfNeeded: adding), count: count)
            return
        }
        let m = mask(width)
        var bit = 0
        if width <= singleLoadWidth {
            // Groups of 8 values span whole bytes: their loads need no running bit offset.
            let whole = count & ~7
            if width == 1, T.self == UInt8.self, adding < 255 {
                _unpackFlags(src, count: whole, adding: UInt8(adding), into: UnsafeMutableRawPointer(out))
            } else if width <= 8 {
                _unpackShort(src, count: whole, width: width, adding: adding, into: out)
            } else {
                _unpackGroups(src, count: whole, width: width, adding: adding, into: out)
            }
            bit = whole &* width
            for i in whole..<count {
                out[i] = T(truncatingIfNeeded: narrow(src, bit, m) &+ adding)
                bit &+= width
            }
        } else {
            for i in 0..<count {
                out[i] = T(truncatingIfNeeded: wide(src, bit, m) &+ adding)
                bit &+= width
            }
        }
    }

    /// Values of at most 8 bits, `count` a multiple of 8: the 8 values of each
    /// group come from one word at the group's first byte (8 × width bits
    /// are whole bytes), with no running bit offset between them.
    @inline(__always)
    static func _unpackShort<T: FixedWidthInteger & UnsignedInteger>(
        _ src: UnsafeRawPointer, count: Int, width: Int, adding: UInt64, into out: UnsafeMutablePointer<T>
    ) {
        let m = mask(width), w = UInt64(width)
        var p = src
        var o = out
        for _ in 0..<(count >> 3) {
            let word = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
            o[0] = T(truncatingIfNeeded: (word & m) &+ adding)
            o[1] = T(truncatingIfNeeded: ((word &>> w) & m) &+ adding)
            o[2] = T(truncatingIfNeeded: ((word &>> (2 &* w)) & m) &+ adding)
            o[3] = T(truncatingIfNeeded: ((word &>> (3 &* w)) & m) &+ adding)
            o[4] = T(truncatingIfNeeded: ((word &>> (4 &* w)) & m) &+ adding)
            o[5] = T(truncatingIfNeeded: ((word &>> (5 &* w)) & m) &+ adding)
            o[6] = T(truncatingIfNeeded: ((word &>> (6 &* w)) & m) &+ adding)
            o[7] = T(truncatingIfNeeded: ((word &>> (7 &* w)) & m) &+ adding)
            p += width
            o += 8
        }
    }

    /// Values of 9 to 56 bits, `count` a multiple of 8: a group of 8 values
    /// spans whole bytes, so each value's byte offset and shift within its
    /// group are the same in every group, worked out once.
    @inline(__always)
    static func _unpackGroups<T: FixedWidthInteger & UnsignedInteger>(
        _ src: UnsafeRawPointer, count: Int, width: Int, adding: UInt64, into out: UnsafeMutablePointer<T>
    ) {
        let m = mask(width)
        let (b0, b1, b2, b3) = (0, width >> 3, (2 &* width) >> 3, (3 &* width) >> 3)
        let (b4, b5, b6, b7) = ((4 &* width) >> 3, (5 &* width) >> 3, (6 &* width) >> 3, (7 &* width) >> 3)
        let (s1, s2, s3) = (UInt64(width & 7), UInt64((2 &* width) & 7), UInt64((3 &* width) & 7))
        let (s4, s5, s6, s7) = (UInt64((4 &* width) & 7), UInt64((5 &* width) & 7), UInt64((6 &* width) & 7), UInt64((7 &* width) & 7))
        @inline(__always) func load(_ p: UnsafeRawPointer, _ byte: Int) -> UInt64 {
            UInt64(littleEndian: (p + byte).loadUnaligned(as: UInt64.self))
        }
        var p = src
        var o = out
        for _ in 0..<(count >> 3) {
            o[0] = T(truncatingIfNeeded: (load(p, b0) & m) &+ adding)
            o[1] = T(truncatingIfNeeded: ((load(p, b1) &>> s1) & m) &+ adding)
            o[2] = T(truncatingIfNeeded: ((load(p, b2) &>> s2) & m) &+ adding)
            o[3] = T(truncatingIfNeeded: ((load(p, b3) &>> s3) & m) &+ adding)
            o[4] = T(truncatingIfNeeded: ((load(p, b4) &>> s4) & m) &+ adding)
            o[5] = T(truncatingIfNeeded: ((load(p, b5) &>> s5) & m) &+ adding)
            o[6] = T(truncatingIfNeeded: ((load(p, b6) &>> s6) & m) &+ adding)
            o[7] = T(truncatingIfNeeded: ((load(p, b7) &>> s7) & m) &+ adding)
            p += width
            o += 8
        }
    }

    /// One-bit values into bytes, `count` a multiple of 8: each packed byte
    /// becomes its 8 output bytes through a 256-entry table, plus `adding`
    /// in every byte (below 255, so no byte carries into the next).
    static func _unpackFlags(_ src: UnsafeRawPointer, count: Int, adding: UInt8, into out: UnsafeMutableRawPointer) {
        let bias = UInt64(adding) &* 0x0101_0101_0101_0101
        _flagBytes.withUnsafeBufferPointer { table in
            for g in 0..<(count >> 3) {
                let bytes = table[Int(src.load(fromByteOffset: g, as: UInt8.self))] &+ bias
                (out + g &* 8).storeBytes(of: bytes.littleEndian, as: UInt64.self)
            }
        }
    }

    /// Byte `b` spread over 8 bytes, bit `j` of `b` in byte `j` (little-endian).
    private static let _flagBytes: [UInt64] = (0..<256).map { (b: Int) -> UInt64 in
        var word: UInt64 = 0
        for j in 0..<8 where b & (1 << j) != 0 { word |= 1 << UInt64(8 * j) }
        return word
    }

    /// Unpacks `count - 1` deltas and rebuilds `count` values by a running sum
    /// from `first`, storing `value - base` (wrapping) into `out`.
    static func unpackDeltas<T: FixedWidthInteger & UnsignedInteger>(
        _ src: UnsafeRawPointer, count: Int, width: Int, first: UInt64, minDelta: UInt64, base: UInt64,
        into out: UnsafeMutablePointer<T>
    ) {
        guard count > 0 else { return }
        var v = first
        out[0] = T(truncatingIfNeeded: v &- base)
        let m = mask(width)
        var bit = 0
        if width == 0 {
            for i in 1..<count {
                v &+= minDelta
                out[i] = T(truncatingIfNeeded: v &- base)
            }
        } else if width <= singleLoadWidth {
            for i in 1..<count {
                v &+= minDelta &+ narrow(src, bit, m)
                out[i] = T(truncatingIfNeeded: v &- base)
                bit &+= width
            }
        } else {
            for i in 1..<count {
                v &+= minDelta &+ wide(src, bit, m)
                out[i] = T(truncatingIfNeeded: v &- base)
                bit &+= width
            }
        }
    }

    /// Unpacks `count` indices (width at most 8) and maps each through `table`,
    /// which must hold `1 << width` entries so no index can fall outside it.
    static func unpackLookup<T: FixedWidthInteger & UnsignedInteger>(
        _ src: UnsafeRawPointer, count: Int, width: Int, table: UnsafePointer<T>, into out: UnsafeMutablePointer<T>
    ) {
        precondition(width <= 8)
        if width == 0 {
            out.update(repeating: table[0], count: count)
            return
        }
        let m = mask(width)
        var bit = 0
        for i in 0..<count {
            out[i] = table[Int(truncatingIfNeeded: narrow(src, bit, m))]
            bit &+= width
        }
    }
}
