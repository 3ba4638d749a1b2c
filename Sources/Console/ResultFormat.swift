import Columnar

/// How a query result is written out: for people (`table`, `line`), for
/// documents (`markdown`) or for other programs (`csv`, `json`).
public enum ResultFormat: String, Sendable, Hashable, CaseIterable {
    /// Box-drawn columns with a header and a type line, like DuckDB's duckbox.
    case table
    /// RFC 4180 comma-separated values with a header row, LF line ends.
    case csv
    /// A JSON array of objects keyed by column name.
    case json
    /// A GitHub-flavoured Markdown pipe table.
    case markdown
    /// One `name = value` line per cell, records separated by a blank line.
    case line

    /// Parses a format name as typed after `.mode` or `--format`.
    ///
    /// Accepts the case names and DuckDB's `box`/`duckbox` for `table`, `md` for `markdown`.
    /// - Parameter name: the name, in any case.
    public init?(name: String) {
        switch name.lowercased() {
        case "table", "box", "duckbox": self = .table
        case "csv": self = .csv
        case "json": self = .json
        case "markdown", "md": self = .markdown
        case "line": self = .line
        default: return nil
        }
    }

    /// Writes `result` out in this format.
    ///
    /// A pure function of its inputs: the same result and options give the
    /// same text. The text ends with a newline unless it is empty.
    /// - Parameters:
    ///   - result: the rows to write.
    ///   - options: row and width limits (table only), the text for NULL, colour.
    /// - Returns: the rendered text.
    public func render(_ result: QueryResult, options: RenderOptions = RenderOptions()) -> String {
        switch self {
        case .table: BoxTable(result: result, options: options).render()
        case .csv: CSVWriter(result: result, options: options).render()
        case .json: JSONWriter(result: result).render()
        case .markdown: MarkdownTable(result: result, options: options).render()
        case .line: LineRecords(result: result, options: options).render()
        }
    }
}
