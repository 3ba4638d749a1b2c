import Foundation

/// The form names are compared in: case, accents and punctuation folded
/// away, `&` read as "and", a trailing or leading "the" dropped — so that
/// "Côte d’Ivoire", "COTE D'IVOIRE" and "Cote d Ivoire" are one key, as are
/// "Bahamas (the)" and "The Bahamas", "St. Kitts & Nevis" and "st kitts and nevis".
enum NameKey {
    /// The comparison key of `text` (empty when it has no letters or digits).
    static func make(_ text: some StringProtocol) -> String {
        let folded = String(text).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive],
                                          locale: Locale(identifier: "en_US_POSIX"))
        var words: [String] = []
        var current = ""
        func endWord() {
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        for scalar in folded.unicodeScalars {
            if scalar == "&" {
                endWord()
                words.append("and")
            } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else {
                // Any other mark, apostrophes included, separates words: "d'Ivoire" and "d Ivoire" must agree.
                endWord()
            }
        }
        endWord()
        if words.count > 1, words.first == "the" { words.removeFirst() }
        if words.count > 1, words.last == "the" { words.removeLast() }
        return words.joined(separator: " ")
    }

    /// The key of `text` with any parenthesised part removed
    /// ("Bolivia (Plurinational State of)" → "bolivia"); nil when there is none.
    static func withoutParentheses(_ text: String) -> String? {
        guard text.contains("(") else { return nil }
        var depth = 0
        var kept = ""
        for c in text {
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) } else if depth == 0 { kept.append(c) }
        }
        let key = make(kept)
        return key.isEmpty ? nil : key
    }
}

/// Finds the nearest known word to a misspelt one, for "did you mean" hints.
enum Suggestion {
    /// The candidate closest to `text` by edit distance, when it is close
    /// enough to be a plausible typo (at most 2 edits, and fewer than a third
    /// of the word); nil otherwise.
    static func nearest(to text: String, among candidates: some Sequence<String>) -> String? {
        let word = Array(text.lowercased().unicodeScalars)
        guard !word.isEmpty else { return nil }
        var best: (String, Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - word.count) <= 2 else { continue }
            let d = distance(word, other)
            if d <= 2, d * 3 < max(word.count, other.count), best == nil || d < best!.1 {
                best = (candidate, d)
            }
        }
        return best?.0
    }

    /// Damerau–Levenshtein distance with adjacent transpositions (so "requets" is one edit from "request").
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, previous2[j - 2] + 1) }
                current[j] = v
            }
            previous2 = previous
            previous = current
        }
        return previous[b.count]
    }
}
