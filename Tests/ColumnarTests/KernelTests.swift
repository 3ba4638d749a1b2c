import Columnar
import Testing

/// Scalar operators and functions, with NULLs, checked against values worked out by hand.
@Suite struct KernelTests {
    static let table = Fixtures.table("t", [
        ("a", .int64, [.int(7), .int(-7), .null, .int(0), .int(5)]),
        ("b", .int64, [.int(2), .int(2), .int(3), .null, .int(-1)]),
        ("x", .float64, [.float(1.5), .float(-0.5), .null, .float(.nan), .float(2)]),
        ("s", .string, [.string("Genève"), .string("abc"), .null, .string(""), .string("ABC")]),
        ("f", .bool, [.bool(true), .bool(false), .null, .bool(true), .null]),
        ("t", .timestamp, ["2024-02-29 13:45:10", "1969-12-31 23:59:59", "2000-01-01", "2025-12-31 23:59:59", "1900-03-01"].map { .timestamp(CivilTime.parse($0)!) }),
    ])
    let engine = QueryEngine(catalog: MemoryCatalog([table]))

    func column(_ expression: String) throws -> [Value] {
        try engine.execute("SELECT \(expression) FROM t").rows.map { $0[0] }
    }

    @Test func integerArithmetic() throws {
        #expect(try column("a + b") == [.int(9), .int(-5), .null, .null, .int(4)])
        #expect(try column("a * b - 1") == [.int(13), .int(-15), .null, .null, .int(-6)])
        #expect(try column("a // b") == [.int(3), .int(-3), .null, .null, .int(-5)])
        #expect(try column("a % b") == [.int(1), .int(-1), .null, .null, .int(0)])
        #expect(try column("a / b") == [.float(3.5), .float(-3.5), .null, .null, .float(-5)])
        #expect(try column("-a") == [.int(-7), .int(7), .null, .int(0), .int(-5)])
        #expect(try column("abs(a)") == [.int(7), .int(7), .null, .int(0), .int(5)])
    }

