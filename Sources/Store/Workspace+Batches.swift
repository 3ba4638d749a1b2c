import GRDB

extension Workspace {
    private static let batchColumns = """
        id, table_name, source, file_name, sha256, rows, rejects, started_at, ended_at, status, message
        """

    private static func batchRecord(_ row: Row) -> BatchRecord {
        let status: String = row[9]
        return BatchRecord(id: row[0], table: row[1], source: row[2], fileName: row[3], sha256: row[4], rows: row[5],
                           rejects: row[6], startedAt: row[7], endedAt: row[8],
                           status: BatchRecord.Status(rawValue: status) ?? .failed, message: row[10])
    }

    /// Records a batch that could not be ingested, with the lines that were rejected.
    ///
    /// Called after a failed `append` (which kept nothing) so the failure and
    /// its reasons remain visible.
    /// - Parameters:
    ///   - batch: the input file.
    ///   - table: the table it was meant for.
    ///   - rejects: the rejected lines (the first `maxStoredRejects` are stored).
    ///   - error: why the batch failed, as shown to the user.
    /// - Returns: the failed batch's record.
    /// - Throws: `StoreError` when the workspace cannot be written.
    public func recordFailedBatch(_ batch: BatchDescription, table: String, rejects: [Reject], error: String) throws -> BatchRecord {
        try write("record the failed batch \(batch.fileName)") { db in
            let now = _Clock.now()
            let name = try _CatalogQueries.table(db, named: table)?.name ?? table
            try db.execute(sql: """
                INSERT INTO chm_batches (table_name, source, file_name, sha256, rows, rejects, started_at, ended_at, status, message)
                VALUES (?, ?, ?, ?, 0, ?, ?, ?, 'failed', ?)
                """, arguments: [name, batch.source, batch.fileName, batch.sha256.lowercased(), rejects.count, now, now, error])
            let id = db.lastInsertedRowID
            try _AppendSession.insertRejects(db, batch: id, rejects.prefix(Self.maxStoredRejects))
            return BatchRecord(id: id, table: name, source: batch.source, fileName: batch.fileName, sha256: batch.sha256.lowercased(),
                               rows: 0, rejects: rejects.count, startedAt: now, endedAt: now, status: .failed, message: error)
        }
    }

    /// Every batch, oldest first.
    /// - Throws: `StoreError` when the workspace cannot be read.
    public func batches() throws -> [BatchRecord] {
        try read("list batches") { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.batchColumns) FROM chm_batches ORDER BY id").map(Self.batchRecord)
        }
    }

    /// The batch numbered `id`, or `nil`.
    /// - Throws: `StoreError` when the workspace cannot be read.
    public func batch(id: Int64) throws -> BatchRecord? {
        try read("read batch \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.batchColumns) FROM chm_batches WHERE id = ?", arguments: [id]).map(Self.batchRecord)
        }
    }

    /// The latest committed batch of a file into a table, so an importer can
    /// skip a file already ingested.
    /// - Parameters:
    ///   - sha256: the file's hex SHA-256 (compared without regard to case).
    ///   - table: the table's name, in any case.
    /// - Throws: `StoreError` when the workspace cannot be read.
    public func batch(sha256: String, table: String) throws -> BatchRecord? {
        try read("look up file \(sha256)") { db in
            try Self.committedBatch(db, sha256: sha256, table: table)
        }
    }

    /// The latest committed batch of a file into a table, other than batch
    /// `excluded` (the one an append is writing, whose record is already in
    /// the catalog).
    static func committedBatch(_ db: Database, sha256: String, table: String, excluding excluded: Int64? = nil) throws -> BatchRecord? {
        try Row.fetchOne(db, sql: """
            SELECT \(batchColumns) FROM chm_batches
            WHERE sha256 = ? AND table_name = ? AND status = 'committed' AND id IS NOT ? ORDER BY id DESC LIMIT 1
            """, arguments: [sha256.lowercased(), table, excluded]).map(batchRecord)
    }

    /// The stored rejected lines of a batch, in the order they were recorded.
    /// - Throws: `StoreError(.notFound)` when there is no such batch.
    public func rejects(batch: Int64) throws -> [Reject] {
        try read("read the rejects of batch \(batch)") { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM chm_batches WHERE id = ?", arguments: [batch]) != nil else {
                throw StoreError(.notFound, "There is no batch \(batch) in \(path).", context: ["path": path, "batch": String(batch)])
            }
            return try Row.fetchAll(db, sql: "SELECT line, reason, text FROM chm_rejects WHERE batch_id = ? ORDER BY rowid",
                                    arguments: [batch]).map { Reject(line: $0[0], reason: $0[1], text: $0[2]) }
        }
    }
}
