/// One scalar value, as a query result cell, a literal or a bound parameter.
public enum Value: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A 64-bit signed integer.
    case int(Int64)
    /// A 64-bit floating-point number.
    case float(Double)
    /// A boolean.
    case bool(Bool)
    /// UTC seconds since the Unix epoch.
    case timestamp(Int64)
    /// A string.
    case string(String)
    /// A calendar day: the UTC seconds of its midnight.
    case date(Int64)

    /// The value's type, or `nil` for NULL.
    public var type: DataType? {
        switch self {
        case .null: nil
        case .int: .int64
        case .float: .float64
        case .bool: .bool
        case .timestamp: .timestamp
        case .string: .string
        case .date: .date
        }
    }

    /// Whether this is SQL NULL.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The value as a Double when it is numeric (int or float).
    public var doubleValue: Double? {
        switch self {
        case .int(let v): Double(v)
        case .float(let v): v
        default: nil
        }
    }

    /// The integer payload of an int, a timestamp or a date.
    public var integerValue: Int64? {
        switch self {
        case .int(let v), .timestamp(let v), .date(let v): v
        default: nil
        }
    }

    /// The payload of a string value.
    public var stringValue: String? {
        if case .string(let s) = self { s } else { nil }
    }

    /// The payload of a bool value.
    public var boolValue: Bool? {
        if case .bool(let b) = self { b } else { nil }
    }
}

extension Value: CustomStringConvertible {
    /// The text a user sees for the value: NULL, shortest round-trip floats,
    /// ISO-8601 timestamps (`2024-01-31 12:00:00`) and dates (`2024-01-31`).
    public var description: String {
        switch self {
        case .null: "NULL"
        case .int(let v): String(v)
        case .float(let v): FloatFormatting.shortest(v)
        case .bool(let b): b ? "true" : "false"
        case .timestamp(let t): CivilTime.format(t)
        case .string(let s): s
        case .date(let t): CivilTime.formatDate(t)
        }
    }
}

/// Formatting of floating-point values shared by every output path.
enum FloatFormatting {
    /// The shortest text that reads back as the same Double, without a
    /// trailing `.0` on integral values in exponent-free range.
    static func shortest(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        if v == v.rounded(), abs(v) < 1e16 {
            return String(Int64(v)) + ".0"
        }
        return "\(v)"
    }
}
