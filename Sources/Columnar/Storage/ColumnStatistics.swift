/// What is known about a column's values in a segment or a whole table:
/// used to skip segments and to choose dense aggregation paths.
public struct ColumnStatistics: Sendable, Hashable {
    /// The range of the non-null values.
    public enum Bounds: Sendable, Hashable {
        /// Integers and timestamps.
        case integers(min: Int64, max: Int64)
        /// Floating-point values (NaN excluded).
        case floats(min: Double, max: Double)
        /// Dictionary codes of a string column.
        case codes(min: UInt32, max: UInt32)
        /// Which boolean values occur.
        case booleans(hasFalse: Bool, hasTrue: Bool)
    }

    /// Rows described.
    public var rowCount: Int
    /// Null rows among them.
    public var nullCount: Int
    /// The range of the non-null values; `nil` when every row is null or
    /// nothing is known.
    public var bounds: Bounds?

    /// Creates statistics.
    public init(rowCount: Int, nullCount: Int, bounds: Bounds?) {
        self.rowCount = rowCount
        self.nullCount = nullCount
        self.bounds = bounds
    }

    /// Statistics of a run of rows that are all null.
    public static func allNull(rowCount: Int) -> ColumnStatistics {
        ColumnStatistics(rowCount: rowCount, nullCount: rowCount, bounds: nil)
    }

    /// The integer range, for int and timestamp columns.
    public var integerRange: ClosedRange<Int64>? {
        if case .integers(let lo, let hi) = bounds { lo...hi } else { nil }
    }

    /// Combines the statistics of two runs of rows.
    public func merged(with other: ColumnStatistics) -> ColumnStatistics {
        let bounds: Bounds? = switch (self.bounds, other.bounds) {
        case (nil, let b), (let b, nil): b
        case (.integers(let a, let b), .integers(let c, let d)): .integers(min: Swift.min(a, c), max: Swift.max(b, d))
        case (.floats(let a, let b), .floats(let c, let d)): .floats(min: Swift.min(a, c), max: Swift.max(b, d))
        case (.codes(let a, let b), .codes(let c, let d)): .codes(min: Swift.min(a, c), max: Swift.max(b, d))
        case (.booleans(let a, let b), .booleans(let c, let d)): .booleans(hasFalse: a || c, hasTrue: b || d)
        default: nil
        }
        return ColumnStatistics(rowCount: rowCount + other.rowCount, nullCount: nullCount + other.nullCount, bounds: bounds)
    }
}

extension ColumnChunk {
    /// Computes the chunk's statistics in one typed pass.
    public var statistics: ColumnStatistics {
        let n = count
        let nulls = nullCount
        guard nulls < n else { return .allNull(rowCount: n) }
        let valid: (Int) -> Bool = { i in validity.map { $0[i] } ?? true }
        switch storage {
        case .integers(let base, let offsets):
            var lo = UInt64.max, hi = UInt64.min
            for i in 0..<n where valid(i) {
                let o = offsets[i]
                if o < lo { lo = o }
                if o > hi { hi = o }
            }
            // Offsets are unsigned distances from `base`, so order is preserved.
            return ColumnStatistics(rowCount: n, nullCount: nulls, bounds: .integers(min: base &+ Int64(bitPattern: lo), max: base &+ Int64(bitPattern: hi)))
        case .floats(let a):
            var lo = Double.infinity, hi = -Double.infinity
            var any = false
            for i in 0..<n where valid(i) && !a[i].isNaN {
                any = true
                lo = Swift.min(lo, a[i])
                hi = Swift.max(hi, a[i])
            }
            return ColumnStatistics(rowCount: n, nullCount: nulls, bounds: any ? .floats(min: lo, max: hi) : nil)
        case .booleans(let a):
            var f = false, t = false
            for i in 0..<n where valid(i) {
                if a[i] != 0 { t = true } else { f = true }
            }
            return ColumnStatistics(rowCount: n, nullCount: nulls, bounds: .booleans(hasFalse: f, hasTrue: t))
        case .strings(let codes, _):
            var lo = UInt64.max, hi = UInt64.min
            for i in 0..<n where valid(i) {
                let c = codes[i]
                if c < lo { lo = c }
                if c > hi { hi = c }
            }
            return ColumnStatistics(rowCount: n, nullCount: nulls, bounds: .codes(min: UInt32(lo), max: UInt32(hi)))
        }
    }
}
