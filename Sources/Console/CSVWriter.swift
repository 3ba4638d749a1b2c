import Columnar

/// A result as RFC 4180 CSV: a header row of column names, then one record
/// per row.
///
/// A field is quoted when it holds a comma, a double quote, CR or LF (inner
/// quotes doubled), or when it has leading or trailing spaces that a reader
/// might trim. NULL is an empty field and an empty string is written `""`, so
/// the two stay apart for readers that care (DuckDB's does). Lines end in LF,
/// not the RFC's CRLF: every CSV reader in use accepts LF, and LF is what the
/// other outputs and Unix tools produce.
struct CSVWriter {
    /// The rows to write.
    let result: QueryResult
    /// The NULL text, when the user set one.
    let options: RenderOptions

    /// The CSV text, ending in a newline.
    func render() -> String {
        guard !result.columns.isEmpty else { return "" }
        var out = result.names.map { Self.field($0) }.joined(separator: ",") + "\n"
        let null = Self.field(options.nullText ?? "", emptyIsQuoted: false)
        // A string column's field for each dictionary entry, made once: results repeat their strings.
        var fields: [[String?]] = result.columns.map { c in c.chunk.dictionary.map { [String?](repeating: nil, count: $0.count) } ?? [] }
        for r in 0..<result.rowCount {
            for (k, column) in result.columns.enumerated() {
                if k > 0 { out += "," }
                let chunk = column.chunk
                if chunk.isNull(r) {
                    out += null
                } else if let code = chunk.code(at: r), let dictionary = chunk.dictionary {
                    if let known = fields[k][code] {
                        out += known
                    } else {
                        let field = Self.field(dictionary[code])
                        fields[k][code] = field
                        out += field
                    }
                } else {
                    out += Self.field(CellText.exact(chunk.value(at: r)))
                }
            }
            out += "\n"
        }
        return out
    }

    /// One field, quoted when its text requires it.
    /// - Parameters:
    ///   - text: the field's text.
    ///   - emptyIsQuoted: whether an empty text is written `""` (for empty strings, not NULL).
    static func field(_ text: String, emptyIsQuoted: Bool = true) -> String {
        if text.isEmpty { return emptyIsQuoted ? "\"\"" : "" }
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || text.utf8.first == 0x20 || text.utf8.last == 0x20
        guard needsQuotes else { return text }
        return "\"" + text.replacingQuotes() + "\""
    }
}

extension String {
    /// The text with every `"` doubled.
    fileprivate func replacingQuotes() -> String {
        guard contains("\"") else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 2)
        for character in self {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out
    }
}
