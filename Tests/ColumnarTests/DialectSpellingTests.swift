import Columnar
import Testing

/// Spellings analysts bring from DuckDB: powers, `left`/`right`, `ORDER BY
/// ALL`, HAVING on an output alias, an ordered `string_agg` — values worked out by hand.
@Suite struct DialectSpellingTests {
    static let table = Fixtures.table("t", [
        ("g", .string, [.string("b"), .string("a"), .string("b"), .string("a"), .string("b")]),
        ("s", .string, [.string("pear"), .string("fig"), .string("apple"), .null, .string("kiwi")]),
        ("n", .int64, [.int(3), .int(-2), .int(10), .int(4), .null]),
        ("x", .float64, [.float(7.5), .float(-7.5), .float(1), .float(0), .float(2)]),
    ])
    let engine = QueryEngine(catalog: MemoryCatalog([table]))

    func rows(_ sql: String) throws -> [[Value]] {
        try engine.execute(sql).rows
    }

    @Test func powersBindTighterThanProductsAndLooserThanSigns() throws {
        // 2 ^ 3 ^ 2 = (2 ^ 3) ^ 2 = 64; -2 ^ 2 = (-2) ^ 2 = 4; 2 * 3 ^ 2 = 18.
        #expect(try rows("SELECT 2 ^ 3 ^ 2, -2 ^ 2, 2 * 3 ^ 2, 2 ** 10")[0] == [.float(64), .float(4), .float(18), .float(1024)])
    }

    @Test func anAliasServesTheItemsAfterIt() throws {
        // Per g: a has n = -2, 4 (count 2, sum 2); b has 3, 10, NULL (count 3, sum 13).
        #expect(try rows("SELECT g, count(*) AS c, sum(n) AS total, total * 10 / c AS scaled FROM t GROUP BY g ORDER BY g")
            == [[.string("a"), .int(2), .int(2), .float(10)], [.string("b"), .int(3), .int(13), .float(130.0 / 3)]])
        // A column of the FROM clause wins over an alias of the same name; an alias is not seen before it is made.
        #expect(try rows("SELECT n * 2 AS x, x FROM t WHERE n = 3")[0] == [.int(6), .float(7.5)])
        #expect(throws: SQLError.self) { try rows("SELECT later + 1, n AS later FROM t") }
    }

    @Test func leftAndRightAreFunctionsOutsideJoins() throws {
        #expect(try rows("SELECT left(s, 2), right(s, 3), left(s, -1) FROM t WHERE n = 3")[0]
            == [.string("pe"), .string("ear"), .string("pea")])
    }

    @Test func orderByAllSortsEveryColumnLeftToRight() throws {
        #expect(try rows("SELECT g, n FROM t WHERE n IS NOT NULL ORDER BY ALL")
            == [[.string("a"), .int(-2)], [.string("a"), .int(4)], [.string("b"), .int(3)], [.string("b"), .int(10)]])
        #expect(try rows("SELECT g, count(*) AS c FROM t GROUP BY ALL ORDER BY ALL DESC")
            == [[.string("b"), .int(3)], [.string("a"), .int(2)]])
    }

    @Test func havingNamesAnOutputAlias() throws {
        #expect(try rows("SELECT g AS grp, count(*) AS c FROM t GROUP BY grp HAVING c > 2") == [[.string("b"), .int(3)]])
        // A column of the table wins over an alias of the same name.
        #expect(try rows("SELECT g, max(n) AS x FROM t GROUP BY g HAVING max(x) > 5") == [[.string("b"), .int(10)]])
    }

    @Test func stringAggJoinsInTheOrderAsked() throws {
        // NULL strings are skipped; b holds pear, apple, kiwi.
        #expect(try rows("SELECT g, string_agg(s, ',' ORDER BY s) FROM t GROUP BY g ORDER BY g")
            == [[.string("a"), .string("fig")], [.string("b"), .string("apple,kiwi,pear")]])
        #expect(try rows("SELECT string_agg(s, '|' ORDER BY s DESC) FROM t")[0] == [.string("pear|kiwi|fig|apple")])
        #expect(throws: SQLError.self) { try engine.execute("SELECT string_agg(s, ',' ORDER BY n) FROM t") }
    }

    @Test func percentilesWithinGroupAreQuantiles() throws {
        // n holds -2, 3, 4, 10 (and a NULL) once sorted: the continuous quartile is at position 0.75 of that list,
        // -2 + 0.75 × 5 = 1.75; descending it is the 0.75 quantile, at position 2.25: 4 + 0.25 × 6 = 5.5.
        #expect(try rows("SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY n), percentile_cont(0.25) WITHIN GROUP (ORDER BY n DESC), percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM t")[0]
            == [.float(1.75), .float(5.5), .int(3)])
        // Discrete, descending: rank ⌈n·p⌉ counted from the top. Of (-2, 3, 4, 10) the median from the top is 4
        // (DuckDB agrees; reading it as the 0.5 quantile from the bottom would give 3).
        #expect(try rows("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n DESC), percentile_disc(0.25) WITHIN GROUP (ORDER BY n DESC) FROM t")[0]
            == [.int(4), .int(10)])
        #expect(throws: SQLError.self) { try engine.execute("SELECT median(1) WITHIN GROUP (ORDER BY n) FROM t") }
        #expect(throws: SQLError.self) { try engine.execute("SELECT lower(s ORDER BY s) FROM t") }
    }

    @Test func floatDivisionFollowsDuckDB() throws {
        // On floats `//` divides like `/` (7.5 // 2 = 3.75 in DuckDB); on integers it truncates.
        #expect(try rows("SELECT x // 2, n // 4 FROM t WHERE n = 3 OR n = -2")
            == [[.float(3.75), .int(0)], [.float(-3.75), .int(0)]])
    }
}
