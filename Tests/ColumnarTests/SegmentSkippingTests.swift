import Columnar
import Testing
import Synchronization

/// Scans read only the row groups whose statistics allow a match, and only
/// the columns the query touches.
@Suite struct SegmentSkippingTests {
    /// A table that counts which column chunks are loaded.
    final class CountingTable: TableProvider {
        let inner: Table
        let loads = Mutex<[Int: Int]>([:])
        var name: String { inner.name }
        var schema: TableSchema { inner.schema }
        var rowGroups: [RowGroupInfo] { inner.rowGroups }
        init(_ inner: Table) { self.inner = inner }
        func loadColumn(_ column: Int, rowGroup: Int) throws -> ColumnChunk {
            loads.withLock { $0[column, default: 0] += 1 }
            return try inner.loadColumn(column, rowGroup: rowGroup)
        }
        func dictionary(ofColumn column: Int) throws -> StringDictionary { try inner.dictionary(ofColumn: column) }
        var total: [Int: Int] { loads.withLock { $0 } }
    }

    /// 100 row groups of 1,000 rows, one day each, sorted by time.
    static func table() -> CountingTable {
        let start = CivilTime.timestamp(year: 2024, month: 1, day: 1)
        var ts: [Value] = [], status: [Value] = [], path: [Value] = []
        for i in 0..<100_000 {
            ts.append(.timestamp(start + Int64(i / 1000) * 86_400 + Int64(i % 1000)))
            status.append(.int(i / 1000 == 42 ? 500 : 200))
            path.append(.string(i / 1000 < 10 ? "/old/\(i % 3)" : "/new/\(i % 3)"))
        }
        return CountingTable(Fixtures.table("hits", [("ts", .timestamp, ts), ("status", .int64, status), ("path", .string, path)], rowGroupSize: 1000))
    }

    @Test func timeRangesSkipSegments() throws {
        let t = Self.table()
        let engine = QueryEngine(catalog: SingleTableCatalog(table: t))
        let n = try engine.execute("SELECT count(*) FROM hits WHERE ts >= TIMESTAMP '2024-01-11' AND ts < TIMESTAMP '2024-01-13'")
        #expect(n.rows == [[.int(2000)]])
        #expect(t.total == [0: 2], "only the two days' segments of ts are read")
    }

    @Test func valueFiltersSkipSegmentsAndUntouchedColumnsAreNotRead() throws {
        let t = Self.table()
        let engine = QueryEngine(catalog: SingleTableCatalog(table: t))
        let r = try engine.execute("SELECT count(*), min(ts) FROM hits WHERE status = 500")
        #expect(r.rows == [[.int(1000), .timestamp(CivilTime.timestamp(year: 2024, month: 2, day: 12))]])
        #expect(t.total == [1: 1, 0: 1], "one segment of status and ts; path untouched")
    }

    @Test func stringPredicatesSkipSegmentsByCodeRange() throws {
        let t = Self.table()
        let engine = QueryEngine(catalog: SingleTableCatalog(table: t))
        let r = try engine.execute("SELECT count(*) FROM hits WHERE path LIKE '/old/%'")
        #expect(r.rows == [[.int(10_000)]])
        #expect(t.total == [2: 10])
    }

    struct SingleTableCatalog: Catalog {
        let table: CountingTable
        func tableNames() throws -> [String] { [table.name] }
        func table(named name: String) throws -> (any TableProvider)? { name.lowercased() == "hits" ? table : nil }
    }
}
