import Columnar
import GRDB

extension Workspace {
    /// Names of the tables, sorted.
    /// - Throws: `StoreError` when the workspace cannot be read.
    public func tableNames() throws -> [String] {
        try read("list tables") { db in
            try String.fetchAll(db, sql: "SELECT name FROM chm_tables ORDER BY name COLLATE NOCASE")
        }
    }

    /// A snapshot of the table called `name` (matched without regard to case), or `nil`.
    /// - Throws: `StoreError` when the workspace cannot be read or the table's catalog is damaged.
    public func table(named name: String) throws -> (any TableProvider)? {
        try storedTable(named: name)
    }

    /// ``table(named:)`` with its concrete type, for callers that prefetch or inspect segments.
    /// - Throws: `StoreError` when the workspace cannot be read or the table's catalog is damaged.
    public func storedTable(named name: String) throws -> StoredTable? {
        try read("read table \(name)") { db in
            guard let table = try _CatalogQueries.table(db, named: name) else { return nil }
            // A table's version grows with every committed batch, so an equal
            // version means identical catalog records: reuse them rather than
            // re-read the records of every segment for each query.
            let records: _SnapshotRecords
            if let cached = snapshots.withLock({ $0[table.id] }), cached.table.version == table.version {
                records = cached
            } else {
                records = _SnapshotRecords(
                    table: table,
                    columns: try _CatalogQueries.columns(db, table: table.id, path: path),
                    segments: try _CatalogQueries.segments(db, table: table.id),
                    dictionarySizes: try _CatalogQueries.dictionarySizes(db, table: table.id))
                snapshots.withLock { $0[table.id] = records }
            }
            let snapshot = try StoredTable(workspace: self, table: records.table, columns: records.columns,
                                           segments: records.segments, dictionarySizes: records.dictionarySizes)
            return snapshot
        }
    }

    /// The columns of a table, or `nil` when there is no such table.
    /// - Throws: `StoreError` when the workspace cannot be read.
    public func schema(of table: String) throws -> TableSchema? {
        try read("read table \(table)") { db in
            guard let record = try _CatalogQueries.table(db, named: table) else { return nil }
            return TableSchema(try _CatalogQueries.columns(db, table: record.id, path: path).map {
                ColumnSchema(name: $0.name, type: $0.type)
            })
        }
    }
}

/// What a table snapshot is built from, as read from the catalog.
struct _SnapshotRecords: Sendable {
    var table: _TableRecord
    var columns: [_ColumnRecord]
    var segments: [_SegmentRecord]
    var dictionarySizes: [Int: Int]
}
