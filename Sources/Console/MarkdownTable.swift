import Columnar

/// A result as a GitHub-flavoured Markdown pipe table, padded so that the
/// source reads as a table too:
///
///     | site  | hits |
///     |-------|-----:|
///     | basel |   12 |
///
/// Numbers are right-aligned (`---:`). Pipes in values are escaped as `\|`
/// and line breaks become `<br>`, the two things that would break a row.
/// Floats are written exactly, as in CSV.
struct MarkdownTable {
    /// The rows to write.
    let result: QueryResult
    /// The NULL text, when the user set one.
    let options: RenderOptions

    /// The Markdown text, ending in a newline.
    func render() -> String {
        guard !result.columns.isEmpty else { return "" }
        let nullText = Self.escape(options.nullText ?? "NULL")
        let header = result.names.map(Self.escape)
        let body: [[String]] = (0..<result.rowCount).map { r in
            result.columns.map { column in
                let value = column.chunk.value(at: r)
                return value.isNull ? nullText : Self.escape(CellText.exact(value))
            }
        }
        let numeric = result.columns.map { CellText.isNumeric($0.type) }
        let widths = header.indices.map { c in
            body.reduce(max(3, DisplayWidth.of(header[c]))) { max($0, DisplayWidth.of($1[c])) }
        }
        func row(_ cells: [String], aligned: Bool) -> String {
            "| " + cells.indices.map { c in
                DisplayWidth.pad(cells[c], to: widths[c], aligned && numeric[c] ? .right : .left)
            }.joined(separator: " | ") + " |\n"
        }
        var out = row(header, aligned: false)
        out += "|" + widths.indices.map { c in
            numeric[c] ? String(repeating: "-", count: widths[c] + 1) + ":" : String(repeating: "-", count: widths[c] + 2)
        }.joined(separator: "|") + "|\n"
        for cells in body { out += row(cells, aligned: true) }
        return out
    }

    /// `text` made safe inside a table cell.
    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "|" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\\" }) else {
            return text
        }
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\\": out += "\\\\"
            case "\n", "\r", "\r\n": out += "<br>"
            default: out.append(character)
            }
        }
        return out
    }
}
