import Foundation
import Ingest
import Testing

/// Instruments: the shipped one loads; a bad one fails with the file, the
/// line of the offending key and what to do.
@Suite struct SurveyInstrumentTests {
    let bed: SurveyTestBed
    init() throws { bed = try SurveyTestBed() }

    @Test func shippedInstrumentLoads() throws {
        let i = try SurveyInstrument.load(path: SurveyTestBed.shipped("chm-user-survey.toml"))
        #expect(i.id == "chm-user-survey")
        #expect(i.questions.map(\.objective) == ["value_added", "quality", "speed_facility", "speed_facility", "responsiveness", "integration", "awareness_use"])
        let change = try #require(i.scales["change"])
        #expect(change.improved == ["A4", "A5"])
        #expect(change.options.count == 7)
        for option in change.options { #expect(Set(option.labels.keys) == ["en", "fr", "es", "ru", "ar", "zh"]) }
        #expect(i.scales["user_group"]?.options.map(\.code) == ["Party focal point", "Regional centre", "IGO", "NGO", "Industry", "Academia and research", "Other"])
    }

    @Test func instrumentsKeptWithTheTestsLoad() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: SurveyTestBed.here.appendingPathComponent("Instruments").path)
        #expect(names.filter { $0.hasSuffix(".toml") }.count == 7)
        for name in names where name.hasSuffix(".toml") { _ = try SurveyInstrument.load(path: SurveyTestBed.instrument(name)) }
    }

    static let valid = """
    id = "t"
    title = "Test"

    [scales.change]
    improved = ["4", "5"]

    [[scales.change.options]]
    code = "1"

    [[scales.change.options]]
    code = "4"
    labels = { en = "Improved", fr = "Amélioré" }

    [[scales.change.options]]
    code = "5"

    [[questions]]
    id = "value"
    objective = "value_added"
    scale = "change"
    column = "CHG[VALUE]"
    """

    /// Loads `text` and returns the error, which must name the file and `line` and contain `words`.
    func failure(_ text: String, line: Int, _ words: String..., sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = try bed.file("bad.toml", text)
        do {
            _ = try SurveyInstrument.load(path: path)
            Issue.record("loaded a bad instrument", sourceLocation: sourceLocation)
        } catch let e as IngestError {
            #expect(e.file == path, sourceLocation: sourceLocation)
            #expect(e.line == line, "\(e)", sourceLocation: sourceLocation)
            #expect(e.description.hasPrefix("\(path):\(line): "), sourceLocation: sourceLocation)
            for w in words { #expect(e.message.contains(w), "\(e.message)", sourceLocation: sourceLocation) }
        }
    }

    @Test func validInstrumentLoads() throws {
        let i = try SurveyInstrument.load(path: try bed.file("ok.toml", Self.valid))
        #expect(i.questions.count == 1)
    }

    @Test func syntaxErrorNamesTheLine() throws {
        try failure(Self.valid.replacingOccurrences(of: "code = \"5\"", with: "code = \"5"), line: 15, "TOML")
    }

    @Test func unknownKeyNamesItsLine() throws {
        try failure(Self.valid.replacingOccurrences(of: "scale = \"change\"", with: "scale = \"change\"\ncolum = \"X\""), line: 21, "unknown key colum")
    }

    @Test func unknownScaleNamesItsLine() throws {
        try failure(Self.valid.replacingOccurrences(of: "scale = \"change\"", with: "scale = \"chnage\""), line: 20, "unknown scale chnage", "change")
    }

    @Test func unknownObjectiveNamesItsLine() throws {
        try failure(Self.valid.replacingOccurrences(of: "value_added", with: "valueadded"), line: 19, "unknown objective valueadded")
    }

    @Test func duplicateQuestion() throws {
        try failure(Self.valid + "\n\n[[questions]]\nid = \"value\"\nobjective = \"quality\"\nscale = \"change\"\n", line: 24, "defined twice", "line 18")
    }

    @Test func improvedMustNameOptions() throws {
        try failure(Self.valid.replacingOccurrences(of: "improved = [\"4\", \"5\"]", with: "improved = [\"4\", \"6\"]"), line: 5, "improved names 6")
    }

    @Test func wrongTypeNamesItsLine() throws {
        try failure(Self.valid.replacingOccurrences(of: "[scales.change]", with: "[scales.change]\nordered = \"yes\""), line: 5, "ordered must be true or false")
    }

    @Test func aLabelNamingTwoOptionsIsRefused() throws {
        try failure(Self.valid.replacingOccurrences(of: "code = \"5\"", with: "code = \"5\"\nlabels = { en = \"improved\" }"), line: 14, "names both 4 and 5")
    }

    @Test func badExclusionKind() throws {
        try failure(Self.valid.replacingOccurrences(of: "code = \"1\"", with: "code = \"1\"\nexclude = \"maybe\""), line: 9, "exclude must be dont_know")
    }

    @Test func inlineOptionsAreLocatedToo() throws {
        let text = """
        id = "t"
        title = "Test"

        [scales.yn]
        options = [
            { code = "Y" },
            { code = "N", exclude = "sometimes" },
        ]

        [[questions]]
        id = "q"
        objective = "use"
        scale = "yn"
        """
        try failure(text, line: 7, "exclude must be")
    }

    @Test func missingQuestionsAndMissingFile() throws {
        try failure("id = \"t\"\ntitle = \"T\"\n[scales.a]\noptions = [{ code = \"1\" }]\n", line: 1, "no [[questions]]")
        #expect(throws: IngestError.self) { try SurveyInstrument.load(path: bed.directory.appendingPathComponent("none.toml").path) }
    }

    @Test func regionMapMustGiveUNRegionalGroups() throws {
        let text = Self.valid + "\n\n[respondent.region]\ncolumn = \"REGION\"\nmap = { R1 = \"Oceania\", R2 = \"Asia-Pacific States\" }\n"
        try failure(text.replacingOccurrences(of: "[[questions]]", with: "[[questions]]"), line: 23, "\"Oceania\" is not one of the five UN regional groups")
    }
}
