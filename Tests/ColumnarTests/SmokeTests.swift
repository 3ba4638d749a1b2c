import Testing
import Columnar

@Suite struct SmokeTests {
    let engine = QueryEngine(catalog: MemoryCatalog([Fixtures.hits]))

    @Test func countsRows() throws {
        let r = try engine.execute("SELECT count(*) AS n, count(bytes), sum(bytes), min(status), max(path) FROM hits")
        #expect(r.rows == [[.int(8), .int(7), .int(253_512), .int(200), .string("/search")]])
        #expect(r.names == ["n", "count(bytes)", "sum(bytes)", "min(status)", "max(path)"])
    }

    @Test func groupsByYear() throws {
        let r = try engine.execute("SELECT year(ts) AS y, count(*) FROM hits GROUP BY y ORDER BY y")
        #expect(r.rows == [[.int(2023), .int(1)], [.int(2024), .int(4)], [.int(2025), .int(2)], [.int(2026), .int(1)]])
    }
}
