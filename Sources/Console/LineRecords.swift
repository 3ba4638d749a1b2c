import Columnar

/// A result as one `name = value` line per cell, records separated by a blank
/// line, names right-aligned, as DuckDB's and SQLite's `line` mode print it:
///
///      site = basel
///      hits = 12
///
/// Suits results with many columns or long values. Values are exact and
/// written as they are (a value with a newline continues on the next line).
struct LineRecords {
    /// The rows to write.
    let result: QueryResult
    /// The NULL text, when the user set one.
    let options: RenderOptions

    /// The records, ending in a newline.
    func render() -> String {
        let names = result.names
        let width = names.reduce(0) { max($0, DisplayWidth.of($1)) }
        let padded = names.map { DisplayWidth.pad($0, to: width, .right) }
        let nullText = options.nullText ?? "NULL"
        var out = ""
        for r in 0..<result.rowCount {
            if r > 0 { out += "\n" }
            for (c, column) in result.columns.enumerated() {
                let value = column.chunk.value(at: r)
                out += padded[c] + " = " + (value.isNull ? nullText : CellText.exact(value)) + "\n"
            }
        }
        return out
    }
}
