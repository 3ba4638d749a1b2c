import Columnar
import Testing
@testable import Console

@Suite struct SQLCompleterTests {
    private let completer = SQLCompleter(
        catalog: Fixtures.catalog,
        keywords: SQLKeywords.standard,
        functions: ["count", "cycle", "phase", "sum"],
        parameters: ["from", "to"]
    )

    private func words(_ word: String, after before: String = "") -> [String] {
        guard case .words(let found) = completer.complete(word, after: before) else { return ["<files>"] }
        return found
    }

    @Test func catalogVocabularyIsLoaded() {
        #expect(completer.tables == ["hits", "responses"])
        #expect(completer.columns["hits"] == ["ts", "path", "status", "bytes"])
    }

    @Test func keywordsFollowTheCaseTyped() {
        #expect(words("SEL") == ["SELECT"])
        #expect(words("sel") == ["select"])
        #expect(words("gro", after: "SELECT 1 FROM hits ") == ["group", "grouping"])
    }

    @Test func mixesKeywordsFunctionsTablesAndColumns() {
        #expect(words("p", after: "SELECT ") == ["partition", "path", "phase", "preceding"])
        #expect(words("P", after: "SELECT ") == ["PARTITION", "path", "phase", "PRECEDING"])
        #expect(words("c", after: "SELECT ") == ["case", "cast", "count", "cross", "cube", "current", "current_date", "current_timestamp", "cycle"])
        #expect(words("re", after: "SELECT ") == ["region", "responses"])
    }

    @Test func onlyTablesAfterFromAndJoin() {
        #expect(words("", after: "SELECT * FROM ") == ["hits", "responses"])
        #expect(words("r", after: "select * from hits join ") == ["responses"])
    }

    @Test func qualifiedColumns() {
        #expect(words("hits.s", after: "SELECT ") == ["hits.status"])
        #expect(words("HITS.", after: "SELECT ") == ["HITS.ts", "HITS.path", "HITS.status", "HITS.bytes"].sorted { $0.lowercased() < $1.lowercased() })
        #expect(words("nowhere.x", after: "SELECT ") == [])
    }

    @Test func parameters() {
        #expect(words(":f", after: "SELECT * FROM hits WHERE ts >= ") == [":from"])
        #expect(words(":", after: "") == [":from", ":to"])
    }

    @Test func dotCommandsAndTheirArguments() {
        #expect(words(".s") == [".schema"])
        #expect(words(".") == DotCommand.names)
        #expect(words("h", after: ".schema ") == ["hits"])
        #expect(words("", after: ".mode ") == ["csv", "json", "line", "markdown", "table"])
        #expect(words("o", after: ".timer ") == ["off", "on"])
        #expect(words("s", after: ".param ") == ["set"])
        #expect(words("f", after: ".param unset ") == ["from"])
        #expect(words("x", after: ".tables ") == [])
        #expect(completer.complete("scr", after: ".read ") == .fileNames)
        #expect(completer.complete("", after: ".output ") == .fileNames)
    }
}
