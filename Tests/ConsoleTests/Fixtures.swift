import Columnar
@testable import Console

/// Builders for the hand-made results and catalogs the tests render and query.
enum Fixtures {
    /// A result column of `type` holding `values`.
    static func column(_ name: String, _ type: DataType, _ values: [Value]) -> ResultColumn {
        var builder = ColumnBuilder(type: type)
        for value in values { builder.append(value) }
        return ResultColumn(name: name, chunk: builder.build())
    }

    /// A result made of `columns`.
    static func result(_ columns: ResultColumn...) -> QueryResult {
        QueryResult(columns: columns)
    }

    /// Three rows with a string, an int and a float column, with NULLs and Chinese text.
    static let sites = result(
        column("site", .string, [.string("basel"), .string("北京"), .null]),
        column("hits", .int64, [.int(12), .int(3), .int(1200)]),
        column("share", .float64, [.float(0.5), .float(1.0 / 3.0), .null])
    )

    /// A table of web hits for shell tests: five rows.
    static let hitsTable: Table = {
        let ts = ["2024-01-31 12:00:00", "2024-02-01 08:30:00", "2024-02-01 09:00:00", "2025-03-01 00:00:00", "2025-03-02 10:15:00"]
        let columns: [ResultColumn] = [
            column("ts", .timestamp, ts.map { .timestamp(CivilTime.parse($0)!) }),
            column("path", .string, ["/", "/documents/a.pdf", "/", "/news", "/documents/b.pdf"].map { .string($0) }),
            column("status", .int64, [200, 200, 404, 200, 200].map { .int($0) }),
            column("bytes", .int64, [.int(512), .int(40960), .int(0), .int(2048), .null]),
        ]
        return Table(name: "hits", columns: columns.map { ($0.name, $0.chunk) })
    }()

    /// A second table, so that listings have more than one entry.
    static let responsesTable: Table = {
        let columns: [ResultColumn] = [
            column("survey", .string, [.string("2024"), .string("2024")]),
            column("region", .string, [.string("Africa"), .string("Asia-Pacific")]),
            column("improved", .bool, [.bool(true), .null]),
        ]
        return Table(name: "responses", columns: columns.map { ($0.name, $0.chunk) })
    }()

    /// A catalog holding `hits` and `responses`.
    static let catalog = MemoryCatalog([hitsTable, responsesTable])
}
