import Columnar
import Foundation

/// Generates the benchmark's hits table deterministically: timestamps
/// sorted over 2018–2025, about two million distinct visitors, 50,000 paths
/// with Zipf-like popularity, statuses mostly 200 with 304/404/500, sizes,
/// 15 % bots and 200 countries.
struct HitsGenerator {
    static let columns: [(String, DataType)] = [
        ("ts", .timestamp), ("visitor", .string), ("path", .string), ("status", .int64),
        ("bytes", .int64), ("is_bot", .bool), ("country", .string),
    ]
    static let visitorPool = 2_000_000
    static let regulars = 200_000
    static let pathCount = 50_000
    static let start = CivilTime.timestamp(year: 2018, month: 1, day: 1)
    static let end = CivilTime.timestamp(year: 2026, month: 1, day: 1)

    let rows: Int
    let visitors: StringDictionary
    let paths: StringDictionary
    let countries: StringDictionary
    private var rng = SplitMix(state: 0x5EED_2024)
    private var produced = 0

    init(rows: Int) {
        self.rows = rows
        // Visitor keys look like the ingest's truncated HMAC: 16 hex digits.
        visitors = StringDictionary()
        var keys = SplitMix(state: 0xC0FFEE)
        for _ in 0..<HitsGenerator.visitorPool { visitors.append(String(keys.next(), radix: 16).leftPadded(to: 16)) }
        paths = StringDictionary()
        let sections = ["documents/reports", "documents/guidance", "documents/meetings", "news", "events", "implementation", "partners", "fr/documents", "es/noticias", "zh/文件"]
        for k in 0..<HitsGenerator.pathCount {
            let section = sections[(k * 7) % sections.count]
            let leaf = section.hasPrefix("documents") || section.hasSuffix("documents") ? "file-\(k).pdf" : "page-\(k)"
            paths.append("/\(section)/\(k % 40)/\(leaf)")
        }
        countries = StringDictionary()
        for i in 0..<200 { countries.append(String(UnicodeScalar(65 + i / 26 % 26)!) + String(UnicodeScalar(65 + i % 26)!) + (i >= 676 ? "X" : "")) }
    }

    /// The next piece of at most `size` rows, or nil when all rows are out.
    mutating func next(size: Int = 65_536) -> (chunks: [ColumnChunk], plain: PlainColumns)? {
        guard produced < rows else { return nil }
        let n = min(size, rows - produced)
        var plain = PlainColumns(count: n)
        let span = Double(HitsGenerator.end - HitsGenerator.start - 1)
        let logPaths = log(Double(HitsGenerator.pathCount + 1))
        for i in 0..<n {
            let r = produced + i
            plain.ts[i] = HitsGenerator.start + Int64(span * Double(r) / Double(rows))
            let x = rng.next()
            plain.visitor[i] = x & 1 == 0 ? UInt32((x >> 1) % UInt64(HitsGenerator.regulars)) : UInt32((x >> 1) % UInt64(HitsGenerator.visitorPool))
            let u = Double(rng.next() >> 11) / Double(1 << 53)
            plain.path[i] = UInt32(min(HitsGenerator.pathCount - 1, Int(exp(u * logPaths)) - 1))
            let y = rng.next()
            let s = y % 100
            plain.status[i] = s < 84 ? 200 : (s < 91 ? 304 : (s < 97 ? 404 : 500))
            plain.bytes[i] = plain.status[i] == 304 ? 0 : Int64(exp(Double((y >> 8) % 10_000) / 10_000 * 15)) + 200
            plain.isBot[i] = (y >> 32) % 100 < 15 ? 1 : 0
            plain.country[i] = UInt32((y >> 40) % 200)
        }
        produced += n
        return (plain.chunks(visitors: visitors, paths: paths, countries: countries), plain)
    }
}

/// A piece of generated rows in plain arrays (codes index the generator's dictionaries).
struct PlainColumns {
    var ts: [Int64], visitor: [UInt32], path: [UInt32], status: [Int64], bytes: [Int64], isBot: [UInt8], country: [UInt32]

    init(count n: Int) {
        ts = [Int64](repeating: 0, count: n)
        visitor = [UInt32](repeating: 0, count: n)
        path = [UInt32](repeating: 0, count: n)
        status = [Int64](repeating: 0, count: n)
        bytes = [Int64](repeating: 0, count: n)
        isBot = [UInt8](repeating: 0, count: n)
        country = [UInt32](repeating: 0, count: n)
    }

    func chunks(visitors: StringDictionary, paths: StringDictionary, countries: StringDictionary) -> [ColumnChunk] {
        func ints(_ a: [Int64], _ type: DataType) -> ColumnChunk {
            let lo = a.min() ?? 0, hi = a.max() ?? 0
            return ColumnChunk(type: type, storage: .integers(base: lo, offsets: .pack(a.map { UInt64($0 - lo) }, maximum: UInt64(hi - lo))), validity: nil)
        }
        func strings(_ c: [UInt32], _ d: StringDictionary) -> ColumnChunk {
            ColumnChunk(type: .string, storage: .strings(codes: .pack(codes: c, maximum: UInt32(d.count - 1)), dictionary: d), validity: nil)
        }
        return [ints(ts, .timestamp), strings(visitor, visitors), strings(path, paths), ints(status, .int64), ints(bytes, .int64),
                ColumnChunk(type: .bool, storage: .booleans(isBot), validity: nil), strings(country, countries)]
    }

    /// The rows as CSV lines (for DuckDB and SQLite).
    func csv(visitors: StringDictionary, paths: StringDictionary, countries: StringDictionary, into out: inout [UInt8]) {
        for i in ts.indices {
            out.append(contentsOf: CivilTime.format(ts[i]).utf8)
            out.append(0x2C)
            visitors.withBytes(Int(visitor[i])) { out.append(contentsOf: $0) }
            out.append(0x2C)
            paths.withBytes(Int(path[i])) { out.append(contentsOf: $0) }
            out.append(0x2C)
            out.append(contentsOf: String(status[i]).utf8)
            out.append(0x2C)
            out.append(contentsOf: String(bytes[i]).utf8)
            out.append(0x2C)
            out.append(contentsOf: (isBot[i] != 0 ? "true" : "false").utf8)
            out.append(0x2C)
            countries.withBytes(Int(country[i])) { out.append(contentsOf: $0) }
            out.append(0x0A)
        }
    }
}

/// SplitMix64: small, fast, and the same everywhere.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
