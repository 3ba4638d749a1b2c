import Foundation

/// How survey text is compared: headers, answer labels and codes match
/// whatever the case, the spacing and the typographic quotes a tool or a
/// translator used, because the same label comes back from different
/// exports as "Agree completely", "agree  completely" or "[ Agree completely]".
enum SurveyText {
    /// The comparison key of `text`: Unicode NFC, lower case, curly quotes
    /// made straight, runs of white space made one space, no space just
    /// inside brackets, none at either end.
    static func key(_ text: some StringProtocol) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in String(text).precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            let c: Unicode.Scalar
            switch scalar {
            case "\u{2018}", "\u{2019}", "\u{02BC}": c = "'"
            case "\u{201C}", "\u{201D}": c = "\""
            default: c = scalar
            }
            if pendingSpace, c != "]", out.unicodeScalars.last != "[" { out.unicodeScalars.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(c)
        }
        return out
    }

    /// Like ``key(_:)`` and also without accents, for names typed by hand
    /// ("Cote d'Ivoire", "Turkiye").
    static func looseKey(_ text: some StringProtocol) -> String {
        key(String(text).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil))
    }

    /// The text with surrounding white space removed.
    static func trimmed(_ text: some StringProtocol) -> String {
        String(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
