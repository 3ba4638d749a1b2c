import Columnar

/// One column of rows given to ``BatchWriter/write(rows:_:)`` as plain
/// buffers, for an importer that keeps its rows in buffers of its own: the
/// values go straight into the segments being filled, with no `Table`
/// (whose chunks are packed, measured and unpacked again) in between.
///
/// The buffers are read during the call only.
public struct ColumnBuffer {
    /// The values of the rows.
    public enum Values {
        /// For `int64` and `timestamp` columns.
        case integers(UnsafeBufferPointer<Int64>)
        /// For `bool` columns: 0 is false, anything else true.
        case booleans(UnsafeBufferPointer<UInt8>)
        /// For `string` columns: codes into `dictionary`.
        case codes(UnsafeBufferPointer<UInt32>, dictionary: StringDictionary)
    }

    /// The column's name and type.
    public var schema: ColumnSchema
    /// The values (anything for a null row).
    public var values: Values
    /// Per row, 0 for null; nil when no row is null.
    public var valid: UnsafeBufferPointer<UInt8>?

    /// Describes one column of rows.
    public init(_ schema: ColumnSchema, _ values: Values, valid: UnsafeBufferPointer<UInt8>? = nil) {
        self.schema = schema
        self.values = values
        self.valid = valid
    }

    /// Whether the values are of the kind the column's type takes.
    var fitsType: Bool {
        switch (values, schema.type) {
        case (.integers, .int64), (.integers, .timestamp), (.integers, .date), (.booleans, .bool), (.codes, .string): true
        default: false
        }
    }
}

extension BatchWriter {
    /// Appends `rows` rows given column by column as buffers (see ``ColumnBuffer``).
    ///
    /// Columns are matched as by ``write(_:)``: by name, ignoring case; new
    /// columns are added, missing ones read NULL.
    /// - Throws: as ``write(_:)``; `.invalidArgument` when a buffer's values
    ///   do not fit its column's type or are fewer than `rows`.
    public mutating func write(rows: Int, _ columns: [ColumnBuffer]) throws {
        try session.write(rows: rows, columns)
    }
}
