import Columnar

/// A result drawn as a box-drawn table, the way DuckDB's duckbox mode and
/// ClickHouse's PrettyCompact draw one:
///
///     ┌────────┬──────┐
///     │  site  │ hits │
///     │ string │ int  │
///     ├────────┼──────┤
///     │ basel  │   12 │
///     └────────┴──────┘
///
/// Numbers are right-aligned, everything else left-aligned; names and types
/// are centred. Long results keep their first and last rows around a `⋮`
/// row; wide ones are narrowed and lose middle columns (see ``ColumnFit``).
/// Numbers carry no thousands separators, so that copied values paste back.
/// NULL is drawn as `NULL` (or the caller's text), dimmed when colour is on;
/// without colour it looks like the string 'NULL', as in DuckDB and psql.
struct BoxTable {
    /// The rows to draw.
    let result: QueryResult
    /// Row and width limits, NULL text, colour.
    let options: RenderOptions

    /// A drawn cell before padding: its text and whether it stands for NULL.
    private struct Cell {
        var text: String
        var isNull: Bool
    }

    /// The table as lines of text, each ending in a newline.
    func render() -> String {
        guard !result.columns.isEmpty else { return "" }
        let (head, tail) = shownRows()
        let rows = Array(head) + Array(tail)
        let nullText = options.nullText ?? "NULL"
        let cells: [[Cell]] = result.columns.map { column in
            rows.map { r in
                let value = column.chunk.value(at: r)
                return value.isNull ? Cell(text: CellText.visible(nullText), isNull: true)
                                    : Cell(text: CellText.table(value), isNull: false)
            }
        }
        let names = result.columns.map { CellText.visible($0.name) }
        let types = result.columns.map(\.type.name)
        let natural = result.columns.indices.map { c in
            cells[c].reduce(max(1, DisplayWidth.of(names[c]), DisplayWidth.of(types[c]))) {
                max($0, DisplayWidth.of($1.text))
            }
        }
        let fit = ColumnFit(natural: natural, available: options.maxWidth)

        // A slot is a drawn column: a result column, or the `…` stand-in for dropped ones.
        var slots: [(column: Int?, width: Int)] = fit.shown.indices.map { (fit.shown[$0], fit.widths[$0]) }
        if let gap = fit.gapBefore { slots.insert((nil, 1), at: gap) }

        var out = ""
        func rule(_ left: String, _ middle: String, _ right: String) {
            out += left + slots.map { String(repeating: "─", count: $0.width + 2) }.joined(separator: middle) + right + "\n"
        }
        func line(_ text: (_ column: Int?, _ width: Int) -> String) {
            out += "│" + slots.map { " " + text($0.column, $0.width) + " " }.joined(separator: "│") + "│\n"
        }

        rule("┌", "┬", "┐")
        line { c, w in c.map { cell(names[$0], width: w, .center, style: .bold) } ?? cell("…", width: w, .center) }
        line { c, w in c.map { cell(types[$0], width: w, .center, style: .dim) } ?? cell("", width: w, .center) }
        if rows.isEmpty {
            rule("└", "┴", "┘")
        } else {
            rule("├", "┼", "┤")
            for (i, _) in rows.enumerated() {
                if i == head.count, !tail.isEmpty {
                    line { _, w in cell("⋮", width: w, .center) }
                }
                line { c, w in
                    guard let c else { return cell("…", width: w, .center) }
                    let alignment: CellAlignment = CellText.isNumeric(result.columns[c].type) ? .right : .left
                    let item = cells[c][i]
                    return cell(item.text, width: w, alignment, style: item.isNull ? .dim : nil)
                }
            }
            rule("└", "┴", "┘")
        }
        if rows.count < result.rowCount || fit.gapBefore != nil {
            out += footer(shownRows: rows.count, shownColumns: fit.shown.count) + "\n"
        }
        return out
    }

    /// The rows drawn: all of them, or the first and last halves of `maxRows`.
    private func shownRows() -> (head: Range<Int>, tail: Range<Int>) {
        let total = result.rowCount
        guard let limit = options.maxRows, limit > 0, total > limit else { return (0..<total, total..<total) }
        return (0..<(limit + 1) / 2, (total - limit / 2)..<total)
    }

    /// `1000 rows (40 shown)  12 columns (5 shown)`, saying what was left out.
    private func footer(shownRows: Int, shownColumns: Int) -> String {
        let total = result.rowCount
        let columns = result.columns.count
        var text = total == 1 ? "1 row" : "\(total) rows"
        if shownRows < total { text += " (\(shownRows) shown)" }
        text += columns == 1 ? "  1 column" : "  \(columns) columns"
        if shownColumns < columns { text += " (\(shownColumns) shown)" }
        return text
    }

    /// ANSI styles used when colour is on.
    private enum Style {
        case bold
        case dim

        var on: String { self == .bold ? "\u{1B}[1m" : "\u{1B}[2m" }
        var off: String { "\u{1B}[22m" }
    }

    /// `text` cut and padded to `width` cells; only the text, not its padding, is styled.
    private func cell(_ text: String, width: Int, _ alignment: CellAlignment, style: Style? = nil) -> String {
        let fitted = DisplayWidth.truncate(text, to: width)
        guard options.colour, let style, !fitted.isEmpty else {
            return DisplayWidth.pad(fitted, to: width, alignment)
        }
        let slack = max(0, width - DisplayWidth.of(fitted))
        let left = switch alignment {
        case .left: 0
        case .right: slack
        case .center: slack / 2
        }
        return String(repeating: " ", count: left) + style.on + fitted + style.off + String(repeating: " ", count: slack - left)
    }
}
