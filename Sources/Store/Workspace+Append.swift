import Columnar
import GRDB

extension Workspace {
    /// Rejected lines stored per batch; the batch record counts all of them.
    public static let maxStoredRejects = 10_000

    /// Appends one batch of rows to a table in a single transaction.
    ///
    /// The table is created on the first write if absent. Everything the body
    /// writes, the batch record and its rejects are committed together when
    /// the body returns; if it throws, or storing fails, nothing is kept and
    /// the workspace is exactly as before. The body must not call other
    /// methods of this workspace (`secret()` excepted): the write transaction
    /// is open while it runs.
    /// - Parameters:
    ///   - table: the table's name (matched without regard to case).
    ///   - batch: the input file the rows come from.
    ///   - body: writes rows and rejects through the writer.
    /// - Returns: the committed batch's record.
    /// - Throws: what the body throws, unchanged; `StoreError` when the rows do
    ///   not fit the table or the workspace cannot be written.
    @discardableResult
    public func append(to table: String, batch: BatchDescription, _ body: (inout BatchWriter) throws -> Void) throws -> BatchRecord {
        guard !table.isEmpty else {
            throw StoreError(.invalidArgument, "A table name cannot be empty.", context: ["path": path])
        }
        var published: [(_DictionaryCache.Key, StringDictionary)] = []
        let record = try write("append to table \(table)") { db -> BatchRecord in
            let session = try _AppendSession(workspace: self, db: db, tableName: table, batch: batch)
            defer { session.close() }
            var writer = BatchWriter(session: session)
            try body(&writer)
            let (record, dictionaries) = try session.finish()
            published = dictionaries
            return record
        }
        for (key, dictionary) in published { dictionaries.publish(key, dictionary) }
        shrinkLog()
        return record
    }
}
