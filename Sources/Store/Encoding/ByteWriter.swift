/// Little-endian serialisation into a growing byte array.
struct _ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    mutating func append(_ v: UInt8) { bytes.append(v) }

    /// Overwrites one byte already written (a header field known only at the end).
    mutating func set(_ v: UInt8, at offset: Int) { bytes[offset] = v }

    mutating func append(_ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ v: Int64) { append(UInt64(bitPattern: v)) }

    mutating func append(contentsOf raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }

    /// Appends `count` zero bytes and lets `body` fill them in place.
    mutating func appendZeroed(_ count: Int, _ body: (UnsafeMutableRawPointer) -> Void) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBytes { body($0.baseAddress! + start) }
    }

    /// Appends the xxHash64 of everything written so far: the trailer every blob ends with.
    mutating func appendChecksum() -> UInt64 {
        let h = _XXHash64.hash(bytes)
        append(h)
        return h
    }
}
