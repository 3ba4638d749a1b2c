import Columnar
import Testing
@testable import Store

@Suite struct BatchTests {
    @Test func batchesAreRecordedAndFoundBySHA256() throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        let sha = "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"
        let description = BatchDescription(source: "web", fileName: "access.log", sha256: sha)
        let record = try workspace.append(to: "Hits", batch: description) { writer in
            try writer.write(makeTable([("path", .string, [.string("/"), .string("/a")])]))
            writer.reject(line: 2, reason: "column 3: not a timestamp", text: "garbage line")
            writer.reject(line: 9, reason: "too few fields", text: String(repeating: "é", count: 5000))
            #expect(writer.rejectsRecorded == 2)
        }
        #expect(record.rows == 2)
        #expect(record.rejects == 2)
        #expect(record.status == .committed)
        #expect(record.table == "Hits")
        #expect(record.sha256 == sha.lowercased())
        #expect(record.startedAt <= record.endedAt)

        #expect(try workspace.batch(sha256: sha, table: "hits") == record)
        #expect(try workspace.batch(sha256: sha.lowercased(), table: "HITS") == record)
        #expect(try workspace.batch(sha256: sha, table: "traffic") == nil)
        #expect(try workspace.batch(id: record.id) == record)
        #expect(try workspace.batch(id: record.id + 100) == nil)

        let rejects = try workspace.rejects(batch: record.id)
        #expect(rejects.map(\.line) == [2, 9])
        #expect(rejects[0] == Reject(line: 2, reason: "column 3: not a timestamp", text: "garbage line"))
        #expect(rejects[1].text.utf8.count <= Reject.maxStoredTextBytes + 3)
        #expect(rejects[1].text.hasPrefix("éé"))
        #expect(rejects[1].text.hasSuffix("…"))
        #expect(throws: StoreError.self) { try workspace.rejects(batch: 12345) }

        let failed = try workspace.recordFailedBatch(
            BatchDescription(source: "web", fileName: "broken.log", sha256: "ff"), table: "hits",
            rejects: [Reject(line: 1, reason: "not a log line", text: "\u{1}\u{2}")], error: "no line could be read")
        #expect(failed.status == .failed)
        #expect(failed.table == "Hits")
        #expect(failed.message == "no line could be read")
        #expect(try workspace.batches() == [record, failed])
        #expect(try workspace.rejects(batch: failed.id).map(\.line) == [1])
        #expect(try workspace.batch(sha256: "ff", table: "hits") == nil, "a failed batch does not count as ingested")
    }

    @Test func batchIDIsKnownWhileWriting() throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        var seen: Int64 = 0
        let record = try workspace.append(to: "t", batch: describe("a")) { writer in
            seen = writer.batchID
            try writer.write(makeTable([("batch", .int64, [.int(writer.batchID)])]))
        }
        #expect(seen == record.id)
        #expect(try readColumn(try #require(try workspace.table(named: "t")), "batch") == [.int(record.id)])
    }

    @Test func settingsSecretAndTables() throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        let secret = try workspace.secret()
        #expect(secret.count == 32)
        #expect(Set(secret).count > 8)
        #expect(try Workspace.open(path: temporary.path, create: false).secret() == secret)
        #expect(try TemporaryWorkspace().open().secret() != secret)

        #expect(try workspace.setting("format_version") == "1")
        #expect(try workspace.setting("created_at").flatMap { Int64($0) } != nil)
        #expect(try workspace.setting("cycle_start") == nil)
        try workspace.setSetting("cycle_start", "2024")
        #expect(try workspace.setting("cycle_start") == "2024")
        try workspace.setSetting("cycle_start", nil)
        #expect(try workspace.setting("cycle_start") == nil)
        #expect(throws: StoreError.self) { try workspace.setSetting("secret", "00") }

        try workspace.append(to: "zeta", batch: describe("z")) { try $0.write(makeTable([("a", .int64, [.int(1)])])) }
        try workspace.append(to: "Alpha", batch: describe("a")) { try $0.write(makeTable([("b", .string, [.string("x")])])) }
        #expect(try workspace.tableNames() == ["Alpha", "zeta"])
        #expect(try workspace.schema(of: "ALPHA") == TableSchema([ColumnSchema(name: "b", type: .string)]))
        #expect(try workspace.schema(of: "none") == nil)
        #expect(try workspace.table(named: "none") == nil)
        #expect(workspace.fileSize > 0)

        try workspace.dropTable("ALPHA")
        #expect(try workspace.tableNames() == ["zeta"])
        #expect(try workspace.batches().map(\.table) == ["zeta"])
        #expect(throws: StoreError.self) { try workspace.dropTable("alpha") }
        try workspace.append(to: "alpha", batch: describe("a")) { try $0.write(makeTable([("b", .int64, [.int(2)])])) }
        #expect(try readColumn(try #require(try workspace.table(named: "alpha")), "b") == [.int(2)])
    }
}
