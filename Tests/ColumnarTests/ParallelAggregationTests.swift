import Columnar
import Testing

/// Aggregations split across threads must give exactly what one thread
/// gives (floats to rounding), for every aggregate and key shape that
/// runs in parallel.
@Suite struct ParallelAggregationTests {
    /// 700,000 rows in 11 row groups, with NULLs, skew and several key shapes.
    static let table: Table = {
        var rng = Fixtures.Random(state: 99)
        var ts: [Value] = [], k: [Value] = [], s: [Value] = [], x: [Value] = [], f: [Value] = [], b: [Value] = []
        let start = CivilTime.timestamp(year: 2019, month: 1, day: 1)
        for i in 0..<700_000 {
            ts.append(.timestamp(start + Int64(i) * 300))
            k.append(.int(Int64(rng.below(50))))
            s.append(rng.chance(0.02) ? .null : .string("s\(rng.below(300))"))
            x.append(rng.chance(0.05) ? .null : .int(Int64(rng.below(1_000_000)) - 500_000))
            f.append(.float(Double(rng.below(10_000)) / 8))
            b.append(rng.chance(0.01) ? .null : .bool(rng.chance(0.3)))
        }
        return Fixtures.table("t", [("ts", .timestamp, ts), ("k", .int64, k), ("s", .string, s), ("x", .int64, x), ("f", .float64, f), ("b", .bool, b)])
    }()

    static let queries = [
        "SELECT count(*), count(x), sum(x), avg(x), min(x), max(x), sum(f), avg(f), min(s), max(s), min(f), max(ts) FROM t",
        "SELECT median(x), quantile_cont(f, 0.3), quantile_disc(x, 0.9), mode(s), stddev_samp(f), var_pop(x), bool_and(b), bool_or(b) FROM t",
        "SELECT count(DISTINCT s), count(DISTINCT k), count(DISTINCT x), count(DISTINCT f), count(DISTINCT b) FROM t",
        "SELECT s, count(*), sum(x), min(f), max(x), count(DISTINCT k) FROM t GROUP BY s ORDER BY s NULLS FIRST",
        "SELECT k, count(*) FILTER (WHERE b), avg(f), median(f), string_agg(s, '') FILTER (WHERE x > 499000) FROM t GROUP BY k ORDER BY k",
        "SELECT date_trunc('month', ts) AS m, count(*), count(DISTINCT s), any_value(k) FROM t GROUP BY m ORDER BY m",
        "SELECT cycle(ts), b, k % 7 AS r, count(*), sum(x) FROM t GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        "SELECT year(ts), count(*) FROM t WHERE x > 0 AND s LIKE 's1%' GROUP BY 1 ORDER BY 1",
        // Wide-range distinct counts (bitmap blocks, then hash sets), CASE literals and strftime periods as keys.
        "SELECT k, count(DISTINCT ts), count(DISTINCT x * 1000) FROM t GROUP BY k ORDER BY k",
        "SELECT CASE WHEN k < 10 THEN 'low' WHEN k < 40 THEN 'mid' ELSE NULL END AS c, count(*), count(DISTINCT s) FROM t GROUP BY c ORDER BY c NULLS FIRST",
        "SELECT strftime(ts, '%Y-%m') AS m, strftime(ts, '%d %b %Y %H') AS h, count(*) FROM t GROUP BY ALL ORDER BY m, h LIMIT 50",
        // Grouping sets: partitions merged, then coarser sets derived from the merged groups.
        "SELECT cycle(ts) AS c, phase(ts) AS p, b, grouping(c) AS g, count(*), count(DISTINCT s), count(DISTINCT ts), median(x) FROM t GROUP BY GROUPING SETS ((c, p, b), (p, b)) ORDER BY g, c, p, b NULLS FIRST",
        // Keys whose combinations (301 × 51 × 3) are far more than the groups that occur:
        // groups numbered as they appear, each partition in its own order, merged by key.
        "SELECT s, k, b, count(*), sum(x), count(DISTINCT ts), median(f) FROM t GROUP BY s, k, b ORDER BY s, k, b NULLS FIRST",
        "SELECT s, k, b, grouping(s, k, b) AS g, count(*), count(DISTINCT x), max(ts) FROM t GROUP BY GROUPING SETS ((s, k, b), (k, b), (s)) ORDER BY g, s, k, b NULLS FIRST",
        // Two-argument aggregates: arg_max ties go to the first row in table order on any thread count.
        "SELECT arg_max(s, x), arg_min(ts, f), max_by(x, s), min_by(k, b), corr(f, x), covar_pop(x, f), covar_samp(f, x), regr_slope(f, x), regr_intercept(f, x) FROM t",
        "SELECT k, arg_max(s, x), arg_min(ts, f), max_by(x, s) FILTER (WHERE b), corr(f, x), covar_samp(f, x), regr_intercept(x, f) FROM t GROUP BY k ORDER BY k",
        "SELECT b, k % 3 AS r, grouping(b, r) AS g, arg_max(x, ts), min_by(s, x), covar_pop(x, k) FROM t GROUP BY GROUPING SETS ((b, r), (b), ()) ORDER BY g, b, r NULLS FIRST",
    ]

    @Test(arguments: queries)
    func oneThreadAndFourAgree(_ sql: String) throws {
        let one = try QueryEngine(catalog: MemoryCatalog([Self.table]), threads: 1).execute(sql).rows
        let four = try QueryEngine(catalog: MemoryCatalog([Self.table]), threads: 4).execute(sql).rows
        #expect(one.count == four.count)
        for (a, b) in zip(one, four) {
            #expect(a.count == b.count)
            for (x, y) in zip(a, b) {
                if case .float(let p) = x, case .float(let q) = y {
                    #expect(abs(p - q) <= 1e-9 * max(1, abs(p)), "\(sql): \(p) vs \(q)")
                } else {
                    #expect(x == y, "\(sql): \(x) vs \(y)")
                }
            }
        }
    }
}
