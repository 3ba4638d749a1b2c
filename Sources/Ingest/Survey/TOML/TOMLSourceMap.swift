/// Where keys and table headers are written in a TOML text. TOMLKit gives
/// lines only for syntax errors, so the lines of decoded keys are found by
/// locating them in the source, the way the indicator catalogue does.
struct TOMLSourceMap {
    /// A `[a.b]` or `[[a.b]]` header.
    struct Header {
        var line: Int
        var path: [String]
        var isArray: Bool
    }

    let lines: [Substring]
    let headers: [Header]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [Header] = []
        for (i, raw) in lines.enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            guard line.hasPrefix("[") else { continue }
            let isArray = line.hasPrefix("[[")
            let body = line.dropFirst(isArray ? 2 : 1)
            guard let close = Self.closingBracket(body) else { continue }
            found.append(Header(line: i + 1, path: Self.keyPath(body[..<close]), isArray: isArray))
        }
        headers = found
    }

    /// The index of the `]` ending a header, skipping quoted parts.
    private static func closingBracket(_ s: Substring) -> Substring.Index? {
        var quote: Character?
        for i in s.indices {
            let c = s[i]
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == "]" { return i }
        }
        return nil
    }

    /// `a."b.c" . d` → ["a", "b.c", "d"].
    static func keyPath(_ s: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for c in s {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                parts.append(current)
                current = ""
            } else if c != " " && c != "\t" {
                current.append(c)
            }
        }
        parts.append(current)
        return parts
    }

    /// The lines after header `h` up to the next header.
    func section(after line: Int) -> Range<Int> {
        let next = headers.first { $0.line > line }?.line ?? lines.count + 1
        return (line + 1)..<next
    }

    /// Headers with exactly `path` within `range`.
    func headers(_ path: [String], isArray: Bool, in range: Range<Int>) -> [Header] {
        headers.filter { $0.path == path && $0.isArray == isArray && range.contains($0.line) }
    }

    /// The first header whose path starts with `path`, within `range`.
    func firstHeader(under path: [String], in range: Range<Int>) -> Header? {
        headers.first { $0.path.starts(with: path) && range.contains($0.line) }
    }

    /// The line in `range` that assigns `key` (`key =`, `key.sub =`, `"key" =`);
    /// with `anywhere`, also inside an inline table (`{ a = 1, key = 2 }`).
    func line(ofKey key: String, in range: Range<Int>, anywhere: Bool) -> Int? {
        let spellings = [key, "\"\(key)\"", "'\(key)'"]
        for n in range where n >= 1 && n <= lines.count {
            let text = lines[n - 1]
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            for s in spellings where trimmed.hasPrefix(s) {
                let rest = trimmed.dropFirst(s.count).drop { $0 == " " || $0 == "\t" }
                if rest.hasPrefix("=") || rest.hasPrefix(".") { return n }
            }
            if anywhere, Self.assigns(text, spellings) { return n }
        }
        return nil
    }

    /// Whether `text` holds `key =` after `{`, `,` or `.` (an inline or dotted key).
    private static func assigns(_ text: Substring, _ spellings: [String]) -> Bool {
        for s in spellings {
            var search = text[...]
            while let r = search.range(of: s) {
                let before = r.lowerBound == text.startIndex ? " " : text[text.index(before: r.lowerBound)]
                let rest = text[r.upperBound...].drop { $0 == " " || $0 == "\t" }
                if "{,. \t".contains(before), rest.hasPrefix("="), !rest.hasPrefix("==") { return true }
                search = text[r.upperBound...]
            }
        }
        return false
    }

    /// The `k`-th line at or after `start` (within `range`) that opens an inline table.
    func inlineTableLine(_ k: Int, from start: Int, in range: Range<Int>) -> Int? {
        var seen = 0
        for n in max(start, range.lowerBound)..<range.upperBound where n >= 1 && n <= lines.count {
            if lines[n - 1].contains("{") {
                if seen == k { return n }
                seen += 1
            }
        }
        return nil
    }
}
