/// One column of a query result.
public struct ResultColumn: Sendable {
    /// The output name (alias, column name or the expression's text).
    public var name: String
    /// The values.
    public var chunk: ColumnChunk

    /// The column's type.
    public var type: DataType { chunk.type }

    /// Creates a result column.
    public init(name: String, chunk: ColumnChunk) {
        self.name = name
        self.chunk = chunk
    }
}

/// The rows a query returned, held column by column.
public struct QueryResult: Sendable {
    /// The columns, in select-list order.
    public var columns: [ResultColumn]
    /// The number of rows.
    public let rowCount: Int

    /// Creates a result from columns of equal length.
    public init(columns: [ResultColumn]) {
        precondition(columns.dropFirst().allSatisfy { $0.chunk.count == columns[0].chunk.count })
        self.columns = columns
        self.rowCount = columns.first?.chunk.count ?? 0
    }

    /// The value at a row and column.
    public func value(row: Int, column: Int) -> Value {
        columns[column].chunk.value(at: row)
    }

    /// Column names.
    public var names: [String] { columns.map(\.name) }

    /// Every row as values; for tests and small results.
    public var rows: [[Value]] {
        (0..<rowCount).map { r in columns.map { $0.chunk.value(at: r) } }
    }

    /// The result as an in-memory table (for sub-queries and CTEs).
    public func table(named name: String) -> Table {
        Table(name: name, columns: columns.map { ($0.name, $0.chunk) })
    }
}
