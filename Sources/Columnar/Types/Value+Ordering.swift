extension Value {
    /// Total order used by ORDER BY, min/max and DISTINCT on materialised values.
    ///
    /// NULL sorts before everything (callers apply NULLS FIRST/LAST); numbers
    /// compare across int and float; strings compare by UTF-8 bytes, as DuckDB
    /// and SQLite's BINARY collation do (Swift's `<` on String does not).
    public static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.int(let x), .int(let y)), (.timestamp(let x), .timestamp(let y)), (.date(let x), .date(let y)),
             (.date(let x), .timestamp(let y)), (.timestamp(let x), .date(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)):
            return x == y ? 0 : (x ? 1 : -1)
        case (.string(let x), .string(let y)):
            return compareUTF8(x, y)
        default:
            if let x = a.doubleValue, let y = b.doubleValue {
                return FloatOrder.compare(x, y)
            }
            return Int(a.rank) - Int(b.rank)
        }
    }

    private var rank: UInt8 {
        switch self {
        case .null: 0
        case .bool: 1
        case .int, .float: 2
        case .timestamp, .date: 3
        case .string: 4
        }
    }
}

/// Byte-wise comparison of two strings' UTF-8 encodings.
@inlinable
public func compareUTF8(_ a: String, _ b: String) -> Int {
    var a = a
    var b = b
    return a.withUTF8 { x in b.withUTF8 { y in compareBytes(x, y) } }
}

/// Lexicographic comparison of two byte sequences (memcmp, then length).
@inlinable
public func compareBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
    let n = Swift.min(x.count, y.count)
    var i = 0
    while i < n {
        let a = x[i], b = y[i]
        if a != b { return a < b ? -1 : 1 }
        i += 1
    }
    return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
}

/// The order of doubles used for sorting: NaN after every number, as DuckDB does.
enum FloatOrder {
    static func compare(_ x: Double, _ y: Double) -> Int {
        if x.isNaN || y.isNaN {
            return x.isNaN == y.isNaN ? 0 : (x.isNaN ? 1 : -1)
        }
        return x < y ? -1 : (x == y ? 0 : 1)
    }
}
