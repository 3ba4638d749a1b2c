import Columnar
import Testing

/// Statements that must parse, and mistakes that must be reported at the right place.
@Suite struct ParserTests {
    let engine = QueryEngine(catalog: MemoryCatalog([Fixtures.hits]))

    func error(_ sql: String) -> SQLError? {
        do {
            _ = try engine.execute(sql)
            return nil
        } catch let e as SQLError {
            return e
        } catch {
            return nil
        }
    }

    @Test func acceptsTheDialect() throws {
        let statements = [
            "select count(*) from hits;",
            "SELECT h.path AS p FROM hits AS h WHERE h.status BETWEEN 200 AND 299 ORDER BY 1 DESC NULLS FIRST LIMIT 2 OFFSET 1",
            "WITH a AS (SELECT 1 AS x), b (y) AS (SELECT x + 1 FROM a) SELECT * FROM a, b",
            "SELECT * FROM (SELECT status FROM hits) sub WHERE status IN (200, 404) UNION ALL SELECT 7",
            "SELECT CAST(status AS float), status::string, TRY_CAST('x' AS int), -status, +1.5e3, .5, 1_000 FROM hits",
            "SELECT \"path\" FROM hits -- a comment\n /* a block\n comment */ WHERE path ILIKE '%A%' ESCAPE '\\'",
            "SELECT count(*) FILTER (WHERE is_bot), count(DISTINCT visitor) FROM hits GROUP BY ALL",
            "SELECT CASE status WHEN 200 THEN 'ok' ELSE 'no' END, EXTRACT(year FROM ts), TIMESTAMP '2024-01-01' + INTERVAL '2 days' FROM hits",
            "SELECT * EXCLUDE (bytes) FROM hits WHERE ts IS NOT NULL AND NOT is_bot IS TRUE",
        ]
        for sql in statements {
            #expect(throws: Never.self, "\(sql)") { _ = try engine.execute(sql) }
        }
    }

    @Test func syntaxErrorsPointAtTheToken() {
        let cases: [(String, Int, Int, String)] = [
            ("SELECT FROM hits", 1, 8, "expected an expression but found \"FROM\""),
            ("SELECT path\nFROM hits\nWHERE status = = 4", 3, 16, "expected an expression but found \"=\""),
            ("SELECT 'open FROM hits", 1, 8, "unterminated string literal"),
            ("SELECT path FROM hits ORDER path", 1, 29, "expected BY but found \"path\""),
            ("SELECT (1 + 2 FROM hits", 1, 15, "expected ')' but found \"FROM\""),
            ("SELECT 1 x y", 1, 12, "expected the end of the statement but found \"y\""),
            ("SELECT #", 1, 8, "unexpected character '#'"),
            ("", 0, 0, "empty statement: expected SELECT or WITH"),
        ]
        for (sql, line, column, message) in cases {
            let e = error(sql)
            #expect(e?.code == .syntax, "\(sql)")
            #expect(e?.line == line, "\(sql)")
            #expect(e?.column == column, "\(sql)")
            #expect(e?.message == message, "\(sql)")
        }
    }

    @Test func bindErrorsNameWhatIsWrong() {
        let e1 = error("SELECT pth FROM hits")
        #expect(e1?.code == .unknownColumn)
        #expect(e1?.message == "unknown column \"pth\"; hits has: ts, path, status, bytes, is_bot, visitor")
        #expect(e1?.rendered == "Error at 1:8: unknown column \"pth\"; hits has: ts, path, status, bytes, is_bot, visitor\nSELECT pth FROM hits\n       ^^^")

        let e2 = error("SELECT status FROM hitz")
        #expect(e2?.code == .unknownTable)
        #expect(e2?.column == 20)
        #expect(e2?.message == "unknown table \"hitz\"; tables: hits")

        let e3 = error("SELECT status + 'x' FROM hits")
        #expect(e3?.code == .typeMismatch)
        #expect(e3?.message == "cannot read 'x' as int")

        let e4 = error("SELECT path FROM hits WHERE path > 3")
        #expect(e4?.code == .typeMismatch)
        #expect(e4?.message == "cannot compare string with int")
        #expect(e4?.column == 29)

        let e5 = error("SELECT path, count(*) FROM hits")
        #expect(e5?.code == .grouping)
        #expect(e5?.column == 8)

        let e6 = error("SELECT sum(path) FROM hits")
        #expect(e6?.message == "sum does not take a string argument")

        let e7 = error("SELECT lenght(path) FROM hits")
        #expect(e7?.code == .unknownFunction)
        #expect(e7?.message == "unknown function lenght; did you mean length?")

        let e8 = error("SELECT * FROM hits WHERE ts > :from")
        #expect(e8?.code == .missingParameter)

        let e9 = error("SELECT count(*) FROM hits WHERE count(*) > 1")
        #expect(e9?.message == "aggregate function count is not allowed in WHERE")

        let e10 = error("SELECT a.path FROM hits a JOIN hits b ON a.path = b.path WHERE status = 200")
        #expect(e10?.code == .ambiguousColumn)
    }

    @Test func runtimeErrorsAreReported() {
        #expect(error("SELECT status // 0 FROM hits")?.code == .runtime)
        #expect(error("SELECT CAST(path AS int) FROM hits")?.message == "cannot convert '/index.html' to int")
        #expect(error("SELECT 9223372036854775807 + status FROM hits")?.code == .runtime)
        // A guarded cast is evaluated only where its condition holds.
        #expect(error("SELECT CASE WHEN path LIKE '/%' THEN 0 ELSE CAST(path AS int) END FROM hits WHERE path IS NOT NULL") == nil)
    }
}
