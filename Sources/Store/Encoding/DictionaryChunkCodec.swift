import Columnar

/// The byte layout of one delta of a column's string dictionary: the entries
/// a batch added, in code order.
///
/// ```
/// u8  format version (1)
/// u8  layout: 0 raw bytes, 1 alphabet-packed bytes
/// u32 entry count
/// u32 size of the length section
/// LEB128 byte length of each entry
/// raw:      the entries' bytes back to back
/// alphabet: u8 alphabet size a, a distinct bytes ascending, u8 width,
///           every byte bit-packed as its index in the alphabet
/// u64 xxHash64 of every byte before it
/// ```
/// Keyed visitor hashes are hex or base64 text: packing them by their
/// alphabet halves or quarters the largest dictionary of a hits table.
enum _DictionaryChunkCodec {
    static let version: UInt8 = 1
    static let rawLayout: UInt8 = 0
    static let alphabetLayout: UInt8 = 1

    /// Encodes entries `codes` of `dictionary`.
    static func encode(_ dictionary: StringDictionary, codes: Range<Int>) -> (blob: [UInt8], checksum: UInt64) {
        let (bytes, offsets) = dictionary.parts
        let start = Int(offsets[codes.lowerBound])
        let end = Int(offsets[codes.upperBound])
        var lengths = _ByteWriter(capacity: codes.count * 2)
        for c in codes {
            var n = offsets[c + 1] - offsets[c]
            while n >= 0x80 {
                lengths.append(UInt8(n & 0x7F) | 0x80)
                n >>= 7
            }
            lengths.append(UInt8(n))
        }

        var present = [Bool](repeating: false, count: 256)
        for i in start..<end { present[Int(bytes[i])] = true }
        let alphabet = (0..<256).filter { present[$0] }.map { UInt8($0) }
        let width = alphabet.isEmpty ? 0 : _BitPacking.bitWidth(UInt64(alphabet.count - 1))
        let total = end - start
        let packedSize = 2 + alphabet.count + _BitPacking.byteCount(count: total, width: width)

        var writer = _ByteWriter(capacity: 16 + lengths.count + Swift.min(total, packedSize))
        writer.append(version)
        writer.append(packedSize < total ? alphabetLayout : rawLayout)
        writer.append(UInt32(codes.count))
        writer.append(UInt32(lengths.count))
        lengths.bytes.withUnsafeBytes { writer.append(contentsOf: $0) }
        if packedSize < total {
            var index = [UInt64](repeating: 0, count: 256)
            for (i, b) in alphabet.enumerated() { index[Int(b)] = UInt64(i) }
            let symbols = bytes[start..<end].map { index[Int($0)] }
            writer.append(UInt8(alphabet.count - 1))
            alphabet.withUnsafeBytes { writer.append(contentsOf: $0) }
            writer.append(UInt8(width))
            symbols.withUnsafeBufferPointer { s in
                writer.appendZeroed(_BitPacking.byteCount(count: total, width: width)) { _BitPacking.pack(s, width: width, into: $0) }
            }
        } else {
            bytes.withUnsafeBytes { writer.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
        }
        let checksum = writer.appendChecksum()
        return (writer.bytes, checksum)
    }

    /// Decodes a delta into its entries' bytes and `count + 1` offsets starting at 0.
    /// - Throws: `_FormatError` when the bytes are damaged.
    static func decode(_ blob: UnsafeRawBufferPointer, expectedCount: Int) throws -> (bytes: [UInt8], offsets: [UInt32]) {
        let (payload, _) = try _ByteReader.verifiedPayload(blob)
        var reader = _ByteReader(payload)
        guard try reader.u8() == version else { throw _FormatError(reason: "it has an unknown format version") }
        let layout = try reader.u8()
        let count = Int(try reader.u32())
        guard count == expectedCount else {
            throw _FormatError(reason: "it holds \(count) strings where the catalog records \(expectedCount)")
        }
        let lengths = try reader.bytes(Int(try reader.u32()))
        var offsets = [UInt32](repeating: 0, count: count + 1)
        var p = 0
        var total: UInt64 = 0
        for i in 0..<count {
            var n: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard p < lengths.count, shift < 35 else { throw _FormatError(reason: "its string lengths are damaged") }
                let b = lengths[p]
                p += 1
                n |= UInt64(b & 0x7F) << shift
                shift += 7
                if b & 0x80 == 0 { break }
            }
            total += n
            guard total <= UInt64(UInt32.max) else { throw _FormatError(reason: "its strings exceed 4 GiB") }
            offsets[i + 1] = UInt32(total)
        }
        let size = Int(total)
        switch layout {
        case rawLayout:
            let raw = try reader.bytes(size)
            return (Array(raw), offsets)
        case alphabetLayout:
            let alphabetSize = Int(try reader.u8()) + 1
            var table = [UInt8](repeating: 0, count: 256)
            let alphabet = try reader.bytes(alphabetSize)
            for i in 0..<alphabetSize { table[i] = alphabet[i] }
            let width = Int(try reader.u8())
            guard width <= 8, alphabetSize <= 1 << width else { throw _FormatError(reason: "its alphabet does not fit its width") }
            let packed = try reader.bytes(_BitPacking.byteCount(count: size, width: width))
            let bytes = [UInt8](unsafeUninitializedCapacity: size) { out, initialised in
                table.withUnsafeBufferPointer { t in
                    if size > 0 {
                        _BitPacking.unpackLookup(packed.baseAddress!, count: size, width: width, table: t.baseAddress!, into: out.baseAddress!)
                    }
                }
                initialised = size
            }
            return (bytes, offsets)
        default:
            throw _FormatError(reason: "it names an unknown layout")
        }
    }
}
