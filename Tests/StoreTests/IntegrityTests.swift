import Columnar
import Foundation
import GRDB
import TestSupport
import Testing
@testable import Store

@Suite struct IntegrityTests {
    private func flipByte(_ path: String, sql select: String, update: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            var blob = [UInt8](try #require(try Data.fetchOne(db, sql: select)))
            blob[blob.count / 2] ^= 0x10
            try db.execute(sql: update, arguments: [Data(blob)])
        }
    }

    @Test func aDamagedSegmentIsReportedNotDecoded() throws {
        let temporary = TemporaryWorkspace()
        do {
            let workspace = try temporary.open()
            let data = MixedColumns(rows: 100_000, seed: 4)
            try workspace.append(to: "hits", batch: describe("a")) { try $0.write(makeTable(data.slice(0..<100_000))) }
        }
        try flipByte(temporary.path,
                     sql: "SELECT data FROM chm_segments WHERE column_ordinal = 1 AND segment_no = 1",
                     update: "UPDATE chm_segments SET data = ? WHERE column_ordinal = 1 AND segment_no = 1")
        let workspace = try Workspace.open(path: temporary.path, create: false)
        let table = try #require(try workspace.storedTable(named: "hits"))
        _ = try table.loadColumn(1, rowGroup: 0)
        do {
            _ = try table.loadColumn(1, rowGroup: 1)
            Issue.record("a damaged segment was decoded")
        } catch let error as StoreError {
            #expect(error.code == .corrupt)
            #expect(error.message.contains("hits"))
            #expect(error.message.contains("big"))
            #expect(error.message.contains("Segment 1"))
            #expect(error.context["segment"] == "1")
        }
        #expect(throws: StoreError.self) { try table.prefetch(columns: [1], rowGroups: [0, 1]) }
    }

    @Test func aDamagedDictionaryIsReported() throws {
        let temporary = TemporaryWorkspace()
        do {
            let workspace = try temporary.open()
            try workspace.append(to: "t", batch: describe("a")) { writer in
                try writer.write(makeTable([("s", .string, (0..<1000).map { .string("value number \($0)") })]))
            }
        }
        try flipByte(temporary.path, sql: "SELECT data FROM chm_dictionaries", update: "UPDATE chm_dictionaries SET data = ?")
        let workspace = try Workspace.open(path: temporary.path, create: false)
        let table = try #require(try workspace.table(named: "t"))
        #expect(throws: StoreError.self) { try table.dictionary(ofColumn: 0) }
        #expect(throws: StoreError.self) { try table.loadColumn(0, rowGroup: 0) }
    }

    @Test func filesThatAreNotWorkspacesAreRefused() throws {
        let temporary = TemporaryWorkspace()
        let folder = temporary.folder

        let missing = folder.appendingPathComponent("missing.chm").path
        do {
            _ = try Workspace.open(path: missing, create: false)
            Issue.record("a missing workspace opened")
        } catch let error as StoreError {
            #expect(error.code == .notFound)
            #expect(error.message.contains("no workspace at \(missing)"))
        }
        #expect(!FileManager.default.fileExists(atPath: missing))

        let binary = folder.appendingPathComponent("random.bin").path
        var rng = SplitMix64(seed: 2)
        _ = FileManager.default.createFile(atPath: binary, contents: Data((0..<10_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }))
        for create in [false, true] {
            do {
                _ = try Workspace.open(path: binary, create: create)
                Issue.record("a random file opened as a workspace")
            } catch let error as StoreError {
                #expect(error.code == .notAWorkspace)
            }
        }

        let other = folder.appendingPathComponent("other.sqlite").path
        do {
            let queue = try DatabaseQueue(path: other)
            try queue.write { try $0.execute(sql: "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('Ada')") }
        }
        let otherBefore = try Data(contentsOf: URL(fileURLWithPath: other))
        do {
            _ = try Workspace.open(path: other, create: true)
            Issue.record("another application's database opened as a workspace")
        } catch let error as StoreError {
            #expect(error.code == .notAWorkspace)
            #expect(error.message.contains("not a chm workspace"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == otherBefore)
        #expect(!FileManager.default.fileExists(atPath: other + "-wal"))

        let empty = folder.appendingPathComponent("empty.chm").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: StoreError.self) { try Workspace.open(path: empty, create: false) }
        #expect(try Workspace.open(path: empty, create: true).tableNames().isEmpty)

        #expect(throws: StoreError.self) { try Workspace.open(path: folder.path, create: true) }
    }

    @Test func aNewerFormatIsRefused() throws {
        let temporary = TemporaryWorkspace()
        _ = try temporary.open()
        let queue = try DatabaseQueue(path: temporary.path)
        try queue.write { try $0.execute(sql: "UPDATE chm_settings SET value = '99' WHERE key = 'format_version'") }
        do {
            _ = try Workspace.open(path: temporary.path, create: false)
            Issue.record("a newer workspace opened")
        } catch let error as StoreError {
            #expect(error.code == .unsupportedVersion)
        }
    }
}
