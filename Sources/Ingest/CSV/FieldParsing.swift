import Columnar
import Foundation

/// Parsing of field bytes into typed values without building strings.
enum FieldParsing {
    /// An integer: optional sign, digits, surrounding spaces allowed.
    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0, end = b.count
        while i < end, b[i] == 0x20 { i += 1 }
        while end > i, b[end - 1] == 0x20 { end -= 1 }
        guard i < end else { return nil }
        var negative = false
        if b[i] == 0x2D || b[i] == 0x2B { negative = b[i] == 0x2D; i += 1 }
        guard i < end else { return nil }
        var v: Int64 = 0
        while i < end {
            let d = b[i] &- 0x30
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int64(d)) : m.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            v = s
            i += 1
        }
        return v
    }

    /// A decimal or exponent number (also `inf`, `nan`).
    static func double(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard b.count < 64, !b.isEmpty else { return nil }
        // Reject hex floats and other spellings Swift accepts but CSV writers never mean.
        for c in b where !(c >= 0x30 && c <= 0x39) && !".-+eE ".utf8.contains(c) {
            let text = String(decoding: b, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
            return ["inf", "-inf", "+inf", "infinity", "-infinity", "nan"].contains(text) ? Double(text == "infinity" ? "inf" : (text == "-infinity" ? "-inf" : text)) : nil
        }
        return Double(String(decoding: b, as: UTF8.self).trimmingCharacters(in: .whitespaces))
    }

    /// true/false, t/f, yes/no, y/n (not 1/0, which read as integers).
    static func bool(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard b.count <= 5 else { return nil }
        switch String(decoding: b, as: UTF8.self).lowercased() {
        case "true", "t", "yes", "y": return true
        case "false", "f", "no", "n": return false
        default: return nil
        }
    }
}
