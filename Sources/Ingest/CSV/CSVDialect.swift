/// How a CSV file is written: its delimiter, found from the first lines
/// when not given (comma, semicolon, tab or pipe — whichever splits the
/// header and the next lines into the same, largest number of fields).
struct CSVDialect {
    var delimiter: UInt8

    static let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]

    /// Guesses the delimiter from the start of a file.
    static func detect(_ sample: [UInt8]) -> CSVDialect {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var quoted = false
        for c in sample {
            if c == 0x22 { quoted.toggle() }
            if c == 0x0A, !quoted {
                lines.append(current)
                current = []
                if lines.count == 10 { break }
            } else if c != 0x0D {
                current.append(c)
            }
        }
        if !current.isEmpty, lines.count < 10 { lines.append(current) }
        var best = CSVDialect(delimiter: 0x2C)
        var bestScore = 0
        for d in candidates {
            let counts = lines.map { line -> Int in
                var n = 1
                var q = false
                for c in line {
                    if c == 0x22 { q.toggle() } else if c == d, !q { n += 1 }
                }
                return n
            }
            guard let first = counts.first, first > 1 else { continue }
            let consistent = counts.filter { $0 == first }.count
            let score = consistent * 1000 + first
            if score > bestScore {
                bestScore = score
                best = CSVDialect(delimiter: d)
            }
        }
        return best
    }
}
