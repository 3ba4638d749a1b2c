/// A table held in memory: query results, sub-query and CTE
/// materialisations, test fixtures.
public struct Table: TableProvider {
    /// The table's name.
    public var name: String
    /// The columns.
    public let schema: TableSchema
    /// `chunks[rowGroup][column]`.
    public let chunks: [[ColumnChunk]]
    /// Statistics, computed once at construction.
    public let rowGroups: [RowGroupInfo]
    let dictionaries: [StringDictionary?]

    /// Creates a table from row groups of column chunks.
    ///
    /// Every row group must hold one chunk per column, of the column's type,
    /// all of the same length, and string columns must share one dictionary.
    public init(name: String, schema: TableSchema, rowGroups chunks: [[ColumnChunk]]) {
        for group in chunks {
            precondition(group.count == schema.columns.count, "a row group must have a chunk per column")
            for (chunk, column) in zip(group, schema.columns) {
                precondition(chunk.type == column.type, "chunk type \(chunk.type) for \(column.type) column \(column.name)")
                precondition(chunk.count == group[0].count, "chunks of a row group differ in length")
            }
        }
        var dictionaries: [StringDictionary?] = []
        for (c, column) in schema.columns.enumerated() {
            guard column.type == .string else { dictionaries.append(nil); continue }
            let first = chunks.first?[c].dictionary ?? StringDictionary()
            precondition(chunks.allSatisfy { $0[c].dictionary === first || $0[c].count == $0[c].nullCount },
                         "row groups of a string column must share one dictionary")
            dictionaries.append(first)
        }
        self.name = name
        self.schema = schema
        self.chunks = chunks
        self.dictionaries = dictionaries
        self.rowGroups = chunks.map { group in
            RowGroupInfo(rowCount: group.first?.count ?? 0, statistics: group.map(\.statistics))
        }
    }

    /// Creates a single-row-group table from columns of equal length.
    public init(name: String, columns: [(name: String, chunk: ColumnChunk)]) {
        self.init(
            name: name,
            schema: TableSchema(columns.map { ColumnSchema(name: $0.name, type: $0.chunk.type) }),
            rowGroups: columns.isEmpty ? [] : [columns.map(\.chunk)]
        )
    }

    /// Loads one column of one row group.
    public func loadColumn(_ column: Int, rowGroup: Int) throws -> ColumnChunk {
        chunks[rowGroup][column]
    }

    /// The dictionary of a string column.
    public func dictionary(ofColumn column: Int) throws -> StringDictionary {
        dictionaries[column] ?? StringDictionary()
    }

    /// The value at a row and column, counting rows across row groups.
    public func value(row: Int, column: Int) -> Value {
        var r = row
        for group in chunks {
            let n = group[column].count
            if r < n { return group[column].value(at: r) }
            r -= n
        }
        preconditionFailure("row \(row) out of range")
    }
}

/// A catalog of in-memory tables, for tests and embedded use.
public struct MemoryCatalog: Catalog {
    /// The tables by lower-cased name.
    public var tables: [String: Table]

    /// Creates a catalog holding `tables`.
    public init(_ tables: [Table] = []) {
        self.tables = Dictionary(tables.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { $1 })
    }

    /// Names of the tables, sorted.
    public func tableNames() throws -> [String] { tables.values.map(\.name).sorted() }

    /// The table called `name`, ignoring case.
    public func table(named name: String) throws -> (any TableProvider)? { tables[name.lowercased()] }
}
