import Columnar

/// Builds in-memory tables for engine tests.
enum Fixtures {
    /// A small deterministic generator (PCG-style LCG) for test data.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
        mutating func below(_ n: Int) -> Int { Int((next() >> 11) % UInt64(n)) }
        mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    }

    /// A table from named columns of values (all columns the same length).
    static func table(_ name: String, _ columns: [(String, DataType, [Value])], rowGroupSize: Int = 65_536) -> Table {
        let count = columns.first?.2.count ?? 0
        let dictionaries = columns.map { _ in StringDictionary() }
        var groups: [[ColumnChunk]] = []
        var start = 0
        repeat {
            let end = min(count, start + rowGroupSize)
            groups.append(columns.enumerated().map { c, column in
                var b = ColumnBuilder(type: column.1, dictionary: dictionaries[c])
                for v in column.2[start..<end] { b.append(v) }
                return b.build()
            })
            start = end
        } while start < count
        let schema = TableSchema(columns.map { ColumnSchema(name: $0.0, type: $0.1) })
        return Table(name: name, schema: schema, rowGroups: count == 0 ? [] : groups)
    }

    /// A small web-hits table with nulls, used by many tests.
    static let hits: Table = {
        let ts: [Value] = [
            "2024-01-05 10:00:00", "2024-01-05 11:30:00", "2024-02-10 08:00:00", "2025-03-01 00:00:00",
            "2025-03-01 23:59:59", "2023-12-31 23:00:00", "2026-06-15 12:00:00", "2024-01-20 09:15:00",
        ].map { .timestamp(CivilTime.parse($0)!) }
        let path: [Value] = ["/index.html", "/documents/a.pdf", "/documents/b.pdf", "/index.html", "/search", .null, "/documents/a.pdf", "/index.html"]
            .map { $0 }
        let status: [Value] = [200, 200, 404, 200, 500, 200, 304, 404].map { .int($0) }
        let bytes: [Value] = [.int(1000), .int(250_000), .int(0), .int(1200), .null, .int(800), .int(0), .int(512)]
        let bot: [Value] = [false, true, false, false, true, false, false, true].map { .bool($0) }
        let visitor: [Value] = ["v1", "v2", "v1", "v3", "v2", "v4", "v1", "v5"].map { .string($0) }
        return table("hits", [("ts", .timestamp, ts), ("path", .string, path), ("status", .int64, status),
                              ("bytes", .int64, bytes), ("is_bot", .bool, bot), ("visitor", .string, visitor)])
    }()
}

extension Value: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
