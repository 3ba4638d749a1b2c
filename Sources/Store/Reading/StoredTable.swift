import Columnar
import Synchronization

/// A consistent snapshot of one stored table: its schema and row groups as
/// they were when `Workspace.table(named:)` was called.
///
/// Appends made later are not seen. Segments are read on demand and decoded
/// segments are shared through the workspace's cache; every string chunk
/// handed out carries the one dictionary this snapshot resolved for its column.
public final class StoredTable: TableProvider {
    /// The table's name as created.
    public let name: String
    /// The columns, in order.
    public let schema: TableSchema
    /// One row group per segment, with statistics from the catalog.
    public let rowGroups: [RowGroupInfo]
    /// The table's version: it grows by one with every committed batch.
    public let version: Int64

    let workspace: Workspace
    let tableID: Int64
    let columns: [_ColumnRecord]
    /// `segments[rowGroup][column]`; `nil` before the column existed.
    let segments: [[_SegmentRecord?]]
    /// Entries each string column's dictionary had at the snapshot.
    let dictionarySizes: [Int]
    private let resolved = Mutex<[Int: StringDictionary]>([:])

    init(workspace: Workspace, table: _TableRecord, columns: [_ColumnRecord], segments records: [_SegmentRecord],
         dictionarySizes sizes: [Int: Int]) throws {
        let perSegment = Workspace.rowsPerSegment
        let groups = (table.rowCount + perSegment - 1) / perSegment
        var segments = [[_SegmentRecord?]](repeating: [_SegmentRecord?](repeating: nil, count: columns.count), count: groups)
        for record in records where record.segment < groups && record.column < columns.count {
            segments[record.segment][record.column] = record
        }
        var rowGroups: [RowGroupInfo] = []
        rowGroups.reserveCapacity(groups)
        for k in 0..<groups {
            let rows = Swift.min(perSegment, table.rowCount - k * perSegment)
            let statistics = try columns.map { column -> ColumnStatistics in
                if k < column.firstSegment { return .allNull(rowCount: rows) }
                guard let record = segments[k][column.ordinal], record.rowCount == rows else {
                    throw StoreError(.corrupt,
                                     "Table \(table.name) is damaged: segment \(k) of column \(column.name) is missing or has the wrong number of rows.",
                                     context: ["path": workspace.path, "table": table.name, "column": column.name, "segment": String(k)])
                }
                return record.statistics(column.type)
            }
            rowGroups.append(RowGroupInfo(rowCount: rows, statistics: statistics))
        }
        self.workspace = workspace
        self.name = table.name
        self.version = table.version
        self.tableID = table.id
        self.columns = columns
        self.schema = TableSchema(columns.map { ColumnSchema(name: $0.name, type: $0.type) })
        self.segments = segments
        self.rowGroups = rowGroups
        self.dictionarySizes = columns.map { sizes[$0.ordinal] ?? 0 }
    }

    private func checkBounds(column: Int, rowGroup: Int? = nil) throws {
        guard columns.indices.contains(column) else {
            throw StoreError(.invalidArgument, "Table \(name) has no column number \(column).", context: ["table": name])
        }
        if let rowGroup, !rowGroups.indices.contains(rowGroup) {
            throw StoreError(.invalidArgument, "Table \(name) has no row group number \(rowGroup).", context: ["table": name])
        }
    }

    /// Loads one column of one row group, from the cache when it is there.
    /// - Parameters:
    ///   - column: the column's position in ``schema``.
    ///   - rowGroup: the row group's position in ``rowGroups``.
    /// - Throws: `StoreError(.corrupt)` naming table, column and segment when the
    ///   stored data fails its checksum; `.notFound` when the table was dropped since the snapshot.
    public func loadColumn(_ column: Int, rowGroup: Int) throws -> ColumnChunk {
        try checkBounds(column: column, rowGroup: rowGroup)
        let record = columns[column]
        let rows = rowGroups[rowGroup].rowCount
        guard let segment = segments[rowGroup][column] else { return try nulls(column, rows) }
        let key = _ChunkCache.Key(table: tableID, column: column, segment: rowGroup)
        let values = try workspace.chunks.values(key, checksum: segment.checksum) {
            let loaded = try workspace.read("read table \(name)") { db in
                try workspace.loadSegments(db, table: (tableID, name), column: record, segments: [rowGroup])
            }
            guard let first = loaded.first else { throw droppedError() }
            return (first.checksum, first.values)
        }
        return try chunk(values, column: column, rows: rows)
    }

