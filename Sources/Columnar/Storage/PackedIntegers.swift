/// Unsigned integers stored at the narrowest byte width that holds them.
///
/// The in-memory form of integer, timestamp and dictionary-code columns:
/// an Int64 column keeps `value - base` here, so a status code costs two
/// bytes a row and a path code two, instead of eight.
public enum PackedIntegers: Sendable {
    case uint8([UInt8])
    case uint16([UInt16])
    case uint32([UInt32])
    case uint64([UInt64])

    /// The number of values.
    @inlinable
    public var count: Int {
        switch self {
        case .uint8(let a): a.count
        case .uint16(let a): a.count
        case .uint32(let a): a.count
        case .uint64(let a): a.count
        }
    }

    /// Bytes per value.
    public var width: Int {
        switch self {
        case .uint8: 1
        case .uint16: 2
        case .uint32: 4
        case .uint64: 8
        }
    }

    /// The value at `i`, widened.
    @inlinable
    public subscript(i: Int) -> UInt64 {
        switch self {
        case .uint8(let a): UInt64(a[i])
        case .uint16(let a): UInt64(a[i])
        case .uint32(let a): UInt64(a[i])
        case .uint64(let a): a[i]
        }
    }

    /// Packs `values` at the narrowest width that holds `maximum`.
    public static func pack(_ values: [UInt64], maximum: UInt64) -> PackedIntegers {
        if maximum <= UInt64(UInt8.max) { return .uint8(values.map { UInt8(truncatingIfNeeded: $0) }) }
        if maximum <= UInt64(UInt16.max) { return .uint16(values.map { UInt16(truncatingIfNeeded: $0) }) }
        if maximum <= UInt64(UInt32.max) { return .uint32(values.map { UInt32(truncatingIfNeeded: $0) }) }
        return .uint64(values)
    }

    /// Packs 32-bit values (dictionary codes) at the narrowest width that holds `maximum`.
    public static func pack(codes: [UInt32], maximum: UInt32) -> PackedIntegers {
        if maximum <= UInt32(UInt8.max) { return .uint8(codes.map { UInt8(truncatingIfNeeded: $0) }) }
        if maximum <= UInt32(UInt16.max) { return .uint16(codes.map { UInt16(truncatingIfNeeded: $0) }) }
        return .uint32(codes)
    }

    /// The values as 64-bit integers.
    public var widened: [UInt64] {
        switch self {
        case .uint8(let a): a.map { UInt64($0) }
        case .uint16(let a): a.map { UInt64($0) }
        case .uint32(let a): a.map { UInt64($0) }
        case .uint64(let a): a
        }
    }

    /// Heap bytes of the packed values.
    public var byteCount: Int { count * width }

    /// Concatenates packed arrays, rebasing each part by an offset so that
    /// `result[i] = part[j] + shift[part]`, at the width the maximum needs.
    static func concatenate(_ parts: [(PackedIntegers, UInt64)], maximum: UInt64) -> PackedIntegers {
        var all: [UInt64] = []
        all.reserveCapacity(parts.reduce(0) { $0 + $1.0.count })
        for (part, shift) in parts {
            for i in 0..<part.count { all.append(part[i] &+ shift) }
        }
        return pack(all, maximum: maximum)
    }
}
