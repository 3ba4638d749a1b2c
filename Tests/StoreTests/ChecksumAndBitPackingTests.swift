import TestSupport
import Testing
@testable import Store

@Suite struct ChecksumAndBitPackingTests {
    @Test func xxHash64MatchesReferenceVectors() {
        // Reference values from libxxhash 0.8.1.
        #expect(_XXHash64.hash([UInt8]()) == 0xEF46_DB37_51D8_E999)
        #expect(_XXHash64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(_XXHash64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(_XXHash64.hash([UInt8]((0..<100).map { UInt8($0) })) == 0x6AC1_E580_3216_6597)
        let kilobyte = [UInt8]((0..<1024).map { UInt8($0 & 255) })
        #expect(_XXHash64.hash(kilobyte) == 0x6F39_14F1_8FE4_DF57)
        #expect(_XXHash64.hash(kilobyte, seed: 42) == 0x4CB9_B112_11D5_B1A0)
        #expect(_XXHash64.hash([UInt8]("abc".utf8), seed: 42) == 0x13C1_D910_7027_70E6)
    }

    @Test(arguments: [0, 1, 2, 3, 7, 8, 9, 13, 16, 17, 31, 32, 33, 48, 55, 56, 57, 60, 63, 64])
    func bitPackingRoundTripsEveryWidth(width: Int) {
        var rng = SplitMix64(seed: UInt64(width) + 1)
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        for count in [0, 1, 2, 63, 64, 65, 1000, 4097] {
            var values = (0..<count).map { _ in rng.next() & mask }
            if count > 0 { values[0] = mask }
            var packed = [UInt8](repeating: 0, count: _BitPacking.byteCount(count: count, width: width))
            values.withUnsafeBufferPointer { v in
                packed.withUnsafeMutableBytes { _BitPacking.pack(v, width: width, into: $0.baseAddress!) }
            }
            var out = [UInt64](repeating: 0, count: count)
            packed.withUnsafeBytes { p in
                out.withUnsafeMutableBufferPointer { o in
                    if count > 0 { _BitPacking.unpack(p.baseAddress!, count: count, width: width, adding: 0, into: o.baseAddress!) }
                }
            }
            #expect(out == values, "width \(width), count \(count)")
        }
    }

    /// Widths up to 56 unpack 8 values at a time (one-bit flags into bytes by table):
    /// compared with the value each bit range holds, plus the offset, into narrow outputs.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16])
    func shortWidthsUnpackIntoNarrowIntegers(width: Int) {
        var rng = SplitMix64(seed: UInt64(width) * 7919)
        let mask = (UInt64(1) << UInt64(width)) - 1
        for count in [1, 7, 8, 9, 15, 16, 17, 1000, 65_536 + 3] {
            let values = (0..<count).map { _ in rng.next() & mask }
            var packed = [UInt8](repeating: 0, count: _BitPacking.byteCount(count: count, width: width))
            values.withUnsafeBufferPointer { v in
                packed.withUnsafeMutableBytes { _BitPacking.pack(v, width: width, into: $0.baseAddress!) }
            }
            for adding in [UInt64(0), 1, 200, 254, 255, 1000] {
                var bytes = [UInt8](repeating: 0, count: count)
                var shorts = [UInt16](repeating: 0, count: count)
                packed.withUnsafeBytes { p in
                    bytes.withUnsafeMutableBufferPointer { _BitPacking.unpack(p.baseAddress!, count: count, width: width, adding: adding, into: $0.baseAddress!) }
                    shorts.withUnsafeMutableBufferPointer { _BitPacking.unpack(p.baseAddress!, count: count, width: width, adding: adding, into: $0.baseAddress!) }
                }
                #expect(bytes == values.map { UInt8(truncatingIfNeeded: $0 + adding) }, "width \(width), count \(count), adding \(adding)")
                #expect(shorts == values.map { UInt16(truncatingIfNeeded: $0 + adding) }, "width \(width), count \(count), adding \(adding)")
            }
        }
    }

    @Test func deltaUnpackRebuildsRunningSums() {
        let values: [Int64] = [Int64.min, Int64.max, 0, -5, 1_000_000_000_000, 7]
        var writer = _ByteWriter()
        _ = values.withUnsafeBufferPointer { _IntegerCodec.encode($0, into: &writer) }
        writer.bytes.withUnsafeBytes { raw in
            var reader = _ByteReader(raw)
            let header = try! _IntegerCodec.readHeader(&reader)
            var out = [UInt64](repeating: 0, count: values.count)
            out.withUnsafeMutableBufferPointer { o in
                try! _IntegerCodec.decode(header, &reader, count: values.count, base: 0, into: o.baseAddress!)
            }
            #expect(out.map { Int64(bitPattern: $0) } == values)
        }
    }
}