    /// The snapshot's rows of a decoded segment (an append may have topped it
    /// up since: its first rows are unchanged, so the prefix is exact).
    private func chunk(_ values: _SegmentValues, column: Int, rows: Int) throws -> ColumnChunk {
        guard values.count >= rows else { throw droppedError() }
        let type = columns[column].type
        let dictionary = type == .string ? try self.dictionary(ofColumn: column) : StringDictionary()
        return values.prefix(rows).chunk(type: type, dictionary: dictionary)
    }

    private func nulls(_ column: Int, _ rows: Int) throws -> ColumnChunk {
        let type = columns[column].type
        guard type == .string else { return .nulls(type, count: rows) }
        return ColumnChunk(type: .string, storage: .strings(codes: .uint8([UInt8](repeating: 0, count: rows)),
                                                            dictionary: try dictionary(ofColumn: column)),
                           validity: Bitmap(count: rows, value: false))
    }

    private func droppedError() -> StoreError {
        StoreError(.notFound, "Table \(name) changed while it was being read: it was dropped or replaced.",
                   context: ["path": workspace.path, "table": name])
    }

    /// The dictionary shared by all row groups of a string column (empty for other types).
    /// - Parameter column: the column's position in ``schema``.
    /// - Throws: `StoreError(.corrupt)` when the stored strings are damaged.
    public func dictionary(ofColumn column: Int) throws -> StringDictionary {
        try checkBounds(column: column)
        if let known = resolved.withLock({ $0[column] }) { return known }
        let found = columns[column].type == .string
            ? try workspace.dictionary(table: tableID, column: column, atLeast: dictionarySizes[column],
                                       names: (name, columns[column].name))
            : StringDictionary()
        return resolved.withLock { known in
            if let first = known[column] { return first }
            known[column] = found
            return found
        }
    }

    /// Reads and decodes the given segments into the workspace's cache with
    /// one query per column, ahead of a scan that will need them.
    /// - Parameters:
    ///   - columns: column positions in ``schema``.
    ///   - rowGroups: row group positions in ``rowGroups``.
    /// - Throws: `StoreError(.corrupt)` when a segment is damaged.
    public func prefetch(columns wanted: [Int], rowGroups groups: [Int]) throws {
        for column in wanted {
            try checkBounds(column: column)
            let missing = groups.filter { k in
                guard rowGroups.indices.contains(k), let segment = segments[k][column] else { return false }
                return workspace.chunks.lookup(_ChunkCache.Key(table: tableID, column: column, segment: k), checksum: segment.checksum) == nil
            }
            guard !missing.isEmpty else { continue }
            let loaded = try workspace.read("read table \(name)") { db in
                try workspace.loadSegments(db, table: (tableID, name), column: columns[column], segments: missing)
            }
            for segment in loaded {
                workspace.chunks.insert(_ChunkCache.Key(table: tableID, column: column, segment: segment.segment),
                                        checksum: segment.checksum, values: segment.values)
            }
        }
    }

    /// Bytes the table's segments take in the file.
    public var storedBytes: Int {
        segments.reduce(0) { $0 + $1.reduce(0) { $0 + ($1?.byteSize ?? 0) } }
    }

    /// The encoding chosen for each segment of a column, in row-group order
    /// (`nil` where the column did not exist yet): for `.schema` style output and tests.
    public func encodings(ofColumn column: Int) -> [String?] {
        segments.map { $0[column]?.encoding }
    }
}
