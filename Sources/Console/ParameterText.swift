import Columnar

/// A parameter value as typed after `.param set NAME`, before its type is inferred.
struct ParameterText: Equatable, Sendable {
    /// The text, quotes removed.
    var text: String
    /// Whether it was quoted, which makes it a string whatever it looks like.
    var quoted: Bool

    /// The typed value: a quoted text is a string; otherwise the first of
    /// int, float, bool (`true`/`false`), NULL (`null`), timestamp (any
    /// spelling `CivilTime.parse` accepts) that the text parses as, else a string.
    var value: Value {
        if quoted { return .string(text) }
        if let v = Int64(text) { return .int(v) }
        // `Double` also reads "nan", "inf" and hex; only decimal numbers are floats here.
        if text.contains(where: \.isASCIIDigit), text.allSatisfy({ $0.isASCIIDigit || "+-.eE".contains($0) }),
           let v = Double(text), v.isFinite {
            return .float(v)
        }
        switch text.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: break
        }
        if let t = CivilTime.parse(text) { return .timestamp(t) }
        return .string(text)
    }
}

extension Character {
    /// Whether this is one of `0`…`9`.
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Value {
    /// The value as a shell shows it in `.param list`: strings in single
    /// quotes (inner quotes doubled), the rest as SQL would print them.
    var shellLiteral: String {
        switch self {
        case .string(let s): "'" + s.replacingOccurrencesOfQuote() + "'"
        default: description
        }
    }
}

extension String {
    /// The text with every `'` doubled, as inside a SQL string literal.
    fileprivate func replacingOccurrencesOfQuote() -> String {
        var out = ""
        for c in self {
            out.append(c)
            if c == "'" { out.append("'") }
        }
        return out
    }
}

extension Value {
    /// A parameter value typed from the text a user gave (`--param from=2024-01-01`,
    /// `.param set`): text in single quotes is a string; otherwise the first of
    /// int, float, bool, NULL and timestamp it reads as, else a string.
    public init(parameterText text: String) {
        let quoted = text.count >= 2 && text.hasPrefix("'") && text.hasSuffix("'")
        self = ParameterText(text: quoted ? String(text.dropFirst().dropLast()) : text, quoted: quoted).value
    }
}
