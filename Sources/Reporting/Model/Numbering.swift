/// The UN Editorial Manual's numbering: headings I. / A. / 1. / (a) / (i),
/// paragraphs numbered consecutively in arabic numerals. An annex starts
/// its own sequence.
struct Numbering {
    /// How lettered and roman sub-levels are written: "({})" in English,
    /// "{})" in French and Spanish.
    var subLevelFormat = "({})"

    /// Labels every heading and numbers every numbered paragraph.
    func apply(to blocks: inout [Block]) {
        var counters = [0, 0, 0, 0, 0, 0]
        var paragraph = 0
        for k in blocks.indices {
            switch blocks[k] {
            case .heading(var h):
                if h.level == 0 {
                    counters = [0, 0, 0, 0, 0, 0]
                    paragraph = 0
                    blocks[k] = .heading(h)
                    continue
                }
                let level = min(max(h.level, 1), 5)
                counters[level] += 1
                for deeper in stride(from: level + 1, through: 5, by: 1) { counters[deeper] = 0 }
                h.label = label(level: level, count: counters[level])
                blocks[k] = .heading(h)
            case .paragraph(var p) where p.numbered:
                paragraph += 1
                p.number = paragraph
                blocks[k] = .paragraph(p)
            default:
                continue
            }
        }
    }

    /// The label of the `count`-th heading at `level` (1-based).
    func label(level: Int, count: Int) -> String {
        switch level {
        case 1: return Self.roman(count) + "."
        case 2: return Self.letter(count).uppercased() + "."
        case 3: return "\(count)."
        case 4: return subLevelFormat.replacingOccurrences(of: "{}", with: Self.letter(count))
        default: return subLevelFormat.replacingOccurrences(of: "{}", with: Self.roman(count).lowercased())
        }
    }

    /// I, II, III, IV …
    static func roman(_ n: Int) -> String {
        guard n > 0 else { return "\(n)" }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = n
        var out = ""
        for (value, symbol) in table {
            while rest >= value {
                out += symbol
                rest -= value
            }
        }
        return out
    }

    /// a … z, then aa, bb … as the Editorial Manual continues lists.
    static func letter(_ n: Int) -> String {
        guard n > 0 else { return "\(n)" }
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let base = String(letters[(n - 1) % 26])
        return String(repeating: base, count: (n - 1) / 26 + 1)
    }
}
