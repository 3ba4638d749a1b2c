import Columnar
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Console

/// Dot-commands, run through a session over an in-memory catalog. None of
/// these needs the SQL executor.
@Suite struct DotCommandTests {
    /// A session whose results and errors go to one buffer, so that their order shows.
    private func session(timer: Bool = false) -> (ShellSession, TextBuffer) {
        let buffer = TextBuffer()
        let session = ShellSession(catalog: Fixtures.catalog, settings: ShellSettings(timer: timer), output: buffer, errors: buffer)
        return (session, buffer)
    }

    @Test func tablesListsNames() {
        var (shell, out) = session()
        shell.feed(".tables")
        #expect(out.take() == "hits\nresponses\n")
    }

    @Test func schemaOfOneTableAndOfAll() {
        var (shell, out) = session()
        shell.feed(".schema hits")
        #expect(out.take() == """
        hits (5 rows)
          ts      timestamp
          path    string
          status  int
          bytes   int

        """)
        shell.feed("  .schema;")
        #expect(out.take() == """
        hits (5 rows)
          ts      timestamp
          path    string
          status  int
          bytes   int

        responses (2 rows)
          survey    string
          region    string
          improved  bool

        """)
        #expect(shell.failureCount == 0)
    }

    @Test func schemaOfAnUnknownTableNamesTheKnownOnes() {
        var (shell, out) = session()
        shell.feed(".schema visits")
        #expect(out.take() == "Error: no table named \"visits\"; tables: hits, responses\n")
        #expect(shell.failureCount == 1)
    }

    @Test func modeChangesAndReportsTheFormat() {
        var (shell, out) = session()
        shell.feed(".mode csv")
        #expect(shell.settings.format == .csv)
        shell.feed(".mode")
        #expect(out.take() == "mode: csv\n")
        shell.feed(".mode markdown")
        #expect(shell.settings.format == .markdown)
        shell.feed(".mode html")
        #expect(out.take() == "Error: unknown mode \"html\"; choose one of table, csv, json, markdown, line\n")
        #expect(shell.settings.format == .markdown)
    }

    @Test func unknownCommandPointsToHelpAndTheSessionGoesOn() {
        var (shell, out) = session()
        shell.feed(".frobnicate now")
        shell.feed(".tables")
        #expect(out.take() == "Error: unknown command \".frobnicate\"; type .help for the list\nhits\nresponses\n")
        #expect(shell.failureCount == 1)
        #expect(!shell.isFinished)
    }

    @Test func settingsCommands() {
        var (shell, out) = session(timer: true)
        shell.feed(".maxrows 5")
        #expect(shell.settings.maxRows == 5)
        shell.feed(".maxrows 0")
        #expect(shell.settings.maxRows == nil)
        shell.feed(".maxrows lots")
        #expect(out.take() == "Error: .maxrows takes a number of rows (0 for all), not \"lots\"\n")
        shell.feed(".nullvalue '(none)'")
        #expect(shell.settings.nullText == "(none)")
        shell.feed(".timer off")
        #expect(!shell.settings.timer)
        shell.feed(".timer maybe")
        #expect(out.take() == "Error: .timer takes on or off, not \"maybe\"\n")
        shell.feed(".timer")
        #expect(out.take() == "Error: .timer needs on or off; type .help for usage\n")
    }

    @Test func parametersAreTypedByInference() {
        var (shell, out) = session()
        shell.feed(".param set from 2024-01-01")
        shell.feed(".param set :to 2025-12-31 23:59:59")
        shell.feed(".param set status 404")
        shell.feed(".param set share 0.25")
        shell.feed(".param set site basel")
        shell.feed(".param set code '404'")
        shell.feed(".param set bot false")
        #expect(shell.parameters["from"] == .timestamp(CivilTime.timestamp(year: 2024, month: 1, day: 1)))
        #expect(shell.parameters["to"] == .timestamp(CivilTime.timestamp(year: 2025, month: 12, day: 31, hour: 23, minute: 59, second: 59)))
        #expect(shell.parameters["status"] == .int(404))
        #expect(shell.parameters["share"] == .float(0.25))
        #expect(shell.parameters["site"] == .string("basel"))
        #expect(shell.parameters["code"] == .string("404"))
        #expect(shell.parameters["bot"] == .bool(false))
        shell.feed(".param list")
        #expect(out.take() == """
        :bot = false (bool)
        :code = '404' (string)
        :from = 2024-01-01 00:00:00 (timestamp)
        :share = 0.25 (float)
        :site = 'basel' (string)
        :status = 404 (int)
        :to = 2025-12-31 23:59:59 (timestamp)

        """)
        shell.feed(".param unset site")
        #expect(shell.parameters["site"] == nil)
        shell.feed(".param unset site")
        #expect(out.take() == "Error: no parameter named :site\n")
        shell.feed(".param clear")
        #expect(shell.parameters.isEmpty)
        shell.feed(".param set bad-name 1")
        #expect(out.take() == "Error: a parameter name is letters, digits and _, not \"bad-name\"\n")
    }

    @Test func parameterInferenceEdgeCases() {
        #expect(ParameterText(text: "nan", quoted: false).value == .string("nan"))
        #expect(ParameterText(text: "1e3", quoted: false).value == .float(1000))
        #expect(ParameterText(text: "-7", quoted: false).value == .int(-7))
        #expect(ParameterText(text: "NULL", quoted: false).value == .null)
        #expect(ParameterText(text: "2024-02-30", quoted: false).value == .string("2024-02-30"))
        #expect(ParameterText(text: "2024-01-31T12:00:00Z", quoted: false).value == .timestamp(CivilTime.timestamp(year: 2024, month: 1, day: 31, hour: 12)))
    }

    @Test func commandWordsHonourQuotes() {
        #expect(CommandWords.split(".nullvalue 'not given'").map(\.text) == [".nullvalue", "not given"])
        #expect(CommandWords.split(".param set s \"it's\"").map(\.text) == [".param", "set", "s", "it's"])
        #expect(CommandWords.split(".param set s 'it''s'").map(\.text) == [".param", "set", "s", "it's"])
        #expect(CommandWords.split(".nullvalue ''").map(\.text) == [".nullvalue", ""])
        #expect(CommandWords.split("  .tables  ").map(\.text) == [".tables"])
    }

    @Test func helpListsEveryCommand() {
        var (shell, out) = session()
        shell.feed(".help")
        let help = out.take()
        for name in DotCommand.names { #expect(help.contains(name)) }
    }

    @Test func quitEndsTheSession() {
        var (shell, out) = session()
        shell.feed(".quit")
        #expect(shell.isFinished)
        shell.feed(".tables")
        #expect(out.take() == "")
        var (other, _) = session()
        other.feed(".exit")
        #expect(other.isFinished)
    }

    @Test func dotCommandsOnlyStartAFreshStatement() {
        var (shell, out) = session()
        shell.feed("SELECT path")
        #expect(shell.isContinuing)
        #expect(shell.currentPrompt == ShellSession.continuationPrompt)
        shell.feed(".tables")
        #expect(out.take() == "")
        #expect(shell.isContinuing)
        var (fresh, _) = session()
        fresh.feed("-- a comment first")
        #expect(fresh.currentPrompt == ShellSession.prompt)
        fresh.feed(".mode json")
        #expect(fresh.settings.format == .json)
    }

    @Test func outputCreatesTheFileAndCanBeReset() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("out.txt")
        var (shell, out) = session()
        shell.feed(".output \(path)")
        #expect(FileManager.default.fileExists(atPath: path))
        shell.feed(".output")
        shell.feed(".output /nonexistent-dir/x.txt")
        #expect(out.take() == "Error: cannot open /nonexistent-dir/x.txt for writing\n")
    }

    @Test func readRunsCommandsFromAScript() throws {
        let directory = try TemporaryDirectory()
        let script = directory.path("setup.chm")
        try ".mode json\r\n.param set year 2024\n\n.maxrows 10\n.tables\n".write(toFile: script, atomically: true, encoding: .utf8)
        var (shell, out) = session()
        shell.feed(".read \(script)")
        #expect(shell.settings.format == .json)
        #expect(shell.parameters["year"] == .int(2024))
        #expect(shell.settings.maxRows == 10)
        #expect(out.take() == "hits\nresponses\n")
        #expect(shell.failureCount == 0)
    }

    @Test func readReportsAMissingFileAndStopsAScriptThatReadsItself() throws {
        var (shell, out) = session()
        shell.feed(".read /nonexistent/script.sql")
        #expect(out.take() == "Error: cannot read /nonexistent/script.sql\n")
        let directory = try TemporaryDirectory()
        let script = directory.path("loop.sql")
        try ".read \(script)\n".write(toFile: script, atomically: true, encoding: .utf8)
        shell.feed(".read \(script)")
        #expect(out.take().hasPrefix("Error: .read nested more than 16 deep"))
        #expect(shell.failureCount == 2)
    }

    @Test func footerCountsRowsAndSeconds() {
        #expect(ShellSession.footer(rows: 3, elapsed: .milliseconds(4)) == "3 rows (0.004 s)")
        #expect(ShellSession.footer(rows: 1, elapsed: .seconds(12) + .milliseconds(345)) == "1 row (12.345 s)")
        #expect(ShellSession.footer(rows: 0, elapsed: nil) == "0 rows")
    }

    @Test func colourIsOffWithNoColourOrOffATerminal() {
        #expect(!TerminalStyle.allowsColour(on: STDIN_FILENO, environment: ["NO_COLOR": "1"]))
        #expect(!TerminalStyle.allowsColour(on: STDIN_FILENO, environment: ["TERM": "dumb"]))
        var pipe: [Int32] = [0, 0]
        #expect(Glibc.pipe(&pipe) == 0)
        defer { close(pipe[0]); close(pipe[1]) }
        #expect(!TerminalStyle.allowsColour(on: pipe[1], environment: [:]))
        #expect(TerminalWidth.columns(of: pipe[1]) == nil)
    }

    @Test func aFailingStatementDoesNotStopTheScript() throws {
        let directory = try TemporaryDirectory()
        let script = directory.path("mixed.sql")
        try "SELECT * FROM nowhere;\n.tables\n.bogus\n.mode csv\n".write(toFile: script, atomically: true, encoding: .utf8)
        var (shell, out) = session()
        shell.feed(".read \(script)")
        let text = out.take()
        #expect(text.hasPrefix("Error"))
        #expect(text.hasSuffix("hits\nresponses\nError: unknown command \".bogus\"; type .help for the list\n"))
        #expect(shell.settings.format == .csv)
        #expect(shell.failureCount == 2)
    }
}

/// A directory under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("chm-console-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }
}
