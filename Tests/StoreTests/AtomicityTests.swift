import Columnar
import GRDB
import Testing
@testable import Store

@Suite struct AtomicityTests {
    private struct Interrupted: Error {}

    /// Everything the catalog holds except segment bytes (their checksums stand for them).
    private func catalog(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var lines: [String] = []
            for sql in [
                "SELECT * FROM chm_tables ORDER BY id",
                "SELECT * FROM chm_columns ORDER BY table_id, ordinal",
                "SELECT table_id, column_ordinal, segment_no, row_count, null_count, encoding, checksum, rowid FROM chm_segments ORDER BY 1, 2, 3",
                "SELECT table_id, column_ordinal, chunk_no, first_code, count, checksum FROM chm_dictionaries ORDER BY 1, 2, 3",
                "SELECT * FROM chm_batches ORDER BY id",
                "SELECT * FROM chm_rejects ORDER BY rowid",
                "SELECT * FROM sqlite_sequence ORDER BY name",
            ] {
                lines += try Row.fetchAll(db, sql: sql).map { "\(sql.prefix(30)): \($0)" }
            }
            return lines
        }
    }

    @Test func aFailingBodyLeavesTheWorkspaceAsItWas() throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        let base = MixedColumns(rows: 70_000, seed: 21)
        try workspace.append(to: "hits", batch: describe("good")) { try $0.write(makeTable(base.slice(0..<70_000))) }
        let before = try catalog(temporary.path)
        let snapshot = try #require(try workspace.table(named: "hits"))
        let textBefore = try readColumn(snapshot, "text")

        let observer = try Workspace.open(path: temporary.path, create: false)
        let extra = MixedColumns(rows: 100_000, seed: 22)
        var extraColumns = extra.slice(0..<100_000)
        extraColumns.append(("added", .string, (0..<100_000).map { .string("new-\($0)") }))
        #expect(throws: Interrupted.self) {
            try workspace.append(to: "hits", batch: describe("bad")) { writer in
                try writer.write(makeTable(extraColumns))
                writer.reject(line: 3, reason: "bad", text: "x")
                #expect(writer.rowsWritten == 100_000)
                // Another connection sees none of it while it is in flight.
                let seen = try #require(try observer.table(named: "hits"))
                #expect(seen.rowCount == 70_000)
                #expect(seen.schema.index(of: "added") == nil)
                throw Interrupted()
            }
        }
        #expect(try catalog(temporary.path) == before)
        let after = try #require(try workspace.table(named: "hits"))
        #expect(after.rowCount == 70_000)
        #expect(try readColumn(after, "text") == textBefore)
        #expect(try workspace.batches().map(\.fileName) == ["good"])

        // The next batch merges its strings into the dictionary as committed,
        // not as the failed batch left it in memory.
        let more = MixedColumns(rows: 5000, seed: 23)
        try workspace.append(to: "hits", batch: describe("next")) { try $0.write(makeTable(more.slice(0..<5000))) }
        let final = try #require(try Workspace.open(path: temporary.path, create: false).table(named: "hits"))
        #expect(firstDifference(try readColumn(final, "text"), textBefore + more.columns[6].2) == nil)
        let cached = try #require(try workspace.table(named: "hits"))
        #expect(firstDifference(try readColumn(cached, "text"), textBefore + more.columns[6].2) == nil)
    }

    @Test func aWriterUsedAfterItsAppendIsRefused() throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        var escaped: BatchWriter?
        try workspace.append(to: "t", batch: describe("a")) { writer in escaped = writer }
        #expect(throws: StoreError.self) { try escaped?.write(makeTable([("a", .int64, [.int(1)])])) }
    }
}
