import Columnar

/// A result as a JSON array of objects, one per row, keys the column names
/// in column order, one object per line:
///
///     [
///       {"site":"basel","hits":12,"share":0.5},
///       {"site":"北京","hits":null,"share":null}
///     ]
///
/// Numbers are JSON numbers written exactly (NaN and infinities, which JSON
/// cannot hold, become `null`); timestamps are ISO 8601 UTC strings.
/// Strings are escaped per RFC 8259; non-ASCII text is written as UTF-8.
struct JSONWriter {
    /// The rows to write.
    let result: QueryResult

    /// The JSON text, ending in a newline.
    func render() -> String {
        guard result.rowCount > 0 else { return "[]\n" }
        let keys = result.names.map { Self.string($0) + ":" }
        var out = "[\n"
        for r in 0..<result.rowCount {
            out += "  {"
            for (c, column) in result.columns.enumerated() {
                if c > 0 { out += "," }
                out += keys[c]
                out += Self.literal(column.chunk.value(at: r))
            }
            out += r == result.rowCount - 1 ? "}\n" : "},\n"
        }
        return out + "]\n"
    }

    /// The JSON literal for a value.
    static func literal(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .int(let v): String(v)
        case .float(let v): v.isFinite ? value.description : "null"
        case .bool(let b): b ? "true" : "false"
        case .timestamp(let t): "\"" + CivilTime.formatISO8601(t) + "\""
        case .string(let s): string(s)
        case .date(let t): "\"" + CivilTime.formatDate(t) + "\""
        }
    }

    /// A JSON string literal: quotes and backslashes escaped, control
    /// characters as `\n`-style or `\u00XX` escapes.
    static func string(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0..<0x20: out += "\\u" + CellText.hex(scalar.value, digits: 4).lowercased()
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
