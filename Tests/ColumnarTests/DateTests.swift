import Columnar
import Testing

/// The DATE type: a timestamp's day, date literals and arithmetic, dates
/// meeting timestamps, and how dates print — values worked out by hand.
@Suite struct DateTests {
    static let table = Fixtures.table("t", [
        ("id", .int64, [.int(1), .int(2), .int(3), .int(4), .int(5)]),
        ("t", .timestamp, [.timestamp(CivilTime.parse("2024-02-29 13:45:10")!), .timestamp(CivilTime.parse("1969-12-31 23:59:59")!),
                           .null, .timestamp(CivilTime.parse("2024-02-29 00:00:00")!), .timestamp(CivilTime.parse("2025-01-01 00:00:01")!)]),
    ])
    let engine = QueryEngine(catalog: MemoryCatalog([table]))

    func rows(_ sql: String) throws -> [[Value]] {
        try engine.execute(sql).rows
    }

    func day(_ text: String) -> Value { .date(CivilTime.parse(text)!) }

    @Test func castingATimestampKeepsItsDay() throws {
        // 1969-12-31 23:59:59 is before the epoch: its day starts at -86,400.
        #expect(try rows("SELECT t::date FROM t ORDER BY id").map { $0[0] }
            == [day("2024-02-29"), .date(-86_400), .null, day("2024-02-29"), day("2025-01-01")])
        #expect(try rows("SELECT CAST('2024-03-05 10:11:12' AS date), TRY_CAST('soon' AS date), CAST(DATE '2024-03-05' AS timestamp)")[0]
            == [day("2024-03-05"), .null, .timestamp(CivilTime.parse("2024-03-05")!)])
    }

    @Test func datesPrintAsDays() throws {
        #expect(Value.date(CivilTime.parse("2024-03-05")!).description == "2024-03-05")
        #expect(try rows("SELECT DATE '2024-03-05'::varchar || '!'")[0] == [.string("2024-03-05!")])
        #expect(try engine.execute("SELECT DATE '2024-03-05' AS d").columns.map(\.type) == [.date])
    }

    @Test func groupingByDayCountsEachDayOnce() throws {
        // Rows 1 and 4 fall on 2024-02-29; row 3 is NULL.
        #expect(try rows("SELECT t::date AS d, count(*) FROM t GROUP BY d ORDER BY d NULLS LAST")
            == [[.date(-86_400), .int(1)], [day("2024-02-29"), .int(2)], [day("2025-01-01"), .int(1)], [.null, .int(1)]])
        #expect(try rows("SELECT min(t::date), max(t::date), count(DISTINCT t::date) FROM t")[0]
            == [.date(-86_400), day("2025-01-01"), .int(3)])
    }

    @Test func arithmeticMovesByDays() throws {
        // 2024 is a leap year: 1 March minus one day is 29 February; 1 January to 1 March is 31 + 29 days.
        #expect(try rows("SELECT DATE '2024-03-01' - 1, DATE '2024-02-28' + 2, 1 + DATE '2023-12-31', DATE '2024-03-01' - DATE '2024-01-01'")[0]
            == [day("2024-02-29"), day("2024-03-01"), day("2024-01-01"), .int(60)])
        // An interval moves a date to a time of day: the result is a timestamp.
        #expect(try rows("SELECT DATE '2024-01-01' + INTERVAL '6 hours', DATE '2024-01-01' - INTERVAL '1 day'")[0]
            == [.timestamp(CivilTime.parse("2024-01-01 06:00:00")!), .timestamp(CivilTime.parse("2023-12-31")!)])
    }

    @Test func anyIntervalExpressionMovesADateToATimestamp() throws {
        // 2 days back, 3 hours on, 1 hour back: spans in seconds, never read as days.
        #expect(try rows("SELECT DATE '2024-01-01' - INTERVAL 1 DAY * 2, DATE '2024-01-01' + (INTERVAL 1 HOUR + INTERVAL 2 HOUR), DATE '2024-01-01' + -INTERVAL 1 HOUR")[0]
            == [.timestamp(CivilTime.parse("2023-12-30")!), .timestamp(CivilTime.parse("2024-01-01 03:00:00")!), .timestamp(CivilTime.parse("2023-12-31 23:00:00")!)])
        #expect(try rows("SELECT DATE '2024-01-01' + CASE WHEN id = 1 THEN INTERVAL 1 HOUR ELSE INTERVAL 2 HOUR END FROM t WHERE id <= 2 ORDER BY id").map { $0[0] }
            == [.timestamp(CivilTime.parse("2024-01-01 01:00:00")!), .timestamp(CivilTime.parse("2024-01-01 02:00:00")!)])
        #expect(try rows("SELECT DATE '2024-01-01' + NULL, t + NULL FROM t WHERE id = 1")[0] == [.null, .null])
    }

    @Test func aDateMeetsATimestampAtItsMidnight() throws {
        #expect(try rows("SELECT DATE '2024-02-29' = TIMESTAMP '2024-02-29 00:00:00', DATE '2024-02-29' < TIMESTAMP '2024-02-29 00:00:01'")[0]
            == [.bool(true), .bool(true)])
        // Rows 1 and 4 are on 2024-02-29 whatever their time; a string compares as a date.
        #expect(try rows("SELECT id FROM t WHERE t::date = DATE '2024-02-29' ORDER BY id").map { $0[0] } == [.int(1), .int(4)])
        #expect(try rows("SELECT id FROM t WHERE t::date >= '2024-03-01' ORDER BY id").map { $0[0] } == [.int(5)])
        #expect(try rows("SELECT id FROM t WHERE t >= DATE '2024-02-29' ORDER BY id").map { $0[0] } == [.int(1), .int(4), .int(5)])
    }

    @Test func timeFunctionsTakeDates() throws {
        #expect(try rows("SELECT year(DATE '2024-02-29'), month(DATE '2024-02-29'), dayofweek(DATE '2024-02-29'), strftime(DATE '2024-02-29', '%d/%m/%Y')")[0]
            == [.int(2024), .int(2), .int(4), .string("29/02/2024")])
        #expect(try rows("SELECT date_diff('day', DATE '2024-01-01', DATE '2024-03-01'), cycle(DATE '2025-06-30')")[0]
            == [.int(60), .string("2024-2025")])
    }

    @Test func dateAndTimestampBranchesUniteAsTimestamps() throws {
        #expect(try rows("SELECT DATE '2024-01-01' UNION ALL SELECT TIMESTAMP '2024-01-01 10:00:00' ORDER BY 1").map { $0[0] }
            == [.timestamp(CivilTime.parse("2024-01-01")!), .timestamp(CivilTime.parse("2024-01-01 10:00:00")!)])
        #expect(try engine.execute("SELECT coalesce(t::date, TIMESTAMP '2000-01-01 12:00:00') FROM t").columns.map(\.type) == [.timestamp])
        #expect(try rows("SELECT CASE WHEN id = 3 THEN TIMESTAMP '2000-01-01 12:00:00' ELSE t::date END FROM t WHERE id IN (1, 3) ORDER BY id")
            == [[.timestamp(CivilTime.parse("2024-02-29")!)], [.timestamp(CivilTime.parse("2000-01-01 12:00:00")!)]])
        #expect(try rows("SELECT CASE WHEN id = 3 THEN DATE '2000-01-01' ELSE t::date END FROM t WHERE id = 3")[0] == [day("2000-01-01")])
    }
}
