import Columnar
import GRDB

/// A segment read back from the file and decoded.
struct _LoadedSegment: Sendable {
    var segment: Int
    var checksum: UInt64
    var values: _SegmentValues
}

extension Workspace {
    /// Reads and decodes segments of one column, one query per few hundred segments.
    /// - Parameters:
    ///   - db: a connection in a transaction.
    ///   - table: the table's id and name.
    ///   - column: the column.
    ///   - segments: the segment numbers wanted.
    /// - Throws: `StoreError(.corrupt)` naming table, column and segment when a
    ///   segment fails its checksum or does not match the catalog.
    func loadSegments(_ db: Database, table: (id: Int64, name: String), column: _ColumnRecord, segments: [Int]) throws -> [_LoadedSegment] {
        var loaded: [_LoadedSegment] = []
        loaded.reserveCapacity(segments.count)
        var start = 0
        while start < segments.count {
            let part = Array(segments[start..<Swift.min(start + 500, segments.count)])
            start += part.count
            let marks = Array(repeating: "?", count: part.count).joined(separator: ", ")
            var arguments: StatementArguments = [table.id, column.ordinal]
            arguments += StatementArguments(part)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT segment_no, row_count, checksum, data FROM chm_segments
                WHERE table_id = ? AND column_ordinal = ? AND segment_no IN (\(marks))
                """, arguments: arguments)
            while let row = try rows.next() {
                let segment: Int = row[0]
                let rowCount: Int = row[1]
                let checksum = UInt64(bitPattern: row[2])
                let values = try _FormatError.translated({ reason in
                    StoreError(.corrupt,
                               "Segment \(segment) of column \(column.name) in table \(table.name) is damaged: \(reason).",
                               context: ["path": path, "table": table.name, "column": column.name, "segment": String(segment)])
                }) {
                    try row.withUnsafeData(atIndex: 3) { data -> _SegmentValues in
                        guard let data else { throw _FormatError(reason: "it is empty") }
                        return try data.withUnsafeBytes { blob in
                            guard blob.count >= 8,
                                  UInt64(littleEndian: blob.loadUnaligned(fromByteOffset: blob.count - 8, as: UInt64.self)) == checksum
                            else { throw _FormatError(reason: "its checksum differs from the catalog's") }
                            return try _SegmentDecoder.decode(blob, type: column.type, rowCount: rowCount)
                        }
                    }
                }
                loaded.append(_LoadedSegment(segment: segment, checksum: checksum, values: values))
            }
        }
        return loaded
    }
}
