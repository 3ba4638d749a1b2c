import Columnar
import Foundation

/// The benchmark's printed table.
struct Report {
    let rows: Int
    let chm: [Double]
    let floors: [Double]
    let peers: Peers.Timings?
    let answers: [QueryResult]
    let memoryBytesPerRow: Double
    let dictionaryBytesPerRow: Double
    let diskBytesPerRow: Double
    let coldQuery: Double
    let peakMemory: Int

    static func ms(_ s: Double) -> String { s >= 10 ? String(format: "%.1f s", s) : String(format: "%.1f ms", s * 1000) }
    static func ratio(_ r: Double) -> String { r >= 10 ? String(format: "%.0f×", r) : String(format: "%.1f×", r) }

    var text: String {
        var lines: [String] = []
        let labels = EngineBenchmark.queries.map { "\($0.0) \($0.1)" } + ["Q6 read every column from storage, cold"]
        var header = "| query | chm | chm rows/s |"
        if peers != nil { header += " DuckDB 1 thread | vs chm | DuckDB 2 threads | vs chm | SQLite (per \(formatCount(rows))) | vs chm |" }
        header += " one loop | chm ÷ loop |"
        lines.append(header)
        lines.append("|" + String(repeating: "---|", count: header.filter { $0 == "|" }.count - 1))
        for (i, label) in labels.enumerated() {
            var line = "| \(label) | \(Report.ms(chm[i])) | \(formatCount(Int(Double(rows) / chm[i]))) |"
            if let p = peers {
                let sqliteScaled = p.sqlite[i] * Double(rows) / Double(max(1, p.sqliteRows))
                line += " \(Report.ms(p.duckdb1[i])) | \(Report.ratio(p.duckdb1[i] / chm[i])) | \(Report.ms(p.duckdb2[i])) | \(Report.ratio(p.duckdb2[i] / chm[i])) |"
                line += " \(Report.ms(sqliteScaled)) | \(Report.ratio(sqliteScaled / chm[i])) |"
            }
            if i < floors.count {
                line += " \(Report.ms(floors[i])) | \(Report.ratio(chm[i] / floors[i])) |"
            } else {
                line += " – | – |"
            }
            lines.append(line)
        }
        lines.append("")
        lines.append(String(format: "Table in memory: %.1f bytes/row (dictionaries %.1f); on disk: %.1f bytes/row. Cold `chm query` of Q1 (new process): %@. Peak memory of this run: %d MB.",
                            memoryBytesPerRow, dictionaryBytesPerRow, diskBytesPerRow, Report.ms(coldQuery), peakMemory >> 20))
        if let p = peers {
            lines.append("Peers: DuckDB \(p.versions["duckdb"] ?? "?") (Python), SQLite \(p.versions["sqlite"] ?? "?") on a \(formatCount(p.sqliteRows))-row slice, times scaled to \(formatCount(rows)) rows.")
            lines.append(agreement(p))
        }
        return lines.joined(separator: "\n")
    }

    /// Whether chm's answers match DuckDB's (counts and sums; labels differ by design for Q2).
    func agreement(_ p: Peers.Timings) -> String {
        var mismatches: [String] = []
        for (i, result) in answers.enumerated() where i < p.answers.count {
            let ours = result.rows.map { $0.last!.description }
            let theirs = p.answers[i].map { $0.last!.description }
            if ours != theirs { mismatches.append("Q\(i + 1)") }
        }
        return mismatches.isEmpty ? "chm and DuckDB return the same numbers for Q1–Q5." : "ANSWERS DIFFER from DuckDB for \(mismatches.joined(separator: ", "))."
    }

    func formatCount(_ n: Int) -> String {
        if n >= 1_000_000 { return String(format: n % 1_000_000 == 0 ? "%.0fM" : "%.1fM", Double(n) / 1e6) }
        if n >= 1_000 { return String(format: "%.0fK", Double(n) / 1e3) }
        return String(n)
    }
}
