/// Bounds-checked little-endian reading of a blob.
struct _ByteReader {
    let buffer: UnsafeRawBufferPointer
    private(set) var position = 0

    init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    var remaining: Int { buffer.count - position }

    mutating func need(_ n: Int) throws {
        guard n >= 0, n <= remaining else { throw _FormatError(reason: "the data ends early") }
    }

    mutating func u8() throws -> UInt8 {
        try need(1)
        defer { position += 1 }
        return buffer[position]
    }

    mutating func u32() throws -> UInt32 {
        try need(4)
        defer { position += 4 }
        return UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }

    mutating func u64() throws -> UInt64 {
        try need(8)
        defer { position += 8 }
        return UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    }

    mutating func i64() throws -> Int64 { Int64(bitPattern: try u64()) }

    /// The next `n` bytes, without copying.
    mutating func bytes(_ n: Int) throws -> UnsafeRawBufferPointer {
        try need(n)
        defer { position += n }
        return UnsafeRawBufferPointer(rebasing: buffer[position..<(position + n)])
    }

    /// Checks the xxHash64 trailer over all preceding bytes and returns the
    /// buffer without it.
    static func verifiedPayload(_ blob: UnsafeRawBufferPointer) throws -> (payload: UnsafeRawBufferPointer, checksum: UInt64) {
        guard blob.count >= 8 else { throw _FormatError(reason: "the data is too short") }
        let body = UnsafeRawBufferPointer(rebasing: blob[0..<(blob.count - 8)])
        let stored = UInt64(littleEndian: blob.loadUnaligned(fromByteOffset: blob.count - 8, as: UInt64.self))
        let actual = _XXHash64.hash(body)
        guard stored == actual else { throw _FormatError(reason: "its checksum does not match its contents") }
        return (body, stored)
    }
}
