import Columnar
import GRDB

extension Workspace {
    /// A string column's dictionary holding at least `count` entries, from the
    /// cache or by loading the deltas the cached one lacks.
    /// - Parameters:
    ///   - table: the table's id.
    ///   - column: the column's ordinal.
    ///   - count: the entries the caller's snapshot knows of.
    ///   - names: the table and column names, for error messages.
    func dictionary(table: Int64, column: Int, atLeast count: Int, names: (table: String, column: String)) throws -> StringDictionary {
        let key = _DictionaryCache.Key(table: table, column: column)
        let cached = dictionaries.get(key)
        if let cached, cached.count >= count { return cached }
        let loaded = try read("read the strings of column \(names.column) of table \(names.table)") { db in
            try loadDictionary(db, key, base: cached, names: names)
        }
        guard loaded.count >= count else {
            throw StoreError(.notFound, "Table \(names.table) changed while it was being read: it was dropped or replaced.",
                             context: ["path": path, "table": names.table, "column": names.column])
        }
        return dictionaries.publish(key, loaded)
    }

    /// The committed dictionary of a column, for an append's merge, read in the
    /// append's transaction so it is never behind what the file holds.
    func committedDictionary(_ db: Database, table: Int64, column: Int, names: (table: String, column: String)) throws -> StringDictionary {
        let key = _DictionaryCache.Key(table: table, column: column)
        let stored = try Int.fetchOne(db, sql: """
            SELECT COALESCE(SUM(count), 0) FROM chm_dictionaries WHERE table_id = ? AND column_ordinal = ?
            """, arguments: [table, column]) ?? 0
        if let cached = dictionaries.get(key) {
            if cached.count == stored { return cached }
            if cached.count < stored { return try loadDictionary(db, key, base: cached, names: names) }
        }
        return try loadDictionary(db, key, base: nil, names: names)
    }

    /// Loads the deltas that follow `base` (all of them without one) and returns
    /// a new dictionary holding `base`'s entries and theirs.
    func loadDictionary(_ db: Database, _ key: _DictionaryCache.Key, base: StringDictionary?, names: (table: String, column: String)) throws -> StringDictionary {
        let start = base?.count ?? 0
        let context = ["path": path, "table": names.table, "column": names.column]
        var deltas: [(bytes: [UInt8], offsets: [UInt32])] = []
        var nextCode = start
        let rows = try Row.fetchCursor(db, sql: """
            SELECT chunk_no, first_code, count, checksum, data FROM chm_dictionaries
            WHERE table_id = ? AND column_ordinal = ? AND first_code >= ? ORDER BY chunk_no
            """, arguments: [key.table, key.column, start])
        while let row = try rows.next() {
            let chunk: Int = row[0]
            let firstCode: Int = row[1]
            let count: Int = row[2]
            if firstCode != nextCode {
                // The cached base does not end on a delta boundary: start over from the first delta.
                if base != nil { return try loadDictionary(db, key, base: nil, names: names) }
                throw StoreError(.corrupt, "The strings of column \(names.column) in table \(names.table) are damaged: a part of them is missing.", context: context)
            }
            let checksum = UInt64(bitPattern: row[3])
            deltas.append(try _FormatError.translated({ reason in
                StoreError(.corrupt, "Part \(chunk) of the strings of column \(names.column) in table \(names.table) is damaged: \(reason).",
                           context: context.merging(["chunk": String(chunk)]) { a, _ in a })
            }) {
                try row.withUnsafeData(atIndex: 4) { data -> (bytes: [UInt8], offsets: [UInt32]) in
                    guard let data else { throw _FormatError(reason: "it is empty") }
                    return try data.withUnsafeBytes { blob in
                        let (_, stored) = try _ByteReader.verifiedPayload(blob)
                        guard stored == checksum else { throw _FormatError(reason: "its checksum differs from the catalog's") }
                        return try _DictionaryChunkCodec.decode(blob, expectedCount: count)
                    }
                }
            })
            nextCode += count
        }
        // Sized exactly: the largest dictionaries (visitors) are a good part of a table's memory.
        let baseParts = base?.parts ?? (bytes: [], offsets: [0])
        let totalBytes = deltas.reduce(baseParts.bytes.count) { $0 + $1.bytes.count }
        guard totalBytes <= Int(UInt32.max) else {
            throw StoreError(.io, "The strings of column \(names.column) in table \(names.table) exceed 4 GiB.", context: context)
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(totalBytes)
        bytes.append(contentsOf: baseParts.bytes)
        var offsets = [UInt32]()
        offsets.reserveCapacity(nextCode + 1)
        offsets.append(contentsOf: baseParts.offsets)
        for delta in deltas {
            let shift = UInt32(bytes.count)
            bytes.append(contentsOf: delta.bytes)
            offsets.append(contentsOf: delta.offsets.dropFirst().lazy.map { $0 + shift })
        }
        return StringDictionary(bytes: bytes, offsets: offsets)
    }
}
