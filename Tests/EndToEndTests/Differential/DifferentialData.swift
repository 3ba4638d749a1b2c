import Columnar
import Foundation
import TestSupport

/// The generated tables of the differential suite: `hits` (a web-hits-like
/// table with nulls, skewed strings, several key cardinalities) and
/// `countries` (a small dimension table for joins). The same rows go to
/// chm (as in-memory tables) and to DuckDB (as CSV files).
struct DifferentialData {
    let hits: Table
    let countries: Table
    let hitsCSV: URL
    let countriesCSV: URL

    static let hitsColumns: [(String, DataType, String)] = [
        ("id", .int64, "BIGINT"), ("ts", .timestamp, "TIMESTAMP"), ("visitor", .string, "VARCHAR"),
        ("path", .string, "VARCHAR"), ("status", .int64, "BIGINT"), ("bytes", .int64, "BIGINT"),
        ("duration", .float64, "DOUBLE"), ("is_bot", .bool, "BOOLEAN"), ("country", .string, "VARCHAR"),
        ("region", .string, "VARCHAR"), ("score", .float64, "DOUBLE"), ("k10", .int64, "BIGINT"), ("big", .int64, "BIGINT"),
    ]

    static let countriesColumns: [(String, DataType, String)] = [
        ("code", .string, "VARCHAR"), ("name", .string, "VARCHAR"), ("region_group", .string, "VARCHAR"), ("population", .int64, "BIGINT"),
    ]

    static let regions = ["African States", "Asia-Pacific States", "Eastern European States",
                          "Latin American and Caribbean States", "Western European and other States"]

    /// Country codes: two letters, 150 of them.
    static let countryCodes: [String] = (0..<150).map { i in
        let a = Character(Unicode.Scalar(65 + i / 26 % 26)!), b = Character(Unicode.Scalar(65 + i % 26)!)
        return String([a, b])
    }

    static func make(rows: Int, directory: URL) throws -> DifferentialData {
        var rng = SplitMix64(seed: 20_240_101)
        let sections = ["documents/reports", "documents/guidance", "documents/meetings", "news", "events", "fr/événements", "zh/文件", "ar/وثائق"]
        var paths: [String] = ["/", "/search", "/index.html", "/contact", "/about"]
        for k in 0..<3000 {
            let section = sections[k % sections.count]
            let ext = k % 3 == 0 ? ".pdf" : (k % 3 == 1 ? ".html" : "")
            paths.append("/\(section)/\(k % 7)/item-\(k)\(ext)")
        }
        paths.append("/odd, \"quoted\" path")

        let builders = hitsColumns.map { ColumnBuilder(type: $0.1) }
        var chunks: [[ColumnChunk]] = []
        var current = builders
        var csv = Data()
        csv.reserveCapacity(rows * 140)
        csv.append(contentsOf: hitsColumns.map(\.0).joined(separator: ",").utf8)
        csv.append(10)

        let start = CivilTime.timestamp(year: 2018, month: 1, day: 1)
        let span = CivilTime.timestamp(year: 2026, month: 1, day: 1) - start
        var line = [String](repeating: "", count: hitsColumns.count)
        for i in 0..<rows {
            // Mostly increasing timestamps with jitter, like a log.
            let ts = start + Int64(Double(span) * Double(i) / Double(rows)) + Int64(rng.below(7200)) - 3600
            let visitor = "v" + String(rng.below(60_000), radix: 16)
            let zipf = Int(pow(rng.unit(), 3) * Double(paths.count))
            let path: String? = rng.chance(0.01) ? nil : paths[min(zipf, paths.count - 1)]
            let r = rng.unit()
            let status: Int64 = r < 0.80 ? 200 : (r < 0.88 ? 304 : (r < 0.96 ? 404 : 500))
            let bytes: Int64? = rng.chance(0.05) ? nil : (status == 304 ? 0 : Int64(exp(rng.unit() * 14)))
            let duration: Double? = rng.chance(0.02) ? nil : Double(rng.below(500_000)) / 100
            let bot: Bool? = rng.chance(0.005) ? nil : rng.chance(0.15)
            let countryIndex = Int(pow(rng.unit(), 2) * Double(countryCodes.count))
            let country: String? = rng.chance(0.03) ? nil : countryCodes[countryIndex]
            let region = regions[countryIndex % regions.count]
            let score: Double = rng.chance(0.1) ? Double(rng.below(2001) - 1000) : (rng.unit() * 2000 - 1000)
            let k10 = Int64(rng.below(10))
            let big = Int64(bitPattern: rng.next() >> 2) - (1 << 61)

            let row = current.count
            _ = row
            current[0].append(integer: Int64(i))
            current[1].append(integer: ts)
            current[2].append(string: visitor)
            if let path { current[3].append(string: path) } else { current[3].appendNull() }
            current[4].append(integer: status)
            if let bytes { current[5].append(integer: bytes) } else { current[5].appendNull() }
            if let duration { current[6].append(float: duration) } else { current[6].appendNull() }
            if let bot { current[7].append(bool: bot) } else { current[7].appendNull() }
            if let country { current[8].append(string: country) } else { current[8].appendNull() }
            current[9].append(string: region)
            current[10].append(float: score)
            current[11].append(integer: k10)
            current[12].append(integer: big)

            line[0] = String(i)
            line[1] = CivilTime.format(ts)
            line[2] = visitor
            line[3] = path.map(csvField) ?? ""
            line[4] = String(status)
            line[5] = bytes.map { String($0) } ?? ""
            line[6] = duration.map { "\($0)" } ?? ""
            line[7] = bot.map { $0 ? "true" : "false" } ?? ""
            line[8] = country ?? ""
            line[9] = region
            line[10] = "\(score)"
            line[11] = String(k10)
            line[12] = String(big)
            csv.append(contentsOf: line.joined(separator: ",").utf8)
            csv.append(10)

            if current[0].count == 65_536 {
                chunks.append(current.map { $0.build() })
                current = current.map { ColumnBuilder(type: $0.type, dictionary: $0.dictionary) }
            }
        }
        if current[0].count > 0 { chunks.append(current.map { $0.build() }) }
        let hitsURL = directory.appendingPathComponent("hits.csv")
        try csv.write(to: hitsURL)
        let hits = Table(name: "hits", schema: TableSchema(hitsColumns.map { ColumnSchema(name: $0.0, type: $0.1) }), rowGroups: chunks)

        var cb = countriesColumns.map { ColumnBuilder(type: $0.1) }
        var ccsv = countriesColumns.map(\.0).joined(separator: ",") + "\n"
        // Every other country is listed, so LEFT JOIN leaves some unmatched.
        for (i, code) in countryCodes.enumerated() where i % 2 == 0 {
            let name = "Country \(code)"
            let group = regions[(i / 2) % regions.count]
            let population = Int64(1_000_000 + i * 7919)
            cb[0].append(string: code)
            cb[1].append(string: name)
            cb[2].append(string: group)
            cb[3].append(integer: population)
            ccsv += "\(code),\(name),\(group),\(population)\n"
        }
        let countriesURL = directory.appendingPathComponent("countries.csv")
        try Data(ccsv.utf8).write(to: countriesURL)
        let countries = Table(name: "countries", schema: TableSchema(countriesColumns.map { ColumnSchema(name: $0.0, type: $0.1) }),
                              rowGroups: [cb.map { $0.build() }])
        return DifferentialData(hits: hits, countries: countries, hitsCSV: hitsURL, countriesCSV: countriesURL)
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
