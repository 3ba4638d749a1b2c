import Columnar
import Foundation
import GRDB

/// The state of one append: the open write transaction, the segment being
/// filled for every column, the string merges and the rejects.
///
/// Lives only inside `Workspace.append`'s write transaction; `BatchWriter`
/// is its public face.
final class _AppendSession {
    let workspace: Workspace
    let db: Database
    /// The input file; its hash may be given only once it has been read (`identify`).
    private(set) var batch: BatchDescription
    let batchID: Int64
    let startedAt: Int64
    private(set) var tableName: String
    private var table: _TableRecord?
    private var columns: [_ColumnRecord] = []
    private var accumulators: [_ColumnAccumulator] = []
    private var mergers: [Int: _StringMerger] = [:]
    /// The table's rows, this batch's included.
    private var rowCount = 0
    private(set) var rowsWritten = 0
    private var rejectCount = 0
    private var storedRejects = 0
    private var pendingRejects: [Reject] = []
    private(set) var isOpen = true

    private static let rejectFlushSize = 512
    private var rows: Int { Workspace.rowsPerSegment }

    init(workspace: Workspace, db: Database, tableName: String, batch: BatchDescription) throws {
        self.workspace = workspace
        self.db = db
        self.batch = batch
        self.tableName = try _CatalogQueries.table(db, named: tableName)?.name ?? tableName
        startedAt = _Clock.now()
        try db.execute(sql: """
            INSERT INTO chm_batches (table_name, source, file_name, sha256, rows, rejects, started_at, ended_at, status)
            VALUES (?, ?, ?, ?, 0, 0, ?, ?, 'committed')
            """, arguments: [self.tableName, batch.source, batch.fileName, batch.sha256.lowercased(), startedAt, startedAt])
        batchID = db.lastInsertedRowID
    }

    /// Sets the file's SHA-256 when it is known only after reading it.
    func identify(sha256: String) {
        batch.sha256 = sha256
    }

    /// The latest committed batch of the same file into this table, this one excluded.
    func earlierBatch(sha256: String) throws -> BatchRecord? {
        try Workspace.committedBatch(db, sha256: sha256, table: tableName, excluding: batchID)
    }

    /// Ends the session; the writer refuses further calls.
    func close() { isOpen = false }

    private var context: [String: String] { ["path": workspace.path, "table": tableName] }

    // MARK: Writing rows

    /// Appends the rows of `rows`, adding columns it has that the table lacks.
    func write(_ rows: Columnar.Table) throws {
        guard isOpen else {
            throw StoreError(.invalidArgument, "A batch writer was used after its append ended.", context: context)
        }
        try flushRejects()
        let target = try targets(rows.schema)
        for group in rows.chunks {
            let n = group.first?.count ?? 0
            var start = 0
            while start < n {
                let take = Swift.min(n - start, self.rows - rowCount % self.rows)
                let range = start..<(start + take)
                for ordinal in columns.indices {
                    guard let source = target[ordinal] else {
                        accumulators[ordinal].appendNulls(take)
                        continue
                    }
                    let chunk = group[source]
                    if chunk.type == .string {
                        try prepareMerger(for: ordinal)
                        accumulators[ordinal].appendStrings(chunk, range, merger: &mergers[ordinal]!)
                    } else {
                        accumulators[ordinal].append(chunk, range)
                    }
                }
                rowCount += take
                rowsWritten += take
                start += take
                if rowCount % self.rows == 0 { try flush(segment: rowCount / self.rows - 1) }
            }
        }
    }

    /// Appends `n` rows given as column buffers (see `ColumnBuffer`).
    func write(rows n: Int, _ buffers: [ColumnBuffer]) throws {
        guard isOpen else {
            throw StoreError(.invalidArgument, "A batch writer was used after its append ended.", context: context)
        }
        for b in buffers {
            let count: Int
            switch b.values {
            case .integers(let v): count = v.count
            case .booleans(let v): count = v.count
            case .codes(let v, _): count = v.count
            }
            guard b.fitsType, count >= n, (b.valid?.count ?? n) >= n else {
                throw StoreError(.invalidArgument, "The buffer of column \(b.schema.name) does not hold \(n) \(b.schema.type.name) values.",
                                 context: context.merging(["column": b.schema.name]) { a, _ in a })
            }
        }
        try flushRejects()
        let target = try targets(TableSchema(buffers.map(\.schema)))
        var start = 0
        while start < n {
            let take = Swift.min(n - start, rows - rowCount % rows)
            func part<T>(_ b: UnsafeBufferPointer<T>) -> UnsafeBufferPointer<T> { UnsafeBufferPointer(rebasing: b[start..<(start + take)]) }
            for ordinal in columns.indices {
                guard let source = target[ordinal] else {
                    accumulators[ordinal].appendNulls(take)
                    continue
                }
                let b = buffers[source]
                let valid = b.valid.map(part)
                switch b.values {
                case .integers(let v): accumulators[ordinal].append(integers: part(v), valid: valid)
                case .booleans(let v): accumulators[ordinal].append(booleans: part(v), valid: valid)
                case .codes(let v, let dictionary):
                    try prepareMerger(for: ordinal)
                    accumulators[ordinal].append(codes: part(v), valid: valid, from: dictionary, merger: &mergers[ordinal]!)
                }
            }
            rowCount += take
            rowsWritten += take
            start += take
            if rowCount % rows == 0 { try flush(segment: rowCount / rows - 1) }
        }
    }

