import Columnar
import Testing

/// Expressions that read a timestamp only through its day are evaluated
/// once per run of rows on the same day; the values must be those of the
/// row-by-row evaluation, for sorted and unsorted rows, NULLs and dates
/// before 1970.
@Suite struct DayMappedTests {
    /// Seconds from late 1969 on, in order or shuffled, with NULLs.
    static func hits(sorted: Bool) -> Table {
        var random = Fixtures.Random(state: sorted ? 7 : 11)
        var ts: [Value] = []
        var t = CivilTime.parse("1969-11-20 00:00:00")!
        for _ in 0..<20_000 {
            // About 40 rows a day: a batch of 2048 sorted rows spans a few dozen days (mapped), unsorted rows hundreds (not mapped).
            t += Int64(random.below(4_000))
            ts.append(random.chance(0.02) ? .null : .timestamp(t))
        }
        if !sorted {
            for i in stride(from: ts.count - 1, to: 0, by: -1) { ts.swapAt(i, random.below(i + 1)) }
        }
        return Fixtures.table("hits", [("ts", .timestamp, ts)], rowGroupSize: 5_000)
    }

    /// The season of a month, worked out in Swift.
    static func season(_ month: Int) -> String {
        switch month {
        case 12, 1, 2: "winter"
        case 3, 4, 5: "spring"
        case 6, 7, 8: "summer"
        default: "autumn"
        }
    }

    @Test(arguments: [true, false])
    func seasonsCountedPerRowMatchSwift(sorted: Bool) throws {
        let table = Self.hits(sorted: sorted)
        var expected: [String: Int64] = [:]
        for g in 0..<table.rowGroups.count {
            let chunk = try table.loadColumn(0, rowGroup: g)
            for i in 0..<chunk.count {
                guard case .timestamp(let t) = chunk.value(at: i) else { expected["(null)", default: 0] += 1; continue }
                let date = CivilTime.date(days: CivilTime.day(of: t))
                expected[Self.season(date.month) + "/" + String(date.year), default: 0] += 1
            }
        }
        let sql = """
            SELECT coalesce(CASE WHEN month(ts) IN (12, 1, 2) THEN 'winter' WHEN month(ts) IN (3, 4, 5) THEN 'spring'
                                 WHEN month(ts) IN (6, 7, 8) THEN 'summer' ELSE 'autumn' END || '/' || CAST(year(ts) AS string), '(null)') AS s,
                   count(*) FROM hits GROUP BY 1
            """
        for threads in [1, 3] {
            let r = try QueryEngine(catalog: MemoryCatalog([table]), threads: threads).execute(sql)
            var got: [String: Int64] = [:]
            for row in r.rows { got[row[0].stringValue!] = row[1].integerValue! }
            #expect(got == expected)
        }
    }

    @Test func dayFunctionsAloneAndTimeOfDayAreNotMapped() throws {
        // hour() depends on more than the day: the mapped path must not be taken.
        let table = Self.hits(sorted: true)
        let r = try QueryEngine(catalog: MemoryCatalog([table])).execute(
            "SELECT sum(CASE WHEN hour(ts) < 12 THEN 1 ELSE 0 END), sum(CASE WHEN strftime(ts, '%H') < '12' THEN 1 ELSE 0 END) FROM hits")
        var morning: Int64 = 0
        for g in 0..<table.rowGroups.count {
            let chunk = try table.loadColumn(0, rowGroup: g)
            for i in 0..<chunk.count {
                if case .timestamp(let t) = chunk.value(at: i), (t - CivilTime.day(of: t) * CivilTime.secondsPerDay) < 43_200 { morning += 1 }
            }
        }
        #expect(r.rows[0][0].integerValue == morning)
        #expect(r.rows[0][1].integerValue == morning)
    }
}
