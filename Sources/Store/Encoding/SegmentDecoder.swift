import Columnar

/// Turns a stored segment back into in-memory values.
enum _SegmentDecoder {
    /// Decodes a segment after checking its checksum, type and row count.
    /// - Parameters:
    ///   - blob: the stored bytes.
    ///   - type: the column's type from the catalog.
    ///   - rowCount: the row count the catalog records for the segment.
    /// - Throws: `_FormatError` when the bytes are damaged or do not match the catalog.
    static func decode(_ blob: UnsafeRawBufferPointer, type: DataType, rowCount: Int) throws -> _SegmentValues {
        let (payload, _) = try _ByteReader.verifiedPayload(blob)
        var reader = _ByteReader(payload)
        let version = try reader.u8()
        guard version == _SegmentFormat.version else {
            throw _FormatError(reason: "it has format version \(version), which this version of chm does not read")
        }
        guard try reader.u8() == type.rawValue else { throw _FormatError(reason: "its type differs from the catalog's") }
        let flags = try reader.u8()
        _ = try reader.u8()
        let count = Int(try reader.u32())
        guard count == rowCount else {
            throw _FormatError(reason: "it holds \(count) rows where the catalog records \(rowCount)")
        }
        var validity: Bitmap?
        if flags & _SegmentFormat.hasValidity != 0 {
            let words = try reader.bytes(((count + 63) >> 6) * 8)
            validity = Bitmap(words: (0..<((count + 63) >> 6)).map {
                UInt64(littleEndian: words.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))
            }, count: count)
        }

        switch type {
        case .int64, .timestamp, .date:
            let header = try _IntegerCodec.readHeader(&reader)
            let offsets = try _IntegerCodec.decodePacked(header, &reader, count: count, base: header.min,
                                                         maxOffset: UInt64(bitPattern: header.max &- header.min))
            return .chunk(ColumnChunk(type: type, storage: .integers(base: header.min, offsets: offsets), validity: validity))
        case .string:
            let header = try _IntegerCodec.readHeader(&reader)
            guard header.min >= 0, header.max <= Int64(UInt32.max) else {
                throw _FormatError(reason: "its dictionary codes are out of range")
            }
            let codes = try _IntegerCodec.decodePacked(header, &reader, count: count, base: 0, maxOffset: UInt64(header.max))
            return .codes(codes, validity)
        case .bool:
            let header = try _IntegerCodec.readHeader(&reader)
            guard header.min >= 0, header.max <= 1 else { throw _FormatError(reason: "its booleans are not 0 or 1") }
            let bytes = try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
                if count > 0 { try _IntegerCodec.decode(header, &reader, count: count, base: 0, into: buffer.baseAddress!) }
                initialised = count
            }
            return .chunk(ColumnChunk(type: .bool, storage: .booleans(bytes), validity: validity))
        case .float64:
            let floats: [Double]
            if flags & _SegmentFormat.rawFloats != 0 {
                let raw = try reader.bytes(count * 8)
                floats = [Double](unsafeUninitializedCapacity: count) { buffer, initialised in
                    for i in 0..<count {
                        buffer[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)))
                    }
                    initialised = count
                }
            } else if flags & _SegmentFormat.integralFloats != 0 {
                let header = try _IntegerCodec.readHeader(&reader)
                let bits = try [UInt64](unsafeUninitializedCapacity: count) { buffer, initialised in
                    if count > 0 { try _IntegerCodec.decode(header, &reader, count: count, base: 0, into: buffer.baseAddress!) }
                    initialised = count
                }
                floats = bits.map { Double(Int64(bitPattern: $0)) }
            } else {
                throw _FormatError(reason: "it does not say how its floats are stored")
            }
            return .chunk(ColumnChunk(type: .float64, storage: .floats(floats), validity: validity))
        }
    }
}
