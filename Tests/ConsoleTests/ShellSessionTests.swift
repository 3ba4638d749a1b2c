import Columnar
import Foundation
import Testing
@testable import Console

/// Statements run through a session. These need the engine's SQL executor;
/// until it lands they fail with "the query executor is not built yet".
@Suite struct ShellSessionTests {
    private func session(format: ResultFormat = .table) -> (ShellSession, TextBuffer) {
        let buffer = TextBuffer()
        let session = ShellSession(catalog: Fixtures.catalog, settings: ShellSettings(format: format, timer: false),
                                   output: buffer, errors: buffer)
        return (session, buffer)
    }

    @Test func statementRunsAndPrintsTableAndFooter() {
        var (shell, out) = session()
        shell.feed("SELECT path, status FROM hits WHERE status = 404;")
        #expect(out.take() == """
        ┌────────┬────────┐
        │  path  │ status │
        │ string │  int   │
        ├────────┼────────┤
        │ /      │    404 │
        └────────┴────────┘
        1 row

        """)
        #expect(shell.failureCount == 0)
    }

    @Test func multiLineStatementRunsOnItsSemicolon() {
        var (shell, out) = session(format: .csv)
        shell.feed("SELECT count(*) AS n")
        #expect(out.text == "")
        shell.feed("FROM hits -- all of them;")
        #expect(out.text == "")
        shell.feed("  ;")
        #expect(out.take() == "n\n5\n")
    }

    @Test func twoStatementsOnOneLine() {
        var (shell, out) = session(format: .csv)
        shell.feed("SELECT 1 AS a; SELECT 'x;y' AS b;")
        #expect(out.take() == "a\n1\nb\nx;y\n")
    }

    @Test func anErrorDoesNotStopTheNextStatement() {
        var (shell, out) = session(format: .csv)
        shell.feed("SELECT nope FROM hits;")
        shell.feed("SELECT count(*) AS n FROM hits;")
        let text = out.take()
        #expect(text.hasPrefix("Error"))
        #expect(text.contains("nope"))
        #expect(text.hasSuffix("n\n5\n"))
        #expect(shell.failureCount == 1)
    }

    @Test func timerFooterGivesRowsAndSeconds() {
        var (shell, out) = session(format: .csv)
        shell.feed(".timer on")
        shell.feed("SELECT path FROM hits;")
        let lines = out.take().split(separator: "\n")
        #expect(lines.count == 7)
        let footer = String(lines.last ?? "")
        #expect(footer.hasPrefix("5 rows ("))
        #expect(footer.hasSuffix(" s)"))
    }

    @Test func modeChangesTheOutput() {
        var (shell, out) = session()
        shell.feed(".mode json")
        shell.feed("SELECT path, bytes FROM hits WHERE status = 404;")
        #expect(out.take() == "[\n  {\"path\":\"/\",\"bytes\":0}\n]\n")
        shell.feed(".mode markdown")
        shell.feed("SELECT path, bytes FROM hits WHERE status = 404;")
        #expect(out.take() == "| path | bytes |\n|------|------:|\n| /    |     0 |\n")
    }

    @Test func maxRowsElidesTheMiddleOfATable() {
        var (shell, out) = session()
        shell.feed(".maxrows 2")
        shell.feed("SELECT status FROM hits;")
        #expect(out.take() == """
        ┌────────┐
        │ status │
        │  int   │
        ├────────┤
        │    200 │
        │   ⋮    │
        │    200 │
        └────────┘
        5 rows (2 shown)  1 column
        5 rows

        """)
    }

    @Test func parametersAreBound() {
        var (shell, out) = session(format: .csv)
        shell.feed(".param set code 404")
        shell.feed("SELECT count(*) AS n FROM hits WHERE status = :code;")
        #expect(out.take() == "n\n1\n")
    }

    @Test func nullValueIsUsed() {
        var (shell, out) = session(format: .csv)
        shell.feed(".nullvalue NA")
        shell.feed("SELECT bytes FROM hits WHERE path = '/documents/b.pdf';")
        #expect(out.take() == "bytes\nNA\n")
    }

    @Test func outputAndOnceWriteResultsToFiles() throws {
        let directory = try TemporaryDirectory()
        let all = directory.path("all.csv")
        let one = directory.path("one.csv")
        var (shell, out) = session(format: .csv)
        shell.feed(".output \(all)")
        shell.feed("SELECT 1 AS a;")
        shell.feed("SELECT 2 AS b;")
        shell.feed(".output")
        shell.feed(".once \(one)")
        shell.feed("SELECT 3 AS c;")
        shell.feed("SELECT 4 AS d;")
        // Footers stay on the screen; results go to the files.
        #expect(out.take() == "1 row\n1 row\n1 row\nd\n4\n")
        #expect(try String(contentsOfFile: all, encoding: .utf8) == "a\n1\nb\n2\n")
        #expect(try String(contentsOfFile: one, encoding: .utf8) == "c\n3\n")
    }

    @Test func readRunsAScriptOfStatements() throws {
        let directory = try TemporaryDirectory()
        let script = directory.path("report.sql")
        try """
        .mode csv
        -- statements over several lines, one error in the middle
        SELECT count(*) AS n
          FROM hits;
        SELECT missing FROM hits;
        SELECT path FROM hits WHERE status = 404
        """.write(toFile: script, atomically: true, encoding: .utf8)
        var (shell, out) = session()
        shell.feed(".read \(script)")
        let text = out.take()
        #expect(text.hasPrefix("n\n5\nError"))
        #expect(text.hasSuffix("path\n/\n"))
        #expect(shell.failureCount == 1)
    }

    @Test func terminalOutputGetsWidthAndColourButFilesDoNot() throws {
        let screen = TextBuffer(isTerminal: true)
        var shell = ShellSession(catalog: Fixtures.catalog,
                                 settings: ShellSettings(timer: false, colour: true, terminalWidth: 20),
                                 output: screen, errors: screen)
        shell.feed("SELECT path, bytes FROM hits WHERE bytes IS NULL;")
        let text = screen.take()
        #expect(text.contains("\u{1B}[2mNULL\u{1B}[22m"))
        #expect(text.split(separator: "\n").dropLast().allSatisfy { DisplayWidth.of($0.replacing(/\x1B\[\d+m/, with: "")) <= 20 })
        let directory = try TemporaryDirectory()
        let file = directory.path("table.txt")
        shell.feed(".once \(file)")
        shell.feed("SELECT path, bytes FROM hits WHERE bytes IS NULL;")
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!saved.contains("\u{1B}"))
        #expect(saved.contains("│ /documents/b.pdf │  NULL │"))
    }

    @Test func finishRunsAStatementWithoutSemicolon() {
        var (shell, out) = session(format: .csv)
        shell.feed("SELECT 42 AS answer")
        #expect(out.text == "")
        shell.finish()
        #expect(out.take() == "answer\n42\n")
    }
}
