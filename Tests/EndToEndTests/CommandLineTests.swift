import Foundation
import Testing

@Suite struct CommandLineTests {
    let runner: CommandRunner
    let csv: String

    init() throws {
        runner = try CommandRunner()
        csv = try runner.write("hits.csv", """
        ts,path,status,bytes
        2024-01-05 10:00:00,/a,200,100
        2024-03-01 00:00:00,/b,404,
        2025-06-30 12:00:00,/a,200,300
        2023-12-31 23:59:59,/c,500,50
        """)
    }

    @Test func importThenQueryInEveryFormat() throws {
        let imported = try runner.run(["import", "hits", csv, "--db", "w.db"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("Imported 4 rows into hits"))

        let sql = "SELECT cycle(ts) AS cycle, count(*) AS n, sum(bytes) AS b FROM hits GROUP BY cycle ORDER BY cycle"
        let csvOut = try runner.run(["query", sql, "--db", "w.db", "--format", "csv"])
        #expect(csvOut.stdout == "cycle,n,b\n2022-2023,1,50\n2024-2025,3,400\n")
        let json = try runner.run(["query", "SELECT path, bytes FROM hits WHERE status = 404", "--db", "w.db", "--format", "json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 1)
        #expect(parsed?.first?["path"] as? String == "/b")
        #expect(parsed?.first?["bytes"] is NSNull)
        let markdown = try runner.run(["query", "SELECT count(*) AS n FROM hits", "--db", "w.db", "--format", "markdown"])
        #expect(markdown.stdout == "| n   |\n|----:|\n|   4 |\n")
    }

    @Test func queriesReadTheCataloguesDerivedTables() throws {
        _ = try runner.run(["import", "hits", csv, "--db", "w.db"])
        // An Indicators folder here, with one derived table over the imported hits.
        try FileManager.default.createDirectory(atPath: runner.path("Indicators"), withIntermediateDirectories: true)
        _ = try runner.write("Indicators/views.toml", """
            [requests_per_path]
            sql = "SELECT path, count(*) AS n, sum(bytes) AS b FROM hits GROUP BY path"
            """)
        let r = try runner.run(["query", "SELECT path, n, b FROM requests_per_path ORDER BY path", "--db", "w.db", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "path,n,b\n/a,2,400\n/b,1,\n/c,1,50\n")
    }

    @Test func parametersAreTyped() throws {
        _ = try runner.run(["import", "hits", csv, "--db", "w.db"])
        let r = try runner.run(["query", "SELECT count(*) FROM hits WHERE ts >= :from AND status = :s", "--db", "w.db",
                                "--param", "from=2024-01-01", "--param", "s=200", "--format", "csv"])
        #expect(r.stdout == "count(*)\n2\n", "\(r.stderr)")
    }

    @Test func errorsPointAtTheToken() throws {
        _ = try runner.run(["import", "hits", csv, "--db", "w.db"])
        let r = try runner.run(["query", "SELECT pth FROM hits", "--db", "w.db"])
        #expect(r.status == 1)
        #expect(r.stderr == "Error at 1:8: unknown column \"pth\"; hits has: ts, path, status, bytes\nSELECT pth FROM hits\n       ^^^\n")
        let missing = try runner.run(["query", "SELECT 1", "--db", "nowhere.db"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no workspace at nowhere.db"))
        #expect(!FileManager.default.fileExists(atPath: runner.path("nowhere.db")))
    }

    @Test func shellRunsAScriptFromStdin() throws {
        _ = try runner.run(["import", "hits", csv, "--db", "w.db"])
        let script = """
        .mode csv
        SELECT status, count(*) AS n
          FROM hits GROUP BY status ORDER BY status;
        SELECT nope FROM hits;
        SELECT max(bytes) FROM hits;
        """
        let r = try runner.run(["shell", "--db", "w.db"], stdin: script)
        #expect(r.stdout.contains("status,n\n200,2\n404,1\n500,1\n"))
        #expect(r.stdout.contains("max(bytes)\n300\n"))
        #expect(r.stderr.contains("unknown column \"nope\""))
        #expect(r.status == 1)
    }

    @Test func batchesAndRejectsAreListed() throws {
        let bad = try runner.write("bad.csv", "a,b\n1,2\n3\n" + (0..<200).map { "\($0),\($0)" }.joined(separator: "\n"))
        let r = try runner.run(["import", "t", bad, "--db", "w.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("bad.csv:3: rejected: expected 2 fields, found 1"))
        let batches = try runner.run(["batches", "--db", "w.db", "--format", "csv"])
        #expect(batches.stdout.contains(",t,csv,bad.csv,201,1,"))
        let rejects = try runner.run(["rejects", "1", "--db", "w.db", "--format", "csv"])
        #expect(rejects.stdout == "line,reason,text\n3,\"expected 2 fields, found 1\",3\n")
    }
}
