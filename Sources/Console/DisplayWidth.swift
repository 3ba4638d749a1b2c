/// How many terminal cells text occupies: East Asian wide and fullwidth
/// characters take two, combining marks and other zero-width scalars none,
/// everything else one.
///
/// Counting is done per grapheme cluster, not per scalar, so that an accented
/// letter written as base + combining mark, or an emoji sequence, counts once.
/// Characters of "ambiguous" East Asian width (box drawing, `…`, `⋮`) count as
/// one, as terminals outside CJK locales draw them.
enum DisplayWidth {
    /// The number of cells `text` occupies.
    static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text {
            total += of(character)
        }
        return total
    }

    /// The number of cells one grapheme cluster occupies: 0, 1 or 2.
    static func of(_ character: Character) -> Int {
        // Plain ASCII is the overwhelming case; skip the property lookups.
        if let ascii = character.asciiValue {
            return ascii >= 0x20 && ascii != 0x7F ? 1 : 0
        }
        var sawVisible = false
        for scalar in character.unicodeScalars {
            switch width(of: scalar) {
            case 2: return 2
            case 1: sawVisible = true
            default: break
            }
        }
        // An emoji base followed by VS16 is drawn in emoji (wide) presentation.
        if sawVisible, character.unicodeScalars.contains(where: { $0.value == 0xFE0F }),
           character.unicodeScalars.first?.properties.isEmoji == true {
            return 2
        }
        return sawVisible ? 1 : 0
    }

    /// The width of a single scalar out of context.
    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return 0
        default:
            break
        }
        // Hangul medial vowels and final consonants join the preceding syllable.
        if (0x1160...0x11FF).contains(v) || v == 0x200B { return 0 }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks from Unicode's
    /// EastAsianWidth.txt, coalesced into the ranges that matter for text.
    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F,     // Hangul Jamo initial consonants
             0x2E80...0x303E,     // CJK radicals, Kangxi, CJK symbols and punctuation
             0x3041...0x33FF,     // Hiragana, Katakana, Bopomofo, Hangul compatibility, CJK compatibility
             0x3400...0x4DBF,     // CJK extension A
             0x4E00...0x9FFF,     // CJK unified ideographs
             0xA000...0xA4CF,     // Yi
             0xA960...0xA97F,     // Hangul Jamo extended A
             0xAC00...0xD7A3,     // Hangul syllables
             0xF900...0xFAFF,     // CJK compatibility ideographs
             0xFE10...0xFE19,     // vertical forms
             0xFE30...0xFE6F,     // CJK compatibility forms, small form variants
             0xFF00...0xFF60,     // fullwidth forms
             0xFFE0...0xFFE6,     // fullwidth signs
             0x16FE0...0x16FE4, 0x17000...0x18CFF, // Tangut
             0x1B000...0x1B2FF,   // Kana supplement and extensions, Nushu
             0x1F200...0x1F2FF,   // enclosed ideographic supplement
             0x20000...0x2FFFD,   // CJK extensions B–F
             0x30000...0x3FFFD:   // CJK extensions G–H
            return true
        default:
            return false
        }
    }

    /// `text` cut to at most `limit` cells, ending in `…` when something was cut.
    /// - Parameters:
    ///   - text: the text to fit.
    ///   - limit: the number of cells available; at least 1 to show anything.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard limit > 0 else { return "" }
        if of(text) <= limit { return text }
        var kept = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > limit - 1 { break }
            kept.append(character)
            used += w
        }
        return kept + "…"
    }

    /// `text` padded with spaces to `width` cells, on the side `alignment` says.
    static func pad(_ text: String, to width: Int, _ alignment: CellAlignment) -> String {
        let slack = max(0, width - of(text))
        switch alignment {
        case .left:
            return text + String(repeating: " ", count: slack)
        case .right:
            return String(repeating: " ", count: slack) + text
        case .center:
            let left = slack / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: slack - left)
        }
    }
}

/// Where a cell's text sits within its column.
enum CellAlignment: Sendable {
    case left
    case right
    case center
}
