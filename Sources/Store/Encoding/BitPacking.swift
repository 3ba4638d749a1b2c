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
            for i in 0..<count {
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
