import ArgumentParser
import Columnar
import Foundation
import Store

/// `chm-bench engine`: the aggregation engine against DuckDB, SQLite and
/// hand-written loops on a generated 20M-row hits table.
struct EngineBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Time Q1–Q6 in chm, DuckDB (1 and 2 threads), SQLite and single hand-written loops."
    )

    @Option(help: "Rows in the generated table.")
    var rows = 20_000_000

    @Option(help: "Rows of the SQLite slice (SQLite is reported per row).")
    var sqliteRows = 2_000_000

    @Option(help: "Timed runs per query (the median is reported).")
    var runs = 5

    @Option(help: "Where the generated workspace, CSV and peer databases are kept between runs.")
    var data = FileManager.default.temporaryDirectory.appendingPathComponent("chm-bench").path

    @Flag(help: "Skip DuckDB and SQLite.")
    var skipPeers = false

    @Option(help: ArgumentHelp("Run only this query (e.g. Q3) many times and print its median; for profiling.", valueName: "query"))
    var only: String?

    static let queries = [
        ("Q1", "count(*) by month", "SELECT date_trunc('month', ts) AS m, count(*) FROM hits GROUP BY m ORDER BY m"),
        ("Q2", "distinct visitors by cycle", "SELECT cycle(ts) AS c, count(DISTINCT visitor) FROM hits GROUP BY c ORDER BY c"),
        ("Q3", "top 10 paths, 404 and not bot", "SELECT path, count(*) AS n FROM hits WHERE status = 404 AND NOT is_bot GROUP BY path ORDER BY n DESC, path LIMIT 10"),
        ("Q4", "bytes by country, /documents/", "SELECT country, sum(bytes) AS b FROM hits WHERE path LIKE '/documents/%' GROUP BY country ORDER BY country"),
        ("Q5", "distinct visitors", "SELECT count(DISTINCT visitor) FROM hits"),
    ]

    /// Q6 reads every column of every row from the engine's own storage, with
    /// nothing cached: for chm a newly opened workspace.
    static let fullScan = "SELECT count(ts), count(visitor), count(path), count(status), count(bytes), count(is_bot), count(country) FROM hits"

    func run() throws {
        let directory = URL(fileURLWithPath: data)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let stem = "hits-\(rows)"
        let dbPath = directory.appendingPathComponent("\(stem).db").path
        let csv = directory.appendingPathComponent("\(stem).csv")
        try prepare(dbPath: dbPath, csv: csv)

        let workspace = try Workspace.open(path: dbPath, create: false)
        let engine = QueryEngine(catalog: workspace)
        if let only {
            guard let (name, _, sql) = Self.queries.first(where: { $0.0.lowercased() == only.lowercased() }) else {
                throw BenchError("--only takes Q1…Q5")
            }
            let median = try Timing.median(runs) { _ = try engine.execute(sql) }
            print("\(name): \(Report.ms(median)) (median of \(runs))")
            return
        }
        var chm: [Double] = []
        var answers: [QueryResult] = []
        for (_, _, sql) in Self.queries {
            answers.append(try engine.execute(sql))
            chm.append(try Timing.median(runs) { _ = try engine.execute(sql) })
        }
        chm.append(try Timing.median(runs) {
            _ = try QueryEngine(catalog: try Workspace.open(path: dbPath, create: false)).execute(Self.fullScan)
        })

        let table = try workspace.table(named: "hits")!
        let floors = try Floors(table: table)
        let floorTimes = [
            try Timing.median(runs) { _ = floors.monthly() },
            try Timing.median(runs) { _ = floors.visitorsPerCycle() },
            try Timing.median(runs) { _ = floors.topNotFound() },
            try Timing.median(runs) { _ = floors.documentBytes() },
            try Timing.median(runs) { _ = floors.distinctVisitors() },
        ]
        let (memory, dictionaries) = try Self.memory(of: table)
        let cold = try Timing.median(3) { try Self.coldQuery(db: dbPath, sql: Self.queries[0].2) }

        var peers: Peers.Timings?
        if !skipPeers {
            peers = try Peers.run(csv: csv, parquet: directory.appendingPathComponent("\(stem).parquet"),
                                  sqlite: directory.appendingPathComponent("\(stem)-slice-\(sqliteRows).sqlite"),
                                  sqliteRows: sqliteRows, runs: runs, directory: directory)
        }
        let report = Report(rows: rows, chm: chm, floors: floorTimes, peers: peers, answers: answers,
                            memoryBytesPerRow: Double(memory + dictionaries) / Double(rows),
                            dictionaryBytesPerRow: Double(dictionaries) / Double(rows),
                            diskBytesPerRow: Double(workspace.fileSize) / Double(rows),
                            coldQuery: cold, peakMemory: Timing.peakResidentBytes())
        print(report.text)
    }

    /// Generates the workspace and the CSV once; later runs reuse them.
    private func prepare(dbPath: String, csv: URL) throws {
        let complete = dbPath + ".complete"
        if FileManager.default.fileExists(atPath: complete) { return }
        for p in [dbPath, dbPath + "-wal", dbPath + "-shm", csv.path] { try? FileManager.default.removeItem(atPath: p) }
        note("generating \(rows) rows into \(dbPath) and \(csv.path) (once)…")
        let started = Date()
        var generator = HitsGenerator(rows: rows)
        FileManager.default.createFile(atPath: csv.path, contents: nil)
        let out = try FileHandle(forWritingTo: csv)
        defer { try? out.close() }
        let workspace = try Workspace.open(path: dbPath, create: true)
        let schema = TableSchema(HitsGenerator.columns.map { ColumnSchema(name: $0.0, type: $0.1) })
        try workspace.append(to: "hits", batch: BatchDescription(source: "bench", fileName: "generated", sha256: "generated-\(rows)")) { writer in
            var buffer: [UInt8] = []
            while let (chunks, plain) = generator.next() {
                try writer.write(Table(name: "hits", schema: schema, rowGroups: [chunks]))
                buffer.removeAll(keepingCapacity: true)
                plain.csv(visitors: generator.visitors, paths: generator.paths, countries: generator.countries, into: &buffer)
                out.write(Data(buffer))
            }
        }
        FileManager.default.createFile(atPath: complete, contents: nil)
        note(String(format: "generated in %.1f s", Date().timeIntervalSince(started)))
    }

    /// In-memory bytes of all decoded chunks, and of the dictionaries.
    static func memory(of table: any TableProvider) throws -> (Int, Int) {
        var bytes = 0
        for g in table.rowGroups.indices {
            for c in table.schema.columns.indices { bytes += try table.loadColumn(c, rowGroup: g).byteCount }
        }
        var dictionaries = 0
        for (c, column) in table.schema.columns.enumerated() where column.type == .string {
            dictionaries += try table.dictionary(ofColumn: c).memoryFootprint
        }
        return (bytes, dictionaries)
    }

    /// `chm query` in a new process: open the store, load the touched columns, answer.
    static func coldQuery(db: String, sql: String) throws {
        let chm = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("chm")
        let p = Process()
        p.executableURL = chm
        p.arguments = ["query", sql, "--db", db, "--format", "csv"]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw BenchError("chm query failed (is chm built next to chm-bench?)") }
    }
}

func note(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
