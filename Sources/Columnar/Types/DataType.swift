/// The logical type of a column or an expression.
///
/// Timestamps are UTC seconds since 1970-01-01; strings are stored
/// dictionary-encoded but are an ordinary type to SQL.
public enum DataType: UInt8, Sendable, Hashable, CaseIterable {
    /// A 64-bit signed integer.
    case int64 = 1
    /// A 64-bit IEEE floating-point number.
    case float64 = 2
    /// A boolean.
    case bool = 3
    /// A point in time, in whole seconds since the Unix epoch, UTC.
    case timestamp = 4
    /// A UTF-8 string.
    case string = 5
    /// A calendar day, held as the UTC seconds of its midnight, so that it
    /// compares and converts with timestamps without arithmetic.
    case date = 6

    /// The name users write in `--type col=…` and see in schemas and error messages.
    public var name: String {
        switch self {
        case .int64: "int"
        case .float64: "float"
        case .bool: "bool"
        case .timestamp: "timestamp"
        case .string: "string"
        case .date: "date"
        }
    }

    /// Parses a type name as written on the command line or in SQL casts.
    ///
    /// Accepts the short names (`int`, `float`, `bool`, `timestamp`, `date`, `string`)
    /// and the usual SQL spellings (`BIGINT`, `DOUBLE`, `VARCHAR`, `TEXT`…).
    public init?(name: String) {
        switch name.lowercased() {
        case "int", "int64", "integer", "bigint", "int8", "smallint", "tinyint", "int4", "long", "hugeint":
            self = .int64
        case "float", "float64", "double", "real", "numeric", "decimal", "float8", "float4":
            self = .float64
        case "bool", "boolean", "logical":
            self = .bool
        case "timestamp", "datetime", "timestamptz", "timestamp_s":
            self = .timestamp
        case "date":
            self = .date
        case "string", "varchar", "text", "char", "str":
            self = .string
        default:
            return nil
        }
    }

    /// Whether arithmetic applies to values of this type.
    public var isNumeric: Bool { self == .int64 || self == .float64 }

    /// Whether values are points in time (timestamps and dates), held as UTC seconds.
    public var isTemporal: Bool { self == .timestamp || self == .date }

    /// The type two different types meet in, or nil: numbers as floats,
    /// points in time as timestamps (a date at its midnight).
    public static func widened(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        if a.isNumeric && b.isNumeric { return .float64 }
        if a.isTemporal && b.isTemporal { return .timestamp }
        return nil
    }

    /// Whether values are held as 64-bit integers (integers, timestamps, dates).
    public var isIntegerBacked: Bool { self == .int64 || self == .timestamp || self == .date }
}

extension DataType: CustomStringConvertible {
    public var description: String { name }
}
