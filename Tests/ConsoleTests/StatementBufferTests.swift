import Testing
@testable import Console

@Suite struct StatementBufferTests {
    /// Feeds `lines` and collects every statement completed, then what `finish` returns.
    private func split(_ lines: [String]) -> (statements: [String], rest: String?) {
        var buffer = StatementBuffer()
        var statements: [String] = []
        for line in lines { statements += buffer.append(line: line) }
        return (statements, buffer.finish())
    }

    @Test func oneStatementPerSemicolon() {
        #expect(split(["SELECT 1;"]).statements == ["SELECT 1"])
        #expect(split(["SELECT 1; SELECT 2;"]).statements == ["SELECT 1", "SELECT 2"])
        #expect(split(["  SELECT 1 ;  "]).statements == ["SELECT 1"])
    }

    @Test func semicolonsInsideStringsAndQuotedIdentifiersDoNotEnd() {
        #expect(split(["SELECT 'a;b' FROM t;"]).statements == ["SELECT 'a;b' FROM t"])
        #expect(split(["SELECT 'it''s; fine';"]).statements == ["SELECT 'it''s; fine'"])
        #expect(split(["SELECT \"odd;name\" FROM t;"]).statements == ["SELECT \"odd;name\" FROM t"])
        #expect(split(["SELECT \"a\"\"b;\" FROM t;"]).statements == ["SELECT \"a\"\"b;\" FROM t"])
    }

    @Test func semicolonsInsideCommentsDoNotEnd() {
        #expect(split(["SELECT 1 -- not; the end", ";"]).statements == ["SELECT 1 -- not; the end"])
        #expect(split(["SELECT /* a; b */ 2;"]).statements == ["SELECT /* a; b */ 2"])
        #expect(split(["SELECT 1 /* spans", "lines; still */ + 1;"]).statements == ["SELECT 1 /* spans\nlines; still */ + 1"])
        #expect(split(["SELECT 1 - -2;"]).statements == ["SELECT 1 - -2"])
        #expect(split(["SELECT 6 / 2;"]).statements == ["SELECT 6 / 2"])
    }

    @Test func statementsSpanLines() {
        #expect(split(["SELECT path,", "       count(*)", "FROM hits", "GROUP BY path;"]).statements
            == ["SELECT path,\n       count(*)\nFROM hits\nGROUP BY path"])
        #expect(split(["SELECT 'first", "second;'", ";"]).statements == ["SELECT 'first\nsecond;'"])
        #expect(split(["SELECT 1; SELECT", "2;"]).statements == ["SELECT 1", "SELECT\n2"])
    }

    @Test func unicodeTextIsKeptIntact() {
        #expect(split(["SELECT '北京;上海', 'مرحبا' FROM t;"]).statements == ["SELECT '北京;上海', 'مرحبا' FROM t"])
    }

    @Test func emptyStatementsAndCommentsAloneAreSkipped() {
        #expect(split([";;", " ; "]).statements.isEmpty)
        #expect(split(["-- just a comment;", "/* and; another */;"]).statements.isEmpty)
    }

    @Test func finishReturnsAnUnterminatedStatement() {
        let result = split(["SELECT 1;", "SELECT 2"])
        #expect(result.statements == ["SELECT 1"])
        #expect(result.rest == "SELECT 2")
        #expect(split(["SELECT 1;", "-- trailing comment"]).rest == nil)
    }

    @Test func blanknessDecidesWhereDotCommandsMayStart() {
        var buffer = StatementBuffer()
        #expect(buffer.isBlank)
        _ = buffer.append(line: "-- a comment")
        #expect(buffer.isBlank)
        _ = buffer.append(line: "SELECT")
        #expect(!buffer.isBlank)
        _ = buffer.append(line: "1;")
        #expect(buffer.isBlank)
        _ = buffer.append(line: "/* open comment")
        #expect(!buffer.isBlank)
        _ = buffer.append(line: "closed */")
        #expect(buffer.isBlank)
        _ = buffer.append(line: "SELECT 'open")
        #expect(!buffer.isBlank)
    }
}
