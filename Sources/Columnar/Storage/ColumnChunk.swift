/// The values of one column for a run of rows, held in memory in a compact
/// physical form: integers relative to a base at the narrowest width,
/// strings as dictionary codes, an optional validity bitmap for nulls.
///
/// A stored segment decodes into one chunk; builders and query results
/// produce them too.
public struct ColumnChunk: Sendable {
    /// The physical representation of the values.
    public enum Storage: Sendable {
        /// Integers and timestamps: `base + offsets[i]` (wrapping).
        case integers(base: Int64, offsets: PackedIntegers)
        /// Floating-point values.
        case floats([Double])
        /// Booleans, one byte each (0 or 1).
        case booleans([UInt8])
        /// Strings: codes into a shared dictionary.
        case strings(codes: PackedIntegers, dictionary: StringDictionary)
    }

    /// The logical type.
    public let type: DataType
    /// The values.
    public let storage: Storage
    /// Set bits mark non-null rows; `nil` when no row is null.
    public let validity: Bitmap?

    /// Creates a chunk, checking that storage and type agree.
    public init(type: DataType, storage: Storage, validity: Bitmap?) {
        switch (type, storage) {
        case (.int64, .integers), (.timestamp, .integers), (.date, .integers), (.float64, .floats), (.bool, .booleans), (.string, .strings):
            break
        default:
            preconditionFailure("storage does not match column type \(type)")
        }
        self.type = type
        self.storage = storage
        if let validity, validity.allSet {
            self.validity = nil
        } else {
            self.validity = validity
        }
        if let v = self.validity { precondition(v.count == count) }
    }

    /// A chunk of `count` nulls of `type` (how a column added later reads in old rows).
    public static func nulls(_ type: DataType, count: Int) -> ColumnChunk {
        let validity = Bitmap(count: count, value: false)
        switch type {
        case .int64, .timestamp, .date:
            return ColumnChunk(type: type, storage: .integers(base: 0, offsets: .uint8([UInt8](repeating: 0, count: count))), validity: validity)
        case .float64:
            return ColumnChunk(type: type, storage: .floats([Double](repeating: 0, count: count)), validity: validity)
        case .bool:
            return ColumnChunk(type: type, storage: .booleans([UInt8](repeating: 0, count: count)), validity: validity)
        case .string:
            return ColumnChunk(type: type, storage: .strings(codes: .uint8([UInt8](repeating: 0, count: count)), dictionary: StringDictionary()), validity: validity)
        }
    }

    /// The number of rows.
    public var count: Int {
        switch storage {
        case .integers(_, let o): o.count
        case .floats(let a): a.count
        case .booleans(let a): a.count
        case .strings(let c, _): c.count
        }
    }

    /// The number of null rows.
    public var nullCount: Int { validity.map { $0.count - $0.setCount } ?? 0 }

    /// Whether row `i` is null.
    @inlinable
    public func isNull(_ i: Int) -> Bool { validity.map { !$0[i] } ?? false }

    /// The value at row `i`.
    public func value(at i: Int) -> Value {
        if isNull(i) { return .null }
        switch storage {
        case .integers(let base, let offsets):
            let v = base &+ Int64(bitPattern: offsets[i])
            return type == .timestamp ? .timestamp(v) : type == .date ? .date(v) : .int(v)
        case .floats(let a):
            return .float(a[i])
        case .booleans(let a):
            return .bool(a[i] != 0)
        case .strings(let codes, let dictionary):
            return .string(dictionary[Int(codes[i])])
        }
    }

    /// The dictionary code of row `i` of a string chunk, nil for other
    /// types (a NULL row holds some code; check ``isNull(_:)`` first).
    public func code(at i: Int) -> Int? {
        if case .strings(let codes, _) = storage { Int(codes[i]) } else { nil }
    }

    /// The string dictionary of a string chunk.
    public var dictionary: StringDictionary? {
        if case .strings(_, let d) = storage { d } else { nil }
    }

    /// Heap bytes held by the values and validity (dictionaries excluded: they are shared).
    public var byteCount: Int {
        let values: Int = switch storage {
        case .integers(_, let o): o.byteCount
        case .floats(let a): a.count * 8
        case .booleans(let a): a.count
        case .strings(let c, _): c.byteCount
        }
        return values + (validity.map { $0.words.count * 8 } ?? 0)
    }

    /// Smallest and largest non-null value, `nil` when every row is null.
    public var range: (min: Value, max: Value)? {
        var lo: Value?
        var hi: Value?
        for i in 0..<count where !isNull(i) {
            let v = value(at: i)
            if lo == nil || Value.compare(v, lo!) < 0 { lo = v }
            if hi == nil || Value.compare(v, hi!) > 0 { hi = v }
        }
        guard let lo, let hi else { return nil }
        return (lo, hi)
    }
}
