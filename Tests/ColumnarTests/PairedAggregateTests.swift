import Columnar
import Testing

/// arg_max / arg_min (max_by / min_by) and the (y, x) statistics corr,
/// covar_pop, covar_samp, regr_slope and regr_intercept: NULL pairs,
/// empty groups, FILTER, DISTINCT, against values worked out by hand.
@Suite struct PairedAggregateTests {
    // Group a: (y, x) = (1, 2), (2, 4), (3, 7), plus (NULL, 1) and (4, NULL) which do not count.
    // Group b: one pair (5, 1). Group c: x constant. Group d: only NULL pairs.
    static let table = Fixtures.table("t", [
        ("g", .string, ["a", "a", "a", "a", "a", "b", "c", "c", "d"].map { .string($0) }),
        ("y", .int64, [.int(1), .int(2), .int(3), .null, .int(4), .int(5), .int(1), .int(3), .null]),
        ("x", .int64, [.int(2), .int(4), .int(7), .int(1), .null, .int(1), .int(2), .int(2), .int(6)]),
        ("s", .string, ["p", "q", "r", "s", "t", "u", "v", "w", "z"].map { .string($0) }),
    ])
    let engine = QueryEngine(catalog: MemoryCatalog([table]))

    func rows(_ sql: String) throws -> [[Value]] { try engine.execute(sql).rows }

    func close(_ v: Value, _ expected: Double) -> Bool {
        guard case .float(let f) = v else { return false }
        return abs(f - expected) <= 1e-12 * max(1, abs(expected))
    }

    @Test func argMaxSkipsNullArgumentsAndNullBy() throws {
        let r = try rows("SELECT g, arg_max(s, x), arg_min(s, x), max_by(y, x), min_by(y, x), arg_max(x, y) FROM t GROUP BY g ORDER BY g")
        #expect(r == [
            // a: largest x is 7 (s = r, y = 3); x = 1 has a NULL y, so min_by(y, x) skips it (x = 2, y = 1).
            // arg_max(x, y): y = 4 has a NULL x, so y = 3 wins (x = 7).
            [.string("a"), .string("r"), .string("s"), .int(3), .int(1), .int(7)],
            [.string("b"), .string("u"), .string("u"), .int(5), .int(5), .int(1)],
            [.string("c"), .string("v"), .string("v"), .int(1), .int(1), .int(2)],
            [.string("d"), .string("z"), .string("z"), .null, .null, .null],
        ])
    }

    @Test func argMaxWithEmptyInputFilterAndDistinct() throws {
        #expect(try rows("SELECT arg_max(s, x), min_by(y, s) FROM t WHERE x > 100") == [[.null, .null]])
        #expect(try rows("SELECT arg_max(s, x) FILTER (WHERE g <> 'a'), arg_min(s, y) FILTER (WHERE x > 3) FROM t") == [[.string("z"), .string("q")]])
        #expect(try rows("SELECT arg_max(DISTINCT s, y), min_by(DISTINCT x, s) FROM t") == [[.string("u"), .int(2)]])
        // Any type as the value or the key.
        #expect(try rows("SELECT arg_max(x > 3, s), arg_min(CAST(y AS float), g) FROM t") == [[.bool(true), .float(1)]])
    }

    @Test func covarianceCorrelationAndRegressionByHand() throws {
        let r = try rows("""
            SELECT g, covar_pop(y, x), covar_samp(y, x), corr(y, x), regr_slope(y, x), regr_intercept(y, x)
            FROM t GROUP BY g ORDER BY g
            """)
        #expect(r.count == 4)
        // a: x 2, 4, 7 (mean 13/3), y 1, 2, 3 (mean 2). Co-moment 5; Σ(x - x̄)² = 38/3; Σ(y - ȳ)² = 2.
        let a = r[0]
        #expect(close(a[1], 5.0 / 3))
        #expect(close(a[2], 2.5))
        #expect(close(a[3], 5 / (38.0 / 3 * 2).squareRoot()))
        #expect(close(a[4], 15.0 / 38))
        #expect(close(a[5], 2 - 15.0 / 38 * 13 / 3))
        // b: one pair. covar_samp needs two; corr and regr_slope are NaN, regr_intercept NULL (DuckDB).
        #expect(r[1][1] == .float(0))
        #expect(r[1][2] == .null)
        #expect(r[1][3].isNaNFloat && r[1][4].isNaNFloat)
        #expect(r[1][5] == .null)
        // c: x constant (2, 2), y 1 and 3: no correlation or slope.
        #expect(r[2][1] == .float(0))
        #expect(r[2][2] == .float(0))
        #expect(r[2][3].isNaNFloat && r[2][4].isNaNFloat)
        #expect(r[2][5] == .null)
        // d: no pair at all.
        #expect(Array(r[3].dropFirst()) == [.null, .null, .null, .null, .null])
    }

    @Test func statisticsWithFilterAndConstantY() throws {
        // y constant: covariance and slope 0, intercept 1, corr NaN.
        let r = try rows("SELECT covar_pop(1, x) FILTER (WHERE g = 'a'), regr_slope(1, x), regr_intercept(1.0, x), corr(1, x) FROM t")
        #expect(r[0][0] == .float(0) && r[0][1] == .float(0) && r[0][2] == .float(1) && r[0][3].isNaNFloat)
        #expect(try rows("SELECT corr(y, x) FROM t WHERE y > 100") == [[.null]])
        #expect(throws: SQLError.self) { try engine.execute("SELECT corr(s, x) FROM t") }
        #expect(throws: SQLError.self) { try engine.execute("SELECT corr(DISTINCT y, x) FROM t") }
        #expect(throws: SQLError.self) { try engine.execute("SELECT arg_max(s) FROM t") }
        #expect(throws: SQLError.self) { try engine.execute("SELECT arg_max(s, x) OVER () FROM t") }
    }
}

extension Value {
    var isNaNFloat: Bool {
        if case .float(let f) = self { return f.isNaN }
        return false
    }
}
