/// What the engine needs to know about one run of rows (a stored segment
/// or an in-memory chunk group) before reading it.
public struct RowGroupInfo: Sendable, Hashable {
    /// Rows in the group.
    public var rowCount: Int
    /// Statistics per column, in schema order.
    public var statistics: [ColumnStatistics]

    /// Creates a row-group description.
    public init(rowCount: Int, statistics: [ColumnStatistics]) {
        self.rowCount = rowCount
        self.statistics = statistics
    }
}

/// A table the engine can scan: a schema, row groups with statistics, and
/// column chunks loaded on demand, one column of one row group at a time.
///
/// The store's tables and in-memory tables both conform. Every string
/// column uses one dictionary across all its row groups.
public protocol TableProvider: Sendable {
    /// The table's name.
    var name: String { get }
    /// The columns.
    var schema: TableSchema { get }
    /// The row groups, in row order.
    var rowGroups: [RowGroupInfo] { get }
    /// Loads one column of one row group.
    /// - Throws: when the data cannot be read or fails its checksum.
    func loadColumn(_ column: Int, rowGroup: Int) throws -> ColumnChunk
    /// The dictionary shared by a string column's row groups.
    func dictionary(ofColumn column: Int) throws -> StringDictionary
}

extension TableProvider {
    /// Total rows.
    public var rowCount: Int { rowGroups.reduce(0) { $0 + $1.rowCount } }

    /// Statistics of a column over the whole table.
    public func statistics(ofColumn column: Int) -> ColumnStatistics {
        rowGroups.reduce(ColumnStatistics(rowCount: 0, nullCount: 0, bounds: nil)) { $0.merged(with: $1.statistics[column]) }
    }
}

/// A source of named tables: the workspace store, or an in-memory set.
public protocol Catalog: Sendable {
    /// Names of the tables, sorted.
    func tableNames() throws -> [String]
    /// The table called `name` (case-insensitive), or `nil`.
    func table(named name: String) throws -> (any TableProvider)?
}
