import Columnar
import Foundation

/// Runs queries in DuckDB (the Python package) as an independent oracle.
///
/// The peer is required: when python3 or its duckdb package is missing the
/// test fails with a message saying how to install it, never skips.
enum DuckDBPeer {
    /// One query's outcome: rows of JSON-decoded values, or an error text.
    enum Outcome {
        case rows([[Any?]])
        case failed(String)
    }

    static let script = #"""
import sys, json, math, datetime, decimal
try:
    import duckdb
except ImportError:
    print(json.dumps({"setup_error": "the python package duckdb is missing: run pip install duckdb"}))
    sys.exit(0)
spec = json.load(open(sys.argv[1]))
con = duckdb.connect()
con.execute("SET threads=1")
for t in spec["tables"]:
    cols = "{" + ", ".join("'%s': '%s'" % (n, ty) for n, ty in t["columns"]) + "}"
    con.execute("CREATE TABLE %s AS SELECT * FROM read_csv('%s', header=true, columns=%s, nullstr='', quote='\"', escape='\"', auto_detect=false)" % (t["name"], t["csv"], cols))
def enc(v):
    if v is None: return None
    if isinstance(v, bool): return {"b": v}
    if isinstance(v, int): return {"i": str(v)}
    if isinstance(v, float):
        if math.isnan(v): return {"f": "nan"}
        if math.isinf(v): return {"f": "inf" if v > 0 else "-inf"}
        return v
    if isinstance(v, decimal.Decimal): return float(v)
    if isinstance(v, datetime.datetime):
        return {"ts": int((v - datetime.datetime(1970, 1, 1)).total_seconds())}
    if isinstance(v, datetime.date):
        return {"d": int((datetime.datetime(v.year, v.month, v.day) - datetime.datetime(1970, 1, 1)).total_seconds())}
    return str(v)
out = []
for q in spec["queries"]:
    try:
        rows = con.execute(q).fetchall()
        out.append({"rows": [[enc(v) for v in r] for r in rows]})
    except Exception as e:
        out.append({"error": str(e)})
print(json.dumps({"results": out}))
"""#

    /// Loads the CSV files into DuckDB tables and runs every query.
    static func run(tables: [(name: String, csv: URL, columns: [(String, String)])], queries: [String], directory: URL) throws -> [Outcome] {
        let scriptURL = directory.appendingPathComponent("duckdb_peer.py")
        try Data(script.utf8).write(to: scriptURL)
        let spec: [String: Any] = [
            "tables": tables.map { ["name": $0.name, "csv": $0.csv.path, "columns": $0.columns.map { [$0.0, $0.1] }] },
            "queries": queries,
        ]
        let specURL = directory.appendingPathComponent("spec.json")
        try JSONSerialization.data(withJSONObject: spec).write(to: specURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptURL.path, specURL.path]
        let pipe = Pipe()
        let errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw PeerError(message: "cannot start python3 for the DuckDB peer (\(error)); install python3 and run pip install duckdb")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw PeerError(message: "the DuckDB peer failed (status \(process.terminationStatus)): \(errorText.suffix(2000))")
        }
        if let setup = object["setup_error"] as? String { throw PeerError(message: setup) }
        let results = object["results"] as? [[String: Any]] ?? []
        return results.map { r in
            if let e = r["error"] as? String { return .failed(e) }
            return .rows((r["rows"] as? [[Any]] ?? []).map { $0.map { $0 is NSNull ? nil : $0 } })
        }
    }

    struct PeerError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
