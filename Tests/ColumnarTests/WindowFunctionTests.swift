import Columnar
import Testing

/// Window functions on a six-row table, every expected value worked out by
/// hand: ties, NULLs in ORDER BY and in arguments, frames, defaults, named
/// windows, QUALIFY, windows over grouped rows, and the errors.
@Suite struct WindowFunctionTests {
    // id | g | x    | f
    //  1 | a | 10   | 1.5
    //  2 | a | 20   | NULL
    //  3 | a | 20   | 2.5
    //  4 | b | NULL | 4.0
    //  5 | b | 5    | NULL
    //  6 | c | 7    | 1.0
    static let table = Fixtures.table("t", [
        ("id", .int64, (1...6).map { .int($0) }),
        ("g", .string, ["a", "a", "a", "b", "b", "c"]),
        ("x", .int64, [.int(10), .int(20), .int(20), .null, .int(5), .int(7)]),
        ("f", .float64, [.float(1.5), .null, .float(2.5), .float(4.0), .null, .float(1.0)]),
    ])
    let engine = QueryEngine(catalog: MemoryCatalog([table]))

    func rows(_ sql: String) throws -> [[Value]] {
        try engine.execute(sql).rows
    }

    /// The columns after the first (the id) of a query ordered by id.
    func columns(_ sql: String) throws -> [[Value]] {
        try rows(sql).map { Array($0.dropFirst()) }
    }

    func failure(_ sql: String) -> SQLError? {
        do {
            _ = try engine.execute(sql)
            return nil
        } catch let error as SQLError {
            return error
        } catch {
            return nil
        }
    }