    /// The table's columns (opened or created) mapped to the written columns: `target[ordinal]` is the
    /// index of the written column that fills it, nil when none does. Adds columns the table lacks.
    private func targets(_ schema: TableSchema) throws -> [Int?] {
        let written = try checkedColumns(schema)
        try openTable()
        var target: [Int?] = Array(repeating: nil, count: columns.count)
        for (i, column) in written.enumerated() {
            let ordinal = try columns.firstIndex { $0.name.lowercased() == column.name.lowercased() }
                .map { o in try checkType(columns[o], column.type) } ?? addColumn(column)
            if ordinal >= target.count { target.append(contentsOf: repeatElement(nil, count: ordinal - target.count + 1)) }
            target[ordinal] = i
        }
        return target
    }

    private func checkedColumns(_ schema: TableSchema) throws -> [ColumnSchema] {
        var seen = Set<String>()
        for column in schema.columns {
            guard !column.name.isEmpty else {
                throw StoreError(.invalidArgument, "A column written to table \(tableName) has no name.", context: context)
            }
            guard seen.insert(column.name.lowercased()).inserted else {
                throw StoreError(.invalidArgument, "The data written to table \(tableName) has the column \(column.name) twice.",
                                 context: context.merging(["column": column.name]) { a, _ in a })
            }
        }
        return schema.columns
    }

    private func checkType(_ stored: _ColumnRecord, _ type: DataType) throws -> Int {
        guard stored.type == type else {
            throw StoreError(.schemaConflict,
                             "Column \(stored.name) of table \(tableName) holds \(stored.type.name) values, but the data has \(type.name) values.",
                             context: context.merging(["column": stored.name, "stored": stored.type.name, "written": type.name]) { a, _ in a })
        }
        return stored.ordinal
    }

    /// Creates the table or, when it exists, loads its columns and its last,
    /// partly filled segment so the batch tops it up.
    private func openTable() throws {
        guard table == nil else { return }
        if let existing = try _CatalogQueries.table(db, named: tableName) {
            table = existing
            rowCount = existing.rowCount
            columns = try _CatalogQueries.columns(db, table: existing.id, path: workspace.path)
            accumulators = columns.map { _ColumnAccumulator(type: $0.type) }
            let fill = rowCount % rows
            guard fill > 0 else { return }
            let segment = rowCount / rows
            for column in columns {
                let loaded = try workspace.loadSegments(db, table: (existing.id, existing.name), column: column, segments: [segment])
                guard let last = loaded.first, last.values.count == fill else {
                    throw StoreError(.corrupt, "Segment \(segment) of column \(column.name) in table \(tableName) is missing or incomplete.",
                                     context: context.merging(["column": column.name, "segment": String(segment)]) { a, _ in a })
                }
                accumulators[column.ordinal].load(last.values)
            }
        } else {
            let now = _Clock.now()
            try db.execute(sql: "INSERT INTO chm_tables (name, row_count, version, created_at) VALUES (?, 0, 0, ?)",
                           arguments: [tableName, now])
            table = _TableRecord(id: db.lastInsertedRowID, name: tableName, rowCount: 0, version: 0)
        }
    }

    /// Adds a column; the rows already in its first segment read as nulls.
    private func addColumn(_ column: ColumnSchema) throws -> Int {
        let record = _ColumnRecord(ordinal: columns.count, name: column.name, type: column.type, firstRow: rowCount)
        try db.execute(sql: "INSERT INTO chm_columns (table_id, ordinal, name, type, first_row) VALUES (?, ?, ?, ?, ?)",
                       arguments: [table!.id, record.ordinal, record.name, record.type.name, record.firstRow])
        columns.append(record)
        var accumulator = _ColumnAccumulator(type: column.type)
        accumulator.appendNulls(rowCount % rows)
        accumulators.append(accumulator)
        return record.ordinal
    }

