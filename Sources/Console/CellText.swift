import Columnar
import Foundation

/// The text of one value in each output format.
///
/// Tables round floats for reading; CSV, JSON, Markdown and line mode write
/// them exactly (the shortest text that reads back as the same Double) so
/// that copied numbers are the stored numbers.
enum CellText {
    /// The value as shown in a table: rounded floats, control characters made visible.
    static func table(_ value: Value) -> String {
        switch value {
        case .float(let v): readableFloat(v)
        case .string(let s): visible(s)
        default: value.description
        }
    }

    /// The value exactly, for CSV, Markdown and line mode (NULL handled by the caller).
    static func exact(_ value: Value) -> String {
        value.description
    }

    /// A float for reading: at most six significant digits after the decimal
    /// point, the integer part kept whole; scientific notation outside
    /// 1e-4…1e15; integral values keep `.0` so they still read as floats.
    static func readableFloat(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        let magnitude = abs(v)
        if magnitude != 0, magnitude < 1e-4 || magnitude >= 1e15 {
            return String(format: "%.6g", v)
        }
        // Below 1, leading zeros after the point do not count as significant.
        var decimals = 6
        if magnitude != 0, magnitude < 1 {
            decimals += Int((-log10(magnitude)).rounded(.down))
        }
        var text = String(format: "%.*f", decimals, v)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text += "0" }
        }
        return text
    }

    /// `s` with control characters written as escapes, so that a newline or
    /// tab inside a value cannot break a table's lines.
    static func visible(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20, 0x7F: out += "\\x" + hex(scalar.value, digits: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `v` in upper-case hexadecimal, zero-padded to `digits`.
    static func hex(_ v: UInt32, digits: Int) -> String {
        let text = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// Whether a column of this type is right-aligned in tables.
    static func isNumeric(_ type: DataType) -> Bool {
        type == .int64 || type == .float64
    }
}
