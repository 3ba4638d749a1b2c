/// Conversions from text to typed values, shared by literals, CAST and
/// importers so that every path reads "2024-01-01" or "1e3" the same way.
public enum ValueConversion {
    /// Reads `text` as a value of `type`, or `nil` when it is not one.
    ///
    /// Integers: optional sign and digits. Floats: decimal or exponent
    /// notation, `inf`, `nan`. Booleans: true/false, t/f, yes/no, y/n, 1/0
    /// (any case). Timestamps: as ``CivilTime/parse(_:)``; dates: the day of that.
    public static func convert(_ text: String, to type: DataType) -> Value? {
        let s = text.trimmingSpaces
        switch type {
        case .string:
            return .string(text)
        case .int64:
            if let v = Int64(s) { return .int(v) }
            return nil
        case .float64:
            if let v = Double(s) { return .float(v) }
            switch s.lowercased() {
            case "infinity", "+infinity": return .float(.infinity)
            case "-infinity": return .float(-.infinity)
            default: return nil
            }
        case .bool:
            return parseBool(s).map(Value.bool)
        case .timestamp:
            return CivilTime.parse(s).map(Value.timestamp)
        case .date:
            // A timestamp's text reads as its day, as a cast of it would.
            return CivilTime.parse(s).map { .date(CivilTime.midnight($0)) }
        }
    }

    /// Reads a boolean spelling.
    public static func parseBool(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "true", "t", "yes", "y", "1": true
        case "false", "f", "no", "n", "0": false
        default: nil
        }
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[first...last])
    }
}