    /// Loads the committed dictionary of a string column the first time the batch writes to it.
    private func prepareMerger(for ordinal: Int) throws {
        guard mergers[ordinal] == nil else { return }
        let base = try workspace.committedDictionary(db, table: table!.id, column: ordinal, names: (tableName, columns[ordinal].name))
        mergers[ordinal] = _StringMerger(base: base)
    }

    /// Encodes and stores segment `segment` of every column that changed.
    private func flush(segment: Int) throws {
        for ordinal in accumulators.indices {
            if accumulators[ordinal].isDirty {
                let encoded = accumulators[ordinal].encode()
                try _CatalogQueries.putSegment(db, table: table!.id, column: ordinal, segment: segment, encoded)
            }
            accumulators[ordinal].reset()
        }
    }

    // MARK: Rejects

    /// Records a rejected input line; the first `Workspace.maxStoredRejects` are stored.
    func reject(_ reject: Reject) {
        precondition(isOpen, "a batch writer was used after its append ended")
        rejectCount += 1
        if storedRejects + pendingRejects.count < Workspace.maxStoredRejects {
            pendingRejects.append(reject)
        }
    }

    private func flushRejects() throws {
        guard !pendingRejects.isEmpty else { return }
        try _AppendSession.insertRejects(db, batch: batchID, pendingRejects)
        storedRejects += pendingRejects.count
        pendingRejects.removeAll(keepingCapacity: true)
    }

    static func insertRejects(_ db: Database, batch: Int64, _ rejects: some Sequence<Reject>) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO chm_rejects (batch_id, line, reason, text) VALUES (?, ?, ?, ?)")
        for reject in rejects {
            try statement.execute(arguments: [batch, reject.line, reject.reason, reject.storedText])
        }
    }

    var rejectsSoFar: Int { rejectCount }

    // MARK: Finishing

    /// Stores the last segment, the new dictionary entries, the table's row
    /// count and the batch record.
    /// - Returns: the batch record and the dictionaries to publish after the commit.
    func finish() throws -> (record: BatchRecord, dictionaries: [(_DictionaryCache.Key, StringDictionary)]) {
        var published: [(_DictionaryCache.Key, StringDictionary)] = []
        if let table {
            if rowCount % rows != 0 { try flush(segment: rowCount / rows) }
            for (ordinal, merger) in mergers.sorted(by: { $0.key < $1.key }) {
                try storeNewEntries(of: merger, column: ordinal)
                published.append((_DictionaryCache.Key(table: table.id, column: ordinal), merger.dictionary))
            }
            try db.execute(sql: "UPDATE chm_tables SET row_count = ?, version = version + 1 WHERE id = ?",
                           arguments: [rowCount, table.id])
        }
        try flushRejects()
        let endedAt = _Clock.now()
        try db.execute(sql: "UPDATE chm_batches SET sha256 = ?, rows = ?, rejects = ?, ended_at = ? WHERE id = ?",
                       arguments: [batch.sha256.lowercased(), rowsWritten, rejectCount, endedAt, batchID])
        isOpen = false
        let record = BatchRecord(id: batchID, table: tableName, source: batch.source, fileName: batch.fileName,
                                 sha256: batch.sha256.lowercased(), rows: rowsWritten, rejects: rejectCount, startedAt: startedAt,
                                 endedAt: endedAt, status: .committed, message: nil)
        return (record, published)
    }

    /// Strings per dictionary delta: large enough to keep the row count low,
    /// small enough to keep each blob a few megabytes.
    private static let deltaEntries = 1 << 18

    private func storeNewEntries(of merger: _StringMerger, column: Int) throws {
        guard merger.hasNewEntries, let table else { return }
        var chunk = try Int.fetchOne(db, sql: """
            SELECT COALESCE(MAX(chunk_no) + 1, 0) FROM chm_dictionaries WHERE table_id = ? AND column_ordinal = ?
            """, arguments: [table.id, column]) ?? 0
        var first = merger.committedCount
        let statement = try db.cachedStatement(sql: """
            INSERT INTO chm_dictionaries (table_id, column_ordinal, chunk_no, first_code, count, byte_size, checksum, data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        while first < merger.dictionary.count {
            let end = Swift.min(first + Self.deltaEntries, merger.dictionary.count)
            let (blob, checksum) = _DictionaryChunkCodec.encode(merger.dictionary, codes: first..<end)
            try statement.execute(arguments: [table.id, column, chunk, first, end - first, blob.count,
                                              Int64(bitPattern: checksum), Data(blob)])
            chunk += 1
            first = end
        }
    }
}
