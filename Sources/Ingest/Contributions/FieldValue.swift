import Foundation

/// A value as a contribution log gives it, before checking: CSV gives text
/// (empty for nothing); JSON Lines also gives numbers, booleans, null and
/// nested values.
enum FieldValue: Equatable {
    /// A string (CSV field or JSON string).
    case text(String)
    /// A JSON number, as written.
    case number(String)
    /// A JSON boolean.
    case bool(Bool)
    /// Absent, JSON null, or an empty CSV field.
    case null
    /// A JSON array or object, which no column accepts.
    case nested

    /// The value as text when it can stand for a string (numbers too: a
    /// reference or M49 code may be written as a JSON number); nil for
    /// null, blank text, booleans and nested values.
    var text: String? {
        switch self {
        case .text(let s):
            let t = Self.trimmed(s)
            return t.isEmpty ? nil : t
        case .number(let s): return s
        default: return nil
        }
    }

    /// `s` without surrounding white space; most values have none, and
    /// checking the ends first spares Foundation's slower trimming.
    static func trimmed(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether nothing was given.
    var isNull: Bool {
        if case .null = self { return true }
        if case .text(let s) = self { return s.allSatisfy(\.isWhitespace) }
        return false
    }
}
