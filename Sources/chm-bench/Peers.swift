import Foundation

/// DuckDB (one and two threads) and SQLite run the same queries on the same
/// rows, through Python, in the benchmark's run.
enum Peers {
    /// Median seconds per query (Q1…Q6) for each peer, plus DuckDB's answers.
    struct Timings: Decodable {
        var duckdb1: [Double]
        var duckdb2: [Double]
        var sqlite: [Double]
        var sqliteRows: Int
        var answers: [[[AnyDecodable]]]
        var versions: [String: String]
    }

    struct AnyDecodable: Decodable, CustomStringConvertible {
        var description: String
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(Int64.self) { description = String(i) } else if let d = try? c.decode(Double.self) { description = String(d) } else if let s = try? c.decode(String.self) {
                description = s
            } else { description = "NULL" }
        }
    }

    static let script = #"""
import json, os, sys, time, statistics, sqlite3
import duckdb
spec = json.load(open(sys.argv[1]))
csv, parquet, sqlite_path, runs = spec["csv"], spec["parquet"], spec["sqlite"], spec["runs"]
cols = "{'ts': 'TIMESTAMP', 'visitor': 'VARCHAR', 'path': 'VARCHAR', 'status': 'BIGINT', 'bytes': 'BIGINT', 'is_bot': 'BOOLEAN', 'country': 'VARCHAR'}"
if not os.path.exists(parquet):
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM read_csv('{csv}', header=false, columns={cols}, auto_detect=false)) TO '{parquet}' (FORMAT parquet)")
    con.close()
duck_q = [
  "SELECT date_trunc('month', ts) AS m, count(*) FROM hits GROUP BY m ORDER BY m",
  "SELECT (year(ts) // 2) * 2 AS c, count(DISTINCT visitor) FROM hits GROUP BY c ORDER BY c",
  "SELECT path, count(*) AS n FROM hits WHERE status = 404 AND NOT is_bot GROUP BY path ORDER BY n DESC, path LIMIT 10",
  "SELECT country, sum(bytes) AS b FROM hits WHERE path LIKE '/documents/%' GROUP BY country ORDER BY country",
  "SELECT count(DISTINCT visitor) FROM hits",
]
def median_time(f):
    f()
    ts = []
    for _ in range(runs):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    return statistics.median(ts)
out = {"duckdb1": [], "duckdb2": [], "sqlite": [], "answers": [], "versions": {"duckdb": duckdb.__version__, "sqlite": sqlite3.sqlite_version}}
for threads, key in ((1, "duckdb1"), (2, "duckdb2")):
    con = duckdb.connect()
    con.execute(f"SET threads={threads}")
    con.execute(f"CREATE TABLE hits AS SELECT * FROM '{parquet}'")
    for q in duck_q:
        out[key].append(median_time(lambda: con.execute(q).fetchall()))
        if threads == 1:
            out["answers"].append([[str(v) if not isinstance(v, (int, float)) else v for v in r] for r in con.execute(q).fetchall()])
    # count(col) over Parquet is answered from its metadata; loading the table reads every value.
    def load():
        c2 = duckdb.connect(); c2.execute(f"SET threads={threads}")
        c2.execute(f"CREATE TABLE h AS SELECT * FROM '{parquet}'"); c2.close()
    out[key].append(median_time(load))
    con.close()
slice_rows = spec["sqlite_rows"]
if not os.path.exists(sqlite_path):
    db = sqlite3.connect(sqlite_path + ".tmp")
    db.execute("CREATE TABLE hits (ts INTEGER, visitor TEXT, path TEXT, status INTEGER, bytes INTEGER, is_bot INTEGER, country TEXT)")
    con = duckdb.connect()
    rows = con.execute(f"SELECT epoch(ts)::BIGINT, visitor, path, status, bytes, is_bot::INTEGER, country FROM '{parquet}' LIMIT {slice_rows}").fetchall()
    db.executemany("INSERT INTO hits VALUES (?,?,?,?,?,?,?)", rows)
    db.commit(); db.close()
    os.rename(sqlite_path + ".tmp", sqlite_path)
db = sqlite3.connect(sqlite_path)
lite_q = [
  "SELECT strftime('%Y-%m', ts, 'unixepoch') AS m, count(*) FROM hits GROUP BY m ORDER BY m",
  "SELECT (CAST(strftime('%Y', ts, 'unixepoch') AS INTEGER) / 2) * 2 AS c, count(DISTINCT visitor) FROM hits GROUP BY c ORDER BY c",
  "SELECT path, count(*) AS n FROM hits WHERE status = 404 AND NOT is_bot GROUP BY path ORDER BY n DESC, path LIMIT 10",
  "SELECT country, sum(bytes) AS b FROM hits WHERE path LIKE '/documents/%' GROUP BY country ORDER BY country",
  "SELECT count(DISTINCT visitor) FROM hits",
  "SELECT count(ts), count(visitor), count(path), count(status), count(bytes), count(is_bot), count(country) FROM hits",
]
sqlite_runs = max(1, min(runs, 3))
for q in lite_q:
    def run(): db.execute(q).fetchall()
    run()
    ts = []
    for _ in range(sqlite_runs):
        t = time.perf_counter(); run(); ts.append(time.perf_counter() - t)
    out["sqlite"].append(statistics.median(ts))
out["sqliteRows"] = db.execute("SELECT count(*) FROM hits").fetchone()[0]
print(json.dumps(out))
"""#

    static func run(csv: URL, parquet: URL, sqlite: URL, sqliteRows: Int, runs: Int, directory: URL) throws -> Timings {
        let scriptURL = directory.appendingPathComponent("peers.py")
        try Data(script.utf8).write(to: scriptURL)
        let spec: [String: Any] = ["csv": csv.path, "parquet": parquet.path, "sqlite": sqlite.path, "runs": runs, "sqlite_rows": sqliteRows]
        let specURL = directory.appendingPathComponent("peers.json")
        try JSONSerialization.data(withJSONObject: spec).write(to: specURL)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", scriptURL.path, specURL.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw BenchError("the peers failed (python3 with duckdb is required: python3 -m pip install duckdb)")
        }
        return try JSONDecoder().decode(Timings.self, from: data)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
