import Columnar
import Foundation
import Ingest
import Store
import Testing

@Suite struct CSVImportTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chm-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func workspace() throws -> Workspace {
        try Workspace.open(path: directory.appendingPathComponent("w.db").path, create: true)
    }

    func query(_ ws: Workspace, _ sql: String) throws -> [[Value]] {
        try QueryEngine(catalog: ws).execute(sql).rows
    }

    @Test func infersTypesAndReadsValues() throws {
        let path = try file("a.csv", """
        when,count,share,flag,name
        2024-01-05 10:00:00,3,0.5,true,Zoé
        2024-01-06T00:00:00+02:00,-4,1e3,no,"a, b"
        ,,,,
        """)
        let ws = try workspace()
        let outcome = try CSVImport.run(file: path, into: "t", workspace: ws)
        #expect(outcome.columns.map(\.type) == [.timestamp, .int64, .float64, .bool, .string])
        #expect(outcome.batch.rows == 3)
        let rows = try query(ws, "SELECT * FROM t")
        #expect(rows == [
            [.timestamp(CivilTime.timestamp(year: 2024, month: 1, day: 5, hour: 10)), .int(3), .float(0.5), .bool(true), .string("Zoé")],
            [.timestamp(CivilTime.timestamp(year: 2024, month: 1, day: 5, hour: 22)), .int(-4), .float(1000), .bool(false), .string("a, b")],
            [.null, .null, .null, .null, .null],
        ])
    }

    @Test func bareDaysInferAsDatesAndTimesAsTimestamps() throws {
        // A column of bare days is a date (as DuckDB's reader infers it); one value with a time makes it a timestamp.
        let path = try file("d.csv", "day,mixed,bad\n2024-02-29,2024-03-01,2024-02-30\n2024-03-01,2024-03-01 12:00:00,2024-03-01\n")
        let ws = try workspace()
        let outcome = try CSVImport.run(file: path, into: "t", workspace: ws)
        #expect(outcome.columns.map(\.type) == [.date, .timestamp, .string])
        let march = CivilTime.timestamp(year: 2024, month: 3, day: 1)
        #expect(try query(ws, "SELECT day, day + 1, mixed FROM t ORDER BY day") == [
            [.date(march - 86_400), .date(march), .timestamp(march)],
            [.date(march), .date(march + 86_400), .timestamp(march + 43_200)],
        ])
        var options = CSVImport.Options()
        options.types = ["mixed": .date]
        _ = try CSVImport.run(file: path, into: "u", workspace: ws, options: options)
        #expect(try query(ws, "SELECT count(*) FROM u WHERE mixed = DATE '2024-03-01'") == [[.int(2)]])
    }

    @Test func typeOverridesAndSemicolons() throws {
        let path = try file("b.csv", "code;n\n001;7\n002;8\n")
        let ws = try workspace()
        var options = CSVImport.Options()
        options.types = ["code": .string]
        _ = try CSVImport.run(file: path, into: "t", workspace: ws, options: options)
        #expect(try query(ws, "SELECT code, n FROM t ORDER BY code") == [[.string("001"), .int(7)], [.string("002"), .int(8)]])
    }

    @Test func rejectsBadLinesAndKeepsThem() throws {
        var text = "id,n\n"
        for i in 0..<300 { text += "\(i),\(i * 2)\n" }
        text += "300,not-a-number\n301\n"
        let path = try file("c.csv", text)
        let ws = try workspace()
        var options = CSVImport.Options()
        options.types = ["n": .int64]
        let outcome = try CSVImport.run(file: path, into: "t", workspace: ws, options: options)
        #expect(outcome.batch.rows == 300)
        #expect(outcome.batch.rejects == 2)
        let rejects = try ws.rejects(batch: outcome.batch.id)
        #expect(rejects.map(\.line) == [302, 303])
        #expect(rejects[0].reason == "column n: cannot read 'not-a-number' as int")
        #expect(rejects[1].reason == "expected 2 fields, found 1")
        #expect(rejects[1].text == "301")
    }

    @Test func tooManyRejectsFailTheBatchAndChangeNothing() throws {
        let ws = try workspace()
        _ = try CSVImport.run(file: try file("ok.csv", "id,n\n1,2\n"), into: "t", workspace: ws)
        let path = try file("bad.csv", "id,n\n1,2\n2,x\n3,y\n")
        var options = CSVImport.Options()
        options.types = ["n": .int64]
        #expect(throws: IngestError.self) { try CSVImport.run(file: path, into: "t", workspace: ws, options: options) }
        #expect(try query(ws, "SELECT count(*) FROM t") == [[.int(1)]])
        let failed = try ws.batches().last!
        #expect(failed.status == .failed)
        #expect(failed.rows == 0)
    }

    @Test func sameFileTwiceIsSkippedUnlessForced() throws {
        let ws = try workspace()
        let path = try file("d.csv", "x\n1\n2\n")
        let first = try CSVImport.run(file: path, into: "t", workspace: ws)
        let second = try CSVImport.run(file: path, into: "t", workspace: ws)
        #expect(second.skipped)
        #expect(second.batch.id == first.batch.id)
        var options = CSVImport.Options()
        options.ingest.force = true
        _ = try CSVImport.run(file: path, into: "t", workspace: ws, options: options)
        #expect(try query(ws, "SELECT count(*) FROM t") == [[.int(4)]])
    }

    @Test func secondFileMatchesColumnsByNameAndAddsNewOnes() throws {
        let ws = try workspace()
        _ = try CSVImport.run(file: try file("e1.csv", "a,b\n1,x\n"), into: "t", workspace: ws)
        _ = try CSVImport.run(file: try file("e2.csv", "B,c\ny,2.5\n"), into: "t", workspace: ws)
        #expect(try query(ws, "SELECT a, b, c FROM t") == [[.int(1), .string("x"), .null], [.null, .string("y"), .float(2.5)]])
    }

    @Test func emptyBinaryTruncatedAndMissingFilesFailClearly() throws {
        let ws = try workspace()
        func code(_ path: String) -> IngestError.Code? {
            do {
                _ = try CSVImport.run(file: path, into: "t", workspace: ws)
                return nil
            } catch let e as IngestError { return e.code } catch { return nil }
        }
        #expect(code(try file("empty.csv", "")) == .wrongFormat)
        let binary = directory.appendingPathComponent("bin.csv")
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00]).write(to: binary)
        #expect(code(binary.path) == .wrongFormat)
        #expect(code(try file("cut.csv", "a,b\n1,\"unterminated")) == .malformed)
        #expect(code(directory.appendingPathComponent("missing.csv").path) == .unreadable)
        #expect(code(directory.path) == .unreadable)
        #expect(try ws.tableNames().isEmpty)
        #expect(try ws.batches().isEmpty)
    }

    @Test func oversizedFieldsAndManyRowsImport() throws {
        let big = String(repeating: "é", count: 1_500_000)
        var text = "id,text\n1,\(big)\n"
        for i in 2...150_000 { text += "\(i),r\(i % 97)\n" }
        let ws = try workspace()
        let outcome = try CSVImport.run(file: try file("big.csv", text), into: "t", workspace: ws)
        #expect(outcome.batch.rows == 150_000)
        #expect(try query(ws, "SELECT length(text), octet_length(text) FROM t WHERE id = 1") == [[.int(1_500_000), .int(3_000_000)]])
        #expect(try query(ws, "SELECT count(*), sum(id), count(DISTINCT text) FROM t") == [[.int(150_000), .int(11_250_075_000), .int(98)]])
    }

    @Test func badTableNamesAndOptions() throws {
        let ws = try workspace()
        let path = try file("f.csv", "a\n1\n")
        #expect(throws: IngestError.self) { try CSVImport.run(file: path, into: "1bad", workspace: ws) }
        var options = CSVImport.Options()
        options.types = ["zzz": .int64]
        #expect(throws: IngestError.self) { try CSVImport.run(file: path, into: "t", workspace: ws, options: options) }
    }
}
