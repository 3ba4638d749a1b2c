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
        // Most cells are ASCII codes and labels: those skip Unicode normalisation, the costly part.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiKey(text.utf8) }
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

    /// ``key(_:)`` of ASCII text, byte by byte.
    private static func asciiKey(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for b in bytes {
            if b == 0x20 || (0x09...0x0D).contains(b) {
                pendingSpace = !out.isEmpty
                continue
            }
            let c = (0x41...0x5A).contains(b) ? b + 0x20 : b
            if pendingSpace, c != 0x5D, out.last != 0x5B { out.append(0x20) }
            pendingSpace = false
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Like ``key(_:)`` and also without accents, for names typed by hand
    /// ("Cote d'Ivoire", "Turkiye").
    static func looseKey(_ text: some StringProtocol) -> String {
        key(String(text).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil))
    }

    /// The text with surrounding white space removed.
    static func trimmed(_ text: some StringProtocol) -> String {
        // Most cells have nothing to trim: checking both ends first spares Foundation's scan.
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return "" }
        if !first.properties.isWhitespace, !last.properties.isWhitespace { return String(text) }
        return String(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