    @Test func floatArithmeticFollowsIEEE() throws {
        let r = try column("x * 2 + 1")
        #expect(r[0] == .float(4) && r[1] == .float(0) && r[2] == .null && r[4] == .float(5))
        if case .float(let v) = r[3] { #expect(v.isNaN) } else { Issue.record("NaN expected") }
        #expect(try column("round(x)") .prefix(3) == [.float(2), .float(-1), .null])
        #expect(try column("1.0 / 0") == Array(repeating: .float(.infinity), count: 5))
    }

    @Test func comparisonsAndThreeValuedLogic() throws {
        #expect(try column("a > b") == [.bool(true), .bool(false), .null, .null, .bool(true)])
        #expect(try column("f AND a > 0") == [.bool(true), .bool(false), .null, .bool(false), .null])
        #expect(try column("f OR a > 0") == [.bool(true), .bool(false), .null, .bool(true), .bool(true)])
        #expect(try column("NOT f") == [.bool(false), .bool(true), .null, .bool(false), .null])
        #expect(try column("a IS NULL") == [.bool(false), .bool(false), .bool(true), .bool(false), .bool(false)])
        #expect(try column("a IS DISTINCT FROM b") == [.bool(true), .bool(true), .bool(true), .bool(true), .bool(true)])
        #expect(try column("a IN (7, 0)") == [.bool(true), .bool(false), .null, .bool(true), .bool(false)])
        #expect(try column("a NOT IN (7, NULL)") == [.bool(false), .null, .null, .null, .null])
        #expect(try column("x = x") == [.bool(true), .bool(true), .null, .bool(true), .bool(true)])
        #expect(try column("a BETWEEN 0 AND 5") == [.bool(false), .bool(false), .null, .bool(true), .bool(true)])
    }

    @Test func stringsWorkPerCharacterAndByBytes() throws {
        #expect(try column("length(s)") == [.int(6), .int(3), .null, .int(0), .int(3)])
        #expect(try column("octet_length(s)") == [.int(7), .int(3), .null, .int(0), .int(3)])
        #expect(try column("upper(s)") == [.string("GENÈVE"), .string("ABC"), .null, .string(""), .string("ABC")])
        #expect(try column("substr(s, 2, 3)") == [.string("enè"), .string("bc"), .null, .string(""), .string("BC")])
        #expect(try column("s LIKE 'a%'") == [.bool(false), .bool(true), .null, .bool(false), .bool(false)])
        #expect(try column("s ILIKE 'a_c'") == [.bool(false), .bool(true), .null, .bool(false), .bool(true)])
        #expect(try column("s < 'B'") == [.bool(false), .bool(false), .null, .bool(true), .bool(true)])
        #expect(try column("coalesce(s, 'none') || '!'") == [.string("Genève!"), .string("abc!"), .string("none!"), .string("!"), .string("ABC!")])
        #expect(try column("concat(s, a)") == [.string("Genève7"), .string("abc-7"), .string(""), .string("0"), .string("ABC5")])
        #expect(try column("replace(s, 'b', 'B')") == [.string("Genève"), .string("aBc"), .null, .string(""), .string("ABC")])
        #expect(try column("split_part('a/b/c', '/', 2)") == Array(repeating: .string("b"), count: 5))
    }

    @Test func calendarFunctions() throws {
        #expect(try column("year(t)") == [.int(2024), .int(1969), .int(2000), .int(2025), .int(1900)])
        #expect(try column("month(t)") == [.int(2), .int(12), .int(1), .int(12), .int(3)])
        #expect(try column("day(t)") == [.int(29), .int(31), .int(1), .int(31), .int(1)])
        #expect(try column("quarter(t)") == [.int(1), .int(4), .int(1), .int(4), .int(1)])
        #expect(try column("hour(t)") == [.int(13), .int(23), .int(0), .int(23), .int(0)])
        #expect(try column("dayofweek(t)") == [.int(4), .int(3), .int(6), .int(3), .int(4)])
        #expect(try column("date_trunc('month', t)") == ["2024-02-01", "1969-12-01", "2000-01-01", "2025-12-01", "1900-03-01"].map { .timestamp(CivilTime.parse($0)!) })
        #expect(try column("date_trunc('week', t)") == ["2024-02-26", "1969-12-29", "1999-12-27", "2025-12-29", "1900-02-26"].map { .timestamp(CivilTime.parse($0)!) })
        #expect(try column("strftime(t, '%Y/%m/%d %H:%M %j')") == [.string("2024/02/29 13:45 060"), .string("1969/12/31 23:59 365"), .string("2000/01/01 00:00 001"), .string("2025/12/31 23:59 365"), .string("1900/03/01 00:00 060")])
        #expect(try column("cycle(t)") == [.string("2024-2025"), .null, .string("2000-2001"), .string("2024-2025"), .null])
        #expect(try column("phase(t)") == [.string("phase-5"), .null, .null, .string("phase-5"), .null])
        #expect(try column("date_diff('day', TIMESTAMP '2024-01-01', t)").first == .int(59))
        #expect(try column("epoch(t)")[1] == .int(-1))
    }

    @Test func cyclesAndPhasesAcrossTheirBoundariesInTimeOrder() throws {
        // Every 5 hours 59 minutes from 2005-12-30 to 2012-01-03: rows cross each new year, in several batches.
        let start = CivilTime.parse("2005-12-30")!, end = CivilTime.parse("2012-01-03")!
        let times = Array(stride(from: start, to: end, by: 5 * 3600 + 59 * 60)) + [CivilTime.parse("2007-12-31 23:59:59")!, CivilTime.parse("2008-01-01")!]
        let engine = QueryEngine(catalog: MemoryCatalog([Fixtures.table("u", [("t", .timestamp, times.map { .timestamp($0) })])]))
        let rows = try engine.execute("SELECT cycle(t), phase(t) FROM u").rows
        #expect(rows.count == times.count)
        for (t, row) in zip(times, rows) {
            // Cycles are the biennia starting in even years; the pilot phase is 2006–2007, then two cycles a phase.
            let year = Int(CivilTime.format(t).prefix(4))!
            let first = year - year % 2
            let cycle: Value = .string("\(first)-\(first + 1)")
            let phase: Value = year < 2006 ? .null : (year < 2008 ? .string("pilot") : .string("phase-\((year - 2008) / 4 + 1)"))
            #expect(row == [cycle, phase], "at \(CivilTime.format(t))")
        }
    }

    @Test func caseAndCasts() throws {
        #expect(try column("CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' END") == [.string("pos"), .string("neg"), .null, .null, .string("pos")])
        // Row 3 has b NULL and x NaN; row 2 has both a and b NULL.
        let mixed = try column("CASE WHEN b IS NULL THEN coalesce(x, 0) + 1 ELSE a END")
        #expect(mixed[0] == .float(7) && mixed[1] == .float(-7) && mixed[2] == .null && mixed[4] == .float(5))
        if case .float(let f) = mixed[3] { #expect(f.isNaN) } else { Issue.record("row 3 should be NaN") }
        #expect(try column("CAST(a AS string)") == [.string("7"), .string("-7"), .null, .string("0"), .string("5")])
        #expect(try column("TRY_CAST(s AS int)") == [.null, .null, .null, .null, .null])
        #expect(try column("CAST('2024-05-06T07:08:09+02:00' AS timestamp)").first == .timestamp(CivilTime.parse("2024-05-06 05:08:09")!))
        #expect(try column("nullif(a, 7)") == [.null, .int(-7), .null, .int(0), .int(5)])
        #expect(try column("greatest(a, b, 1)") == [.int(7), .int(2), .int(3), .int(1), .int(5)])
    }
}
