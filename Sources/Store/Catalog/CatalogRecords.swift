import Columnar
import Foundation
import GRDB

/// A row of `chm_tables`.
struct _TableRecord: Sendable {
    var id: Int64
    var name: String
    var rowCount: Int
    var version: Int64
}

/// A row of `chm_columns`.
struct _ColumnRecord: Sendable {
    var ordinal: Int
    var name: String
    var type: DataType
    /// The table's row count when the column was added.
    var firstRow: Int

    /// The first segment that stores the column: earlier ones predate it and read as nulls.
    var firstSegment: Int { firstRow / Workspace.rowsPerSegment }
}

/// A row of `chm_segments` without its data.
struct _SegmentRecord: Sendable {
    var column: Int
    var segment: Int
    var rowCount: Int
    var nullCount: Int
    var encoding: String
    var minInt: Int64?
    var maxInt: Int64?
    var minFloat: Double?
    var maxFloat: Double?
    var byteSize: Int
    var checksum: UInt64

    /// The statistics the engine uses to skip the segment, rebuilt from the catalog.
    func statistics(_ type: DataType) -> ColumnStatistics {
        guard nullCount < rowCount else { return .allNull(rowCount: rowCount) }
        let bounds: ColumnStatistics.Bounds?
        switch type {
        case .int64, .timestamp, .date:
            bounds = minInt.flatMap { lo in maxInt.map { .integers(min: lo, max: $0) } }
        case .string:
            bounds = minInt.flatMap { lo in maxInt.map { .codes(min: UInt32(truncatingIfNeeded: lo), max: UInt32(truncatingIfNeeded: $0)) } }
        case .bool:
            bounds = .booleans(hasFalse: minInt == 0, hasTrue: maxInt == 1)
        case .float64:
            bounds = minFloat.flatMap { lo in maxFloat.map { .floats(min: lo, max: $0) } }
        }
        return ColumnStatistics(rowCount: rowCount, nullCount: nullCount, bounds: bounds)
    }
}

/// The catalog reads and writes shared by appends and snapshots.
enum _CatalogQueries {
    static func table(_ db: Database, named name: String) throws -> _TableRecord? {
        try Row.fetchOne(db, sql: "SELECT id, name, row_count, version FROM chm_tables WHERE name = ?", arguments: [name]).map {
            _TableRecord(id: $0[0], name: $0[1], rowCount: $0[2], version: $0[3])
        }
    }

    static func columns(_ db: Database, table: Int64, path: String) throws -> [_ColumnRecord] {
        try Row.fetchAll(db, sql: "SELECT ordinal, name, type, first_row FROM chm_columns WHERE table_id = ? ORDER BY ordinal",
                         arguments: [table]).map { row in
            let typeName: String = row[2]
            guard let type = DataType(name: typeName) else {
                throw StoreError(.corrupt, "The workspace \(path) records an unknown column type \"\(typeName)\".",
                                 context: ["path": path, "column": row[1]])
            }
            return _ColumnRecord(ordinal: row[0], name: row[1], type: type, firstRow: row[3])
        }
    }

    static func segments(_ db: Database, table: Int64) throws -> [_SegmentRecord] {
        try Row.fetchAll(db, sql: """
            SELECT column_ordinal, segment_no, row_count, null_count, encoding, min_int, max_int, min_float, max_float,
                   byte_size, checksum
            FROM chm_segments WHERE table_id = ? ORDER BY segment_no, column_ordinal
            """, arguments: [table]).map { row in
            _SegmentRecord(column: row[0], segment: row[1], rowCount: row[2], nullCount: row[3], encoding: row[4],
                           minInt: row[5], maxInt: row[6], minFloat: row[7], maxFloat: row[8], byteSize: row[9],
                           checksum: UInt64(bitPattern: row[10]))
        }
    }

    /// Entries in each string column's dictionary, by column ordinal.
    static func dictionarySizes(_ db: Database, table: Int64) throws -> [Int: Int] {
        var sizes: [Int: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT column_ordinal, SUM(count) FROM chm_dictionaries WHERE table_id = ? GROUP BY column_ordinal
            """, arguments: [table]) {
            sizes[row[0]] = row[1]
        }
        return sizes
    }

    /// Inserts a segment, replacing the one with the same key (a topped-up last segment).
    static func putSegment(_ db: Database, table: Int64, column: Int, segment: Int, _ encoded: _EncodedSegment) throws {
        var minInt: Int64?, maxInt: Int64?, minFloat: Double?, maxFloat: Double?
        switch encoded.statistics.bounds {
        case .integers(let lo, let hi)?: (minInt, maxInt) = (lo, hi)
        case .codes(let lo, let hi)?: (minInt, maxInt) = (Int64(lo), Int64(hi))
        case .booleans(let f, let t)?: (minInt, maxInt) = (f ? 0 : 1, t ? 1 : 0)
        case .floats(let lo, let hi)?: (minFloat, maxFloat) = (lo, hi)
        case nil: break
        }
        let statement = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO chm_segments
                (table_id, column_ordinal, segment_no, row_count, null_count, encoding, min_int, max_int,
                 min_float, max_float, byte_size, checksum, data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            table, column, segment, encoded.statistics.rowCount, encoded.statistics.nullCount, encoded.encoding,
            minInt, maxInt, minFloat, maxFloat, encoded.blob.count, Int64(bitPattern: encoded.checksum),
            Data(encoded.blob),
        ])
    }
}
