import Columnar
import Foundation
import Store
import Testing

/// chm against DuckDB on the same generated data, stored in a workspace:
/// integers and strings must match exactly, floats to 1e-9 relative, row
/// order where ORDER BY fixes it.
@Suite(.serialized) struct DifferentialTests {
    /// A result cell in a form both engines' outputs convert to.
    enum Cell: CustomStringConvertible {
        case null
        case integer(Int64)
        case float(Double)
        case string(String)
        case bool(Bool)
        case timestamp(Int64)
        case date(Int64)

        init(_ v: Value) {
            switch v {
            case .null: self = .null
            case .int(let i): self = .integer(i)
            case .float(let f): self = .float(f)
            case .string(let s): self = .string(s)
            case .bool(let b): self = .bool(b)
            case .timestamp(let t): self = .timestamp(t)
            case .date(let t): self = .date(t)
            }
        }

        init(json: Any?) {
            switch json {
            case nil: self = .null
            case let d as [String: Any]:
                if let s = d["i"] as? String { self = .integer(Int64(s)!) } else if let b = d["b"] as? Bool { self = .bool(b) } else if let t = d["ts"] as? Int {
                    self = .timestamp(Int64(t))
                } else if let t = d["d"] as? Int {
                    self = .date(Int64(t))
                } else if let f = d["f"] as? String { self = .float(f == "nan" ? .nan : (f == "inf" ? .infinity : -.infinity)) } else { self = .string("\(d)") }
            case let n as NSNumber: self = .float(n.doubleValue)
            case let s as String: self = .string(s)
            default: self = .string("\(json!)")
            }
        }

        var number: Double? {
            switch self {
            case .integer(let i): Double(i)
            case .float(let f): f
            default: nil
            }
        }

        func matches(_ other: Cell) -> Bool {
            switch (self, other) {
            case (.null, .null): return true
            case (.integer(let a), .integer(let b)): return a == b
            case (.string(let a), .string(let b)): return a == b
            case (.bool(let a), .bool(let b)): return a == b
            case (.timestamp(let a), .timestamp(let b)), (.date(let a), .date(let b)): return a == b
            default:
                guard let a = number, let b = other.number else { return false }
                if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
                if a == b { return true }
                return abs(a - b) <= 1e-9 * max(1e-9, abs(a), abs(b))
            }
        }

        /// A sort key that tolerates float noise, for comparing unordered results.
        var sortKey: String {
            switch self {
            case .null: "~"
            case .integer(let i): "n\(Double(i))"
            case .float(let f): f.isNaN ? "nnan" : "n\(Double(String(format: "%.6g", f))!)"
            case .string(let s): "s" + s
            case .bool(let b): "b\(b)"
            case .timestamp(let t): "t\(t)"
            case .date(let t): "d\(t)"
            }
        }

        var description: String {
            switch self {
            case .null: "NULL"
            case .integer(let i): "\(i)"
            case .float(let f): "\(f)"
            case .string(let s): "'\(s)'"
            case .bool(let b): "\(b)"
            case .timestamp(let t): CivilTime.format(t)
            case .date(let t): CivilTime.formatDate(t)
            }
        }
    }

    static let rows = 1_000_000

    @Test func matchesDuckDB() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chm-differential-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = try DifferentialData.make(rows: DifferentialTests.rows, directory: directory)
        let queries = DifferentialQueries.all
        #expect(queries.count >= 40)
        let expected = try DuckDBPeer.run(
            tables: [("hits", data.hitsCSV, DifferentialData.hitsColumns.map { ($0.0, $0.2) }),
                     ("countries", data.countriesCSV, DifferentialData.countriesColumns.map { ($0.0, $0.2) })],
            queries: queries, directory: directory)
        // The same rows go through the store, as users' data does.
        let workspace = try Workspace.open(path: directory.appendingPathComponent("w.db").path, create: true)
        for table in [data.hits, data.countries] {
            try workspace.append(to: table.name, batch: BatchDescription(source: "test", fileName: table.name, sha256: table.name)) { writer in
                for group in table.chunks {
                    try writer.write(Table(name: table.name, schema: table.schema, rowGroups: [group]))
                }
            }
        }
        let engine = QueryEngine(catalog: workspace)
        for (query, outcome) in zip(queries, expected) {
            compare(query, engine: engine, expected: outcome)
        }
    }

    func compare(_ query: String, engine: QueryEngine, expected: DuckDBPeer.Outcome) {
        let theirs: [[Cell]]
        switch expected {
        case .failed(let message):
            Issue.record("DuckDB rejected a differential query: \(query)\n\(message)")
            return
        case .rows(let rows):
            theirs = rows.map { $0.map(Cell.init(json:)) }
        }
        let ours: [[Cell]]
        do {
            ours = try engine.execute(query).rows.map { $0.map(Cell.init) }
        } catch {
            Issue.record("chm failed on \(query)\n\(error)")
            return
        }
        guard ours.count == theirs.count else {
            Issue.record("row count differs for \(query): chm \(ours.count), DuckDB \(theirs.count)\nchm: \(ours.prefix(5))\nDuckDB: \(theirs.prefix(5))")
            return
        }
        let ordered = query.uppercased().contains("ORDER BY")
        let a = ordered ? ours : ours.sorted { $0.map(\.sortKey).joined(separator: "|") < $1.map(\.sortKey).joined(separator: "|") }
        let b = ordered ? theirs : theirs.sorted { $0.map(\.sortKey).joined(separator: "|") < $1.map(\.sortKey).joined(separator: "|") }
        for (i, (x, y)) in zip(a, b).enumerated() {
            guard x.count == y.count, zip(x, y).allSatisfy({ $0.matches($1) }) else {
                Issue.record("row \(i) differs for \(query)\nchm:    \(x)\nDuckDB: \(y)")
                return
            }
        }
    }
}
