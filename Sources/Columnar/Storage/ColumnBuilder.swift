/// Accumulates the values of one column and packs them into a ``ColumnChunk``.
///
/// Importers, the store and query results use it; strings are interned into
/// the builder's dictionary (a new one, or one the caller shares).
public struct ColumnBuilder: Sendable {
    /// The type of the column being built.
    public let type: DataType
    /// The dictionary strings are interned into.
    public let dictionary: StringDictionary
    @usableFromInline var integers: [Int64] = []
    @usableFromInline var floats: [Double] = []
    @usableFromInline var booleans: [UInt8] = []
    @usableFromInline var codes: [UInt32] = []
    @usableFromInline var valid: [UInt8] = []
    @usableFromInline var nulls = 0

    /// A builder for `type`; strings go into `dictionary` (a new one by default).
    public init(type: DataType, dictionary: StringDictionary = StringDictionary()) {
        self.type = type
        self.dictionary = dictionary
    }

    /// Rows appended so far.
    public var count: Int { valid.count }

    /// Reserves room for `n` more rows.
    public mutating func reserveCapacity(_ n: Int) {
        valid.reserveCapacity(valid.count + n)
        switch type {
        case .int64, .timestamp, .date: integers.reserveCapacity(integers.count + n)
        case .float64: floats.reserveCapacity(floats.count + n)
        case .bool: booleans.reserveCapacity(booleans.count + n)
        case .string: codes.reserveCapacity(codes.count + n)
        }
    }

    /// Appends a null.
    @inlinable
    public mutating func appendNull() {
        valid.append(0)
        nulls += 1
        switch type {
        case .int64, .timestamp, .date: integers.append(0)
        case .float64: floats.append(0)
        case .bool: booleans.append(0)
        case .string: codes.append(0)
        }
    }

    /// Appends an integer or timestamp.
    @inlinable
    public mutating func append(integer v: Int64) {
        valid.append(1)
        integers.append(v)
    }

    /// Appends a float.
    @inlinable
    public mutating func append(float v: Double) {
        valid.append(1)
        floats.append(v)
    }

    /// Appends a boolean.
    @inlinable
    public mutating func append(bool v: Bool) {
        valid.append(1)
        booleans.append(v ? 1 : 0)
    }

    /// Appends a string, interning it.
    public mutating func append(string v: String) {
        valid.append(1)
        codes.append(dictionary.intern(v))
    }

    /// Appends a string from raw UTF-8 bytes, interning it.
    public mutating func append(stringBytes v: UnsafeBufferPointer<UInt8>) {
        valid.append(1)
        codes.append(dictionary.intern(bytes: v))
    }

    /// Appends a code already in this builder's dictionary.
    @inlinable
    public mutating func append(code: UInt32) {
        valid.append(1)
        codes.append(code)
    }

    /// Appends a value of the builder's type (or NULL); ints widen to floats
    /// and timestamps to ints where the column asks for it.
    public mutating func append(_ value: Value) {
        switch (value, type) {
        case (.null, _): appendNull()
        case (.int(let v), .int64), (.timestamp(let v), .timestamp), (.int(let v), .timestamp), (.timestamp(let v), .int64),
             (.date(let v), .date), (.date(let v), .timestamp):
            append(integer: v)
        case (.timestamp(let v), .date): append(integer: CivilTime.midnight(v))
        case (.float(let v), .float64): append(float: v)
        case (.int(let v), .float64): append(float: Double(v))
        case (.bool(let v), .bool): append(bool: v)
        case (.string(let v), .string): append(string: v)
        default: preconditionFailure("cannot append \(value) to a \(type) column")
        }
    }

    /// Packs the values appended so far into a chunk.
    public func build() -> ColumnChunk {
        let validity: Bitmap? = nulls == 0 ? nil : valid.withUnsafeBufferPointer { Bitmap(bytes: $0) }
        let storage: ColumnChunk.Storage
        switch type {
        case .int64, .timestamp, .date:
            var lo = Int64.max, hi = Int64.min
            for (i, v) in integers.enumerated() where valid[i] != 0 {
                lo = Swift.min(lo, v)
                hi = Swift.max(hi, v)
            }
            if lo > hi { lo = 0; hi = 0 }
            let span = UInt64(bitPattern: hi &- lo)
            let offsets = integers.enumerated().map { i, v in valid[i] != 0 ? UInt64(bitPattern: v &- lo) : 0 }
            storage = .integers(base: lo, offsets: .pack(offsets, maximum: span))
        case .float64:
            storage = .floats(floats)
        case .bool:
            storage = .booleans(booleans)
        case .string:
            storage = .strings(codes: .pack(codes: codes, maximum: UInt32(Swift.max(0, dictionary.count - 1))), dictionary: dictionary)
        }
        return ColumnChunk(type: type, storage: storage, validity: validity)
    }
}
