import Columnar
import GRDB
import Testing
@testable import Store

@Suite struct SchemaEvolutionTests {
    private struct SegmentRow: Hashable {
        var column: Int
        var segment: Int
        var rowID: Int64
        var checksum: Int64
        var rows: Int
    }

    private func segmentRows(_ path: String) throws -> [SegmentRow] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT column_ordinal, segment_no, rowid, checksum, row_count FROM chm_segments ORDER BY 1, 2")
                .map { SegmentRow(column: $0[0], segment: $0[1], rowID: $0[2], checksum: $0[3], rows: $0[4]) }
        }
    }

    @Test func addedColumnsReadNullInOldRowsWithoutRewritingFullSegments() throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        let first = 150_000
        let ids = (0..<first).map { Value.int(Int64($0)) }
        let names = (0..<first).map { Value.string("n\($0 % 777)") }
        try workspace.append(to: "t", batch: describe("one")) { try $0.write(makeTable([("id", .int64, ids), ("name", .string, names)])) }
        let before = try segmentRows(temporary.path)

        let second = 10_000
        let moreIDs = (first..<(first + second)).map { Value.int(Int64($0)) }
        let moreNames = (0..<second).map { Value.string("m\($0 % 13)") }
        let scores = (0..<second).map { $0 % 5 == 0 ? Value.null : .float(Double($0) / 4) }
        let flags = (0..<second).map { Value.bool($0 % 2 == 0) }
        try workspace.append(to: "T", batch: describe("two")) { writer in
            try writer.write(makeTable([("ID", .int64, moreIDs), ("score", .float64, scores), ("name", .string, moreNames), ("flag", .bool, flags)]))
        }

        let table = try #require(try workspace.table(named: "t"))
        #expect(table.schema.names == ["id", "name", "score", "flag"])
        #expect(try readColumn(table, "id") == ids + moreIDs)
        #expect(try readColumn(table, "name") == names + moreNames)
        let readScores = try readColumn(table, "score")
        #expect(firstDifference(readScores, [Value](repeating: .null, count: first) + scores) == nil)
        #expect(try readColumn(table, "flag") == [Value](repeating: .null, count: first) + flags)
        #expect(table.rowGroups[0].statistics[2] == .allNull(rowCount: 65_536))
        #expect(table.rowGroups[1].statistics[3] == .allNull(rowCount: 65_536))
        #expect(table.rowGroups[2].statistics[2].nullCount == first - 2 * 65_536 + second / 5)

        // Full segments of the old columns are the very same rows; only the last,
        // partly filled one was topped up; new columns start at that segment.
        let after = try segmentRows(temporary.path)
        for old in before where old.segment < 2 {
            #expect(after.contains(old), "segment \(old.segment) of column \(old.column) was rewritten")
        }
        for old in before where old.segment == 2 {
            let now = try #require(after.first { $0.column == old.column && $0.segment == 2 })
            #expect(now.rows == old.rows + second)
        }
        #expect(after.filter { $0.column >= 2 }.map(\.segment) == [2, 2])

        // A third batch without `name`: nulls there.
        try workspace.append(to: "t", batch: describe("three")) { writer in
            try writer.write(makeTable([("id", .int64, [.int(-1)])]))
        }
        let last = try #require(try workspace.table(named: "t"))
        #expect(try readColumn(last, "name").last == .null)
        #expect(try readColumn(last, "id").last == .int(-1))
    }

    @Test func aTypeConflictNamesTheColumnAndBothTypes() throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        try workspace.append(to: "t", batch: describe("one")) { try $0.write(makeTable([("status", .int64, [.int(200)])])) }
        do {
            try workspace.append(to: "t", batch: describe("two")) { writer in
                try writer.write(makeTable([("Status", .string, [.string("200")])]))
            }
            Issue.record("a string column was accepted into an int column")
        } catch let error as StoreError {
            #expect(error.code == .schemaConflict)
            #expect(error.message.contains("status"))
            #expect(error.message.contains("int"))
            #expect(error.message.contains("string"))
            #expect(error.context["column"] == "status")
        }
        #expect(try workspace.batches().count == 1)
        #expect(try workspace.table(named: "t")?.rowCount == 1)
    }

    @Test func duplicateColumnsAreRefused() throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        let table = Columnar.Table(name: "t", schema: TableSchema([ColumnSchema(name: "a", type: .int64), ColumnSchema(name: "A", type: .int64)]),
                                   rowGroups: [])
        #expect(throws: StoreError.self) {
            try workspace.append(to: "t", batch: describe("dup")) { try $0.write(table) }
        }
        #expect(try workspace.tableNames().isEmpty)
    }
}
