import Columnar
import Testing

/// lpad, rpad, concat_ws, ascii, chr, position(… IN …), mod, trunc,
/// epoch_ms, last_day and date_add, with NULLs, against values worked out
/// by hand (and DuckDB 2.0's rules for edge cases).
@Suite struct MoreScalarFunctionTests {
    static let table = Fixtures.table("t", [
        ("s", .string, [.string("Genève"), .string("ab"), .null, .string(""), .string("日本語")]),
        ("n", .int64, [.int(8), .int(3), .int(4), .null, .int(2)]),
        ("a", .int64, [.int(7), .int(-7), .null, .int(7), .int(-8)]),
        ("b", .int64, [.int(3), .int(3), .int(3), .int(-3), .null]),
        ("x", .float64, [.float(2.7), .float(-2.7), .null, .float(-0.5), .float(7.5)]),
        ("t", .timestamp, ["2024-02-10 13:45:10", "2023-02-28 00:00:00", "1999-12-31 23:59:59", "1969-12-31 23:59:59", "2025-04-01"]
            .map { .timestamp(CivilTime.parse($0)!) }),
    ])
    let engine = QueryEngine(catalog: MemoryCatalog([table]))

    func column(_ expression: String) throws -> [Value] {
        try engine.execute("SELECT \(expression) FROM t").rows.map { $0[0] }
    }

    func value(_ expression: String) throws -> Value {
        try engine.execute("SELECT \(expression)").rows[0][0]
    }

    @Test func padsCountCharactersAndCut() throws {
        #expect(try column("lpad(s, n, '*')") == [.string("**Genève"), .string("*ab"), .null, .null, .string("日本")])
        #expect(try column("rpad(s, n, 'xy')") == [.string("Genèvexy"), .string("abx"), .null, .null, .string("日本")])
        #expect(try value("lpad('é', 4, 'ab')") == .string("abaé"))
        #expect(try value("rpad('日本', 5, '語x')") == .string("日本語x語"))
        #expect(try value("lpad('abc', -1, 'x')") == .string(""))
        #expect(try value("rpad('abc', 0, 'x')") == .string(""))
        #expect(try value("lpad('abc', 2, '')") == .string("ab"))
        #expect(try value("lpad('a', 3, NULL)") == .null)
        #expect(throws: SQLError.self) { try engine.execute("SELECT lpad('a', 3, '')") }
        #expect(throws: SQLError.self) { try engine.execute("SELECT lpad('a', 3)") }
    }

    @Test func concatWithSeparatorSkipsNulls() throws {
        #expect(try column("concat_ws('-', s, n)") == [.string("Genève-8"), .string("ab-3"), .string("4"), .string(""), .string("日本語-2")])
        #expect(try value("concat_ws(', ', 'a', NULL, 'b', NULL)") == .string("a, b"))
        #expect(try value("concat_ws(',', NULL, NULL)") == .string(""))
        #expect(try value("concat_ws(NULL, 'a', 'b')") == .null)
        #expect(try value("concat_ws('/', 1, 2.5, true)") == .string("1/2.5/true"))
        #expect(throws: SQLError.self) { try engine.execute("SELECT concat_ws(',')") }
    }

    @Test func asciiAndChrAreCodePoints() throws {
        #expect(try column("ascii(s)") == [.int(71), .int(97), .null, .int(0), .int(0x65E5)])
        #expect(try value("chr(233)") == .string("é"))
        #expect(try value("chr(65) || chr(26085)") == .string("A日"))
        #expect(try value("chr(NULL)") == .null)
        #expect(throws: SQLError.self) { try engine.execute("SELECT chr(-1)") }
        #expect(throws: SQLError.self) { try engine.execute("SELECT chr(55296)") }
        #expect(throws: SQLError.self) { try engine.execute("SELECT chr(1114112)") }
    }

    @Test func positionInIsStrpos() throws {
        #expect(try column("position('b' IN s)") == [.int(0), .int(2), .null, .int(0), .int(0)])
        #expect(try value("position('語' IN '日本語')") == .int(3))
        #expect(try value("position('' IN 'abc')") == .int(1))
        #expect(try value("position('abc', 'c')") == .int(3))
        #expect(try value("position('a' || 'b' IN 'xxab')") == .int(3))
    }

    @Test func modTruncatesTowardZeroLikePercent() throws {
        #expect(try column("mod(a, b)") == [.int(1), .int(-1), .null, .int(1), .null])
        #expect(try column("mod(a, b)") == column("a % b"))
        #expect(try value("mod(-7.5, 2)") == .float(-1.5))
        #expect(try value("mod(7, NULL)") == .null)
        #expect(throws: SQLError.self) { try engine.execute("SELECT mod(7, 0)") }
    }

    @Test func truncKeepsIntegersAndCutsTowardZero() throws {
        #expect(try column("trunc(x)") == [.float(2), .float(-2), .null, .float(-0.0), .float(7)])
        #expect(try column("trunc(a)") == [.int(7), .int(-7), .null, .int(7), .int(-8)])
        #expect(try value("trunc(NULL)") == .null)
    }

    @Test func epochMillisecondsBothWays() throws {
        #expect(try column("epoch_ms(t)") == [.int(1_707_572_710_000), .int(1_677_542_400_000), .int(946_684_799_000), .int(-1000), .int(1_743_465_600_000)])
        #expect(try value("epoch_ms(DATE '2024-01-02')") == .int(1_704_153_600_000))
        #expect(try value("epoch_ms(1704164645123)") == .timestamp(CivilTime.parse("2024-01-02 03:04:05")!))
        // Timestamps are whole seconds: -1 ms is in the last second of 1969.
        #expect(try value("epoch_ms(-1)") == .timestamp(-1))
        #expect(try value("epoch_ms(NULL)") == .null)
    }

    @Test func lastDayOfTheMonth() throws {
        let days = try column("last_day(t)")
        #expect(days == ["2024-02-29", "2023-02-28", "1999-12-31", "1969-12-31", "2025-04-30"].map { .date(CivilTime.parse($0)!) })
        #expect(try value("last_day(DATE '2023-12-05')") == .date(CivilTime.parse("2023-12-31")!))
        #expect(try value("last_day(NULL)") == .null)
    }

    @Test func dateAddIsPlusAnInterval() throws {
        #expect(try value("date_add(TIMESTAMP '2024-02-28 12:00', INTERVAL 2 DAY)") == .timestamp(CivilTime.parse("2024-03-01 12:00")!))
        #expect(try value("date_add(DATE '2024-01-01', INTERVAL 3 HOUR)") == .timestamp(CivilTime.parse("2024-01-01 03:00")!))
        #expect(try column("date_add(t, INTERVAL '1 week')") == column("t + INTERVAL '1 week'"))
        #expect(throws: SQLError.self) { try engine.execute("SELECT date_add(TIMESTAMP '2024-01-01', 3)") }
    }
}