    @Test func ranksShareTiesAndNullsSortLast() throws {
        // x descending, NULLS LAST: 20 (ids 2, 3), 10, 7, 5, NULL.
        #expect(try columns("""
            SELECT id, rank() OVER (ORDER BY x DESC), dense_rank() OVER (ORDER BY x DESC NULLS FIRST),
                   row_number() OVER (ORDER BY x DESC, id) FROM t ORDER BY id
            """) == [[3, 3, 3], [1, 2, 1], [1, 2, 2], [6, 1, 6], [5, 5, 5], [4, 4, 4]].map { $0.map { .int($0) } })
    }

    @Test func runningAggregatesEndAtTheLastPeer() throws {
        // x ascending: 5, 7, 10, 20, 20, NULL; both 20s see 62, and the NULL row is a peer group of its own.
        #expect(try columns("SELECT id, sum(x) OVER (ORDER BY x), count(x) OVER (ORDER BY x), count(*) OVER (ORDER BY x) FROM t ORDER BY id")
            == [[22, 3, 3], [62, 5, 5], [62, 5, 5], [62, 5, 6], [5, 1, 1], [12, 2, 2]].map { $0.map { .int($0) } })
    }

    @Test func distributionFunctionsPerPartition() throws {
        // Six rows in four tiles: 2, 2, 1, 1. Partition a orders 10, 20, 20; b orders 5, NULL.
        let result = try columns("""
            SELECT id, ntile(4) OVER (ORDER BY id), ntile(10) OVER (ORDER BY id), percent_rank() OVER (PARTITION BY g ORDER BY x),
                   cume_dist() OVER (PARTITION BY g ORDER BY x) FROM t ORDER BY id
            """)
        #expect(result.map { Array($0.prefix(2)) } == [[1, 1], [1, 2], [2, 3], [2, 4], [3, 5], [4, 6]].map { $0.map { .int($0) } })
        #expect(result.map { $0[2] } == [0, 0.5, 0.5, 1, 0, 0].map { .float($0) })
        #expect(result.map { $0[3] } == [1.0 / 3, 1, 1, 1, 0.5, 1].map { .float($0) })
    }

    @Test func lagAndLeadReadNeighboursOrTheirDefault() throws {
        #expect(try columns("""
            SELECT id, lag(x) OVER (ORDER BY id), lead(x, 2, -1) OVER (ORDER BY id), lag(g, 1, 'zz') OVER (PARTITION BY g ORDER BY id),
                   lag(x, -1) OVER (ORDER BY id), lag(x, 0) OVER (ORDER BY id) FROM t ORDER BY id
            """) == [
                [.null, .int(20), "zz", .int(20), .int(10)],
                [.int(10), .null, "a", .int(20), .int(20)],
                [.int(20), .int(5), "a", .null, .int(20)],
                [.int(20), .int(7), "zz", .int(5), .null],
                [.null, .int(-1), "b", .int(7), .int(5)],
                [.int(5), .int(-1), "zz", .null, .int(7)],
            ])
    }

    @Test func valueFunctionsReadTheFrame() throws {
        // With NULLS FIRST the frame of every row starts at the NULL; last_value stops at the last peer.
        #expect(try columns("""
            SELECT id, first_value(x) OVER (ORDER BY x NULLS FIRST), last_value(x) OVER (ORDER BY x), nth_value(x, 2) OVER (ORDER BY id),
                   first_value(x) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) FROM t ORDER BY id
            """) == [
                [.null, .int(10), .null, .int(20)],
                [.null, .int(20), .int(20), .int(20)],
                [.null, .int(20), .int(20), .null],
                [.null, .null, .int(20), .int(5)],
                [.null, .int(5), .int(20), .int(7)],
                [.null, .int(7), .int(20), .null],
            ])
    }

    @Test func rowFramesSlide() throws {
        #expect(try columns("""
            SELECT id, sum(x) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), sum(x) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 PRECEDING),
                   sum(x) OVER (ORDER BY id ROWS 1 PRECEDING), min(g) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t ORDER BY id
            """) == [
                [.int(30), .null, .int(10), "a"],
                [.int(50), .int(10), .int(30), "a"],
                [.int(40), .int(20), .int(40), "a"],
                [.int(25), .int(20), .int(20), "a"],
                [.int(12), .null, .int(5), "b"],
                [.int(12), .int(5), .int(12), "b"],
            ])
        // f: 1.5, NULL, 2.5, 4.0, NULL, 1.0.
        #expect(try columns("""
            SELECT id, max(f) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), avg(f) OVER (ORDER BY id ROWS BETWEEN 3 FOLLOWING AND UNBOUNDED FOLLOWING),
                   sum(f) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t ORDER BY id
            """) == [
                [.float(1.5), .float(2.5), .float(1.5)],
                [.float(1.5), .float(1.0), .float(4.0)],
                [.float(2.5), .float(1.0), .float(6.5)],
                [.float(4.0), .null, .float(6.5)],
                [.float(4.0), .null, .float(5.0)],
                [.float(4.0), .null, .float(1.0)],
            ])
    }

    @Test func wholePartitionWithoutOrder() throws {
        #expect(try columns("""
            SELECT id, avg(x) OVER (PARTITION BY g), count(*) OVER (), sum(x) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
                   max(x) OVER (PARTITION BY g) FROM t ORDER BY id
            """) == [
                [.float(50.0 / 3), .int(6), .int(50), .int(20)],
                [.float(50.0 / 3), .int(6), .int(50), .int(20)],
                [.float(50.0 / 3), .int(6), .int(50), .int(20)],
                [.float(5), .int(6), .int(5), .int(5)],
                [.float(5), .int(6), .int(5), .int(5)],
                [.float(7), .int(6), .int(7), .int(7)],
            ])
    }

    @Test func emptyInputsAndAllNullFrames() throws {
        #expect(try rows("SELECT id, row_number() OVER (), sum(x) OVER () FROM t WHERE id > 100").isEmpty)
        // The only row's x is NULL: one row counted, nothing summed.
        #expect(try rows("SELECT count(*) OVER (), count(x) OVER (), sum(x) OVER (), avg(x) OVER (), min(x) OVER (), first_value(x) OVER () FROM t WHERE x IS NULL")
            == [[.int(1), .int(0), .null, .null, .null, .null]])
        #expect(try rows("SELECT id, ntile(NULL) OVER (), lag(x, NULL) OVER (ORDER BY id), nth_value(x, 0) OVER () FROM t WHERE id = 1") == [[.int(1), .null, .null, .null]])
    }

    @Test func namedWindowsQualifyAndFilter() throws {
        #expect(try columns("SELECT id, row_number() OVER w, sum(x) OVER w FROM t WINDOW w AS (PARTITION BY g ORDER BY id) ORDER BY id")
            == [[.int(1), .int(10)], [.int(2), .int(30)], [.int(3), .int(50)], [.int(1), .null], [.int(2), .int(5)], [.int(1), .int(7)]])
        #expect(try columns("SELECT id, sum(x) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM t WINDOW w AS (PARTITION BY g ORDER BY id) ORDER BY id")
            == [50, 50, 50, 5, 5, 7].map { [.int($0)] })
        #expect(try rows("SELECT id, row_number() OVER (PARTITION BY g ORDER BY x DESC, id) AS rn FROM t QUALIFY rn = 1 ORDER BY id")
            == [[.int(2), .int(1)], [.int(5), .int(1)], [.int(6), .int(1)]])
        #expect(try columns("SELECT id, count(*) FILTER (WHERE x > 5) OVER (ORDER BY id), count_if(x > 5) OVER (ORDER BY id) FROM t ORDER BY id")
            == [1, 2, 3, 3, 3, 4].map { [.int($0), .int($0)] })
    }

    @Test func windowsOverGroupedRows() throws {
        let result = try rows("""
            SELECT g, count(*) AS n, rank() OVER (ORDER BY count(*) DESC) AS r, 100.0 * count(*) / sum(count(*)) OVER () AS share
            FROM t GROUP BY g ORDER BY r
            """)
        #expect(result.map { Array($0.prefix(3)) } == [["a", .int(3), .int(1)], ["b", .int(2), .int(2)], ["c", .int(1), .int(3)]])
        let shares = result.map { $0[3].doubleValue ?? .nan }
        #expect(zip(shares, [50, 100.0 / 3, 100.0 / 6]).allSatisfy { abs($0 - $1) < 1e-9 })
        // Sums of sums, and the window's ORDER BY naming a group key.
        #expect(try rows("SELECT g, sum(x) AS s, sum(sum(x)) OVER (ORDER BY g) FROM t GROUP BY g ORDER BY g")
            == [["a", .int(50), .int(50)], ["b", .int(5), .int(55)], ["c", .int(7), .int(62)]])
    }

    @Test func orderByAWindowAndTypes() throws {
        #expect(try rows("SELECT id FROM t ORDER BY row_number() OVER (ORDER BY id DESC)").map { $0[0] } == (1...6).reversed().map { .int($0) })
        #expect(try rows("SELECT id, row_number() OVER (ORDER BY id DESC) AS rn FROM t ORDER BY rn LIMIT 2").map { $0[0] } == [.int(6), .int(5)])
        let types = try engine.execute("""
            SELECT row_number() OVER (), rank() OVER (), percent_rank() OVER (), cume_dist() OVER (), ntile(2) OVER (), count(*) OVER (),
                   sum(x) OVER (), sum(f) OVER (), avg(x) OVER (), lag(g) OVER (), first_value(f) OVER (), min(g) OVER () FROM t
            """).columns.map(\.type)
        #expect(types == [.int64, .int64, .float64, .float64, .int64, .int64, .int64, .float64, .float64, .string, .float64, .string])
    }

    @Test func rangeFramesMeasureDistancesInTheKey() throws {
        // x ascending: 5, 7, 10, 20, 20, NULL. Within 5 below 10: 5, 7 and 10 (22); below 20: the two 20s (40).
        // A NULL key's frame is its peer group (the NULL rows).
        #expect(try columns("""
            SELECT id, sum(x) OVER (ORDER BY x RANGE BETWEEN 5 PRECEDING AND CURRENT ROW),
                   count(*) OVER (ORDER BY x DESC RANGE BETWEEN 10 PRECEDING AND 3 FOLLOWING),
                   sum(id) OVER (ORDER BY x NULLS FIRST RANGE BETWEEN CURRENT ROW AND 10 FOLLOWING) FROM t ORDER BY id
            """) == [[.int(22), .int(4), .int(6)], [.int(40), .int(2), .int(5)], [.int(40), .int(2), .int(5)], [.null, .int(1), .int(4)],
                     [.int(5), .int(3), .int(12)], [.int(12), .int(3), .int(7)]])
        // f: 1.5, NULL, 2.5, 4.0, NULL, 1.0; the two NULLs are each other's frame.
        #expect(try columns("""
            SELECT id, count(*) OVER (ORDER BY f RANGE BETWEEN 1.0 PRECEDING AND 1.0 FOLLOWING),
                   sum(x) OVER (PARTITION BY g ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND 10 PRECEDING) FROM t ORDER BY id
            """) == [[.int(3), .null], [.int(2), .int(10)], [.int(2), .int(10)], [.int(1), .int(5)], [.int(2), .null], [.int(2), .null]])
        let events = Fixtures.table("e", [
            ("id", .int64, (1...5).map { .int($0) }),
            ("ts", .timestamp, ["2024-01-01 10:00:00", "2024-01-01 12:00:00", "2024-01-02 09:00:00", "2024-01-05 00:00:00"].map { .timestamp(CivilTime.parse($0)!) } + [.null]),
            ("d", .date, ["2024-01-01", "2024-01-02", "2024-01-04", "2024-01-05"].map { .date(CivilTime.parse($0)!) } + [.null]),
        ])
        // Within a day before each timestamp; within two days before each date, as an interval or as days.
        let expected: [[Value]] = [[1, 1, 1], [2, 2, 2], [3, 2, 2], [1, 2, 2], [1, 1, 1]].map { $0.map { .int($0) } }
        #expect(try QueryEngine(catalog: MemoryCatalog([events])).execute("""
            SELECT id, count(*) OVER (ORDER BY ts RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND CURRENT ROW),
                   count(*) OVER (ORDER BY d RANGE BETWEEN INTERVAL 2 DAY PRECEDING AND CURRENT ROW),
                   count(*) OVER (ORDER BY d RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) FROM e ORDER BY id
            """).rows.map { Array($0.dropFirst()) } == expected)
    }

    @Test func windowsMeetTheRestOfTheDialect() throws {
        // DISTINCT comes after the windows; NULL keys form one partition; no FROM is one row.
        #expect(try rows("SELECT DISTINCT g, count(*) OVER (PARTITION BY g) FROM t ORDER BY g") == [["a", .int(3)], ["b", .int(2)], ["c", .int(1)]])
        #expect(try columns("SELECT id, count(*) OVER (PARTITION BY x) FROM t ORDER BY id") == [1, 2, 2, 1, 1, 1].map { [.int($0)] })
        #expect(try rows("SELECT row_number() OVER (), rank() OVER (ORDER BY 1)") == [[.int(1), .int(1)]])
        #expect(try rows("WITH w AS (SELECT id, row_number() OVER (ORDER BY id DESC) AS rn FROM t) SELECT * FROM w WHERE rn < 3 ORDER BY id")
            == [[.int(5), .int(2)], [.int(6), .int(1)]])
        #expect(try rows("SELECT id, rn FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM t UNION ALL SELECT id, rank() OVER (ORDER BY g) FROM t) s WHERE id < 4 ORDER BY id, rn")
            == [[1, 1], [1, 1], [2, 1], [2, 2], [3, 1], [3, 3]].map { $0.map { .int($0) } })
        // From the current row's first peer to the partition's end.
        #expect(try columns("SELECT id, sum(x) OVER (PARTITION BY g ORDER BY id RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM t ORDER BY id")
            == [50, 40, 20, 5, 5, 7].map { [.int($0)] })
        // The default takes the value's type: 0.5 rounds to 1.
        #expect(try columns("SELECT id, lag(x, 1, 0.5) OVER (ORDER BY id) FROM t ORDER BY id").map { $0[0] }
            == [.int(1), .int(10), .int(20), .int(20), .null, .int(5)])
        #expect(try rows("SELECT id, row_number() OVER (ORDER BY id) AS rn FROM t QUALIFY rn > 4 AND id > 5") == [[.int(6), .int(6)]])
        // Each window over a grouped query sees only the grouped columns.
        #expect(failure("SELECT g, sum(x) OVER () FROM t GROUP BY g")?.code == .grouping)
    }

    @Test func misplacedOrUnknownWindowFunctionsAreErrors() {
        let cases: [(String, SQLError.Code, String)] = [
            ("SELECT id FROM t WHERE row_number() OVER () > 1", .grouping, "not allowed in WHERE"),
            ("SELECT g FROM t GROUP BY g HAVING rank() OVER (ORDER BY g) = 1", .grouping, "not allowed in HAVING"),
            ("SELECT g, row_number() OVER () AS rn FROM t GROUP BY rn", .grouping, "window function"),
            ("SELECT sum(row_number() OVER ()) FROM t", .grouping, "cannot contain window"),
            ("SELECT lag(row_number() OVER ()) OVER () FROM t", .grouping, "nested"),
            ("SELECT foo(x) OVER () FROM t", .unknownFunction, "unknown window function foo"),
            ("SELECT lower(g) OVER () FROM t", .unknownFunction, "not a window function"),
            ("SELECT median(x) OVER () FROM t", .unsupported, "not supported over a window"),
            ("SELECT count(DISTINCT x) OVER () FROM t", .unsupported, "DISTINCT"),
            ("SELECT row_number() FROM t", .syntax, "needs OVER"),
            ("SELECT row_number() OVER v FROM t", .syntax, "unknown window"),
            ("SELECT ntile(0) OVER () FROM t", .runtime, "greater than zero"),
            ("SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM t", .syntax, "following row"),
            ("SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM t", .syntax, "UNBOUNDED FOLLOWING"),
            ("SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM t", .syntax, "negative"),
            ("SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN 1.5 PRECEDING AND CURRENT ROW) FROM t", .typeMismatch, "constant integer"),
            ("SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN x PRECEDING AND CURRENT ROW) FROM t", .unknownColumn, "x"),
            ("SELECT sum(x) OVER (ORDER BY id, x RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t", .syntax, "exactly one ORDER BY key"),
            ("SELECT sum(x) OVER (ORDER BY g RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t", .typeMismatch, "not string"),
            ("SELECT sum(x) OVER (ORDER BY id GROUPS 1 PRECEDING) FROM t", .unsupported, "GROUPS"),
            ("SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW) FROM t", .syntax, "AND"),
        ]
        for (sql, code, fragment) in cases {
            let error = failure(sql)
            #expect(error?.code == code, "\(sql): \(String(describing: error))")
            #expect(error?.message.contains(fragment) == true, "\(sql): \(String(describing: error?.message))")
            #expect((error?.line ?? 0) > 0, "\(sql): the error points at the statement")
        }
    }
}
