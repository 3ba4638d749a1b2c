import Columnar
import Foundation
import Ingest
import Store
import Testing

/// Exports that do not fit: wrong columns, truncated, binary, empty or
/// oversized files fail with a clear error and leave the store as it was;
/// readable variations (other languages, spacing, separators) are read.
@Suite struct SurveyInputTests {
    let bed: SurveyTestBed
    let instrument: SurveyInstrument
    init() throws {
        bed = try SurveyTestBed()
        instrument = try SurveyInstrument.load(path: SurveyTestBed.shipped("chm-user-survey.toml"))
    }

    var sample: String { get throws { try String(contentsOfFile: SurveyTestBed.sample("limesurvey-codes.csv"), encoding: .utf8) } }

    /// A workspace holding the LimeSurvey sample, and its row count.
    func seeded() throws -> (Workspace, Int) {
        let ws = try bed.workspace()
        let outcome = try SurveyImport.run(file: SurveyTestBed.sample("limesurvey-codes.csv"), instrument: instrument, workspace: ws)
        return (ws, outcome.batch.rows)
    }

    func expectUnchanged(_ ws: Workspace, rows: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try bed.count(ws, "true") == rows, sourceLocation: sourceLocation)
        #expect(try ws.batches().filter { $0.status == .committed }.count == 1, sourceLocation: sourceLocation)
    }

    func failure(_ path: String, _ code: IngestError.Code, _ words: String..., options: SurveyImport.Options = SurveyImport.Options(),
                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (ws, rows) = try seeded()
        do {
            _ = try SurveyImport.run(file: path, instrument: instrument, workspace: ws, options: options)
            Issue.record("read a bad export", sourceLocation: sourceLocation)
        } catch let e as IngestError {
            #expect(e.code == code, "\(e)", sourceLocation: sourceLocation)
            #expect(e.file == path, sourceLocation: sourceLocation)
            for w in words { #expect(e.message.contains(w), "\(e.message)", sourceLocation: sourceLocation) }
        }
        try expectUnchanged(ws, rows: rows, sourceLocation: sourceLocation)
    }

    @Test func missingColumnsAreNamed() throws {
        let text = try sample.replacingOccurrences(of: "CHG[AWARE]", with: "CHG[AWAR]").replacingOccurrences(of: "COUNTRY", with: "NATION")
        try failure(try bed.file("mismatch.csv", text), .wrongFormat, "question aware (CHG[AWARE])", "respondent.country (COUNTRY)", "LimeSurvey")
    }

    @Test func truncatedInsideAQuotedField() throws {
        let text = try sample
        let cut = String(text.prefix(through: text.range(of: "Chemicals management")!.lowerBound).dropLast()) + "\"Chemicals man"
        try failure(try bed.file("truncated.csv", cut), .malformed, "never closed")
    }

    @Test func truncatedInsideARow() throws {
        let text = try sample
        let cut = String(text.prefix(text.count - 20))
        try failure(try bed.file("cut.csv", cut), .tooManyRejects, "expected 17 fields")
    }

    @Test func binaryEmptyAndOversizedInput() throws {
        try failure(try bed.file("image.csv", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)), .wrongFormat, "binary")
        // gzip is read through; a corrupt stream is named as such.
        try failure(try bed.file("binary.csv", bytes: [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00] + Array(repeating: 0, count: 64)), .malformed, "gzip")
        try failure(try bed.file("nul.csv", bytes: Array("id,submitdate\n1,".utf8) + [0, 0, 0x41]), .wrongFormat, "binary")
        try failure(try bed.file("empty.csv", ""), .wrongFormat, "empty")
        try failure(try bed.file("blank.csv", "\n\n  \n"), .wrongFormat, "empty")
        var small = SurveyImport.Options()
        small.maxBytes = 200
        small.ingest.force = true
        try failure(SurveyTestBed.sample("limesurvey-codes.csv"), .wrongFormat, "larger than", options: small)
    }

    @Test func answersOffTheScaleAreRejectedWithTheirLine() throws {
        let text = try sample.replacingOccurrences(of: "G4,FR,Environment,A4", with: "G4,FR,Environment,A9")
        let ws = try bed.workspace()
        var options = SurveyImport.Options()
        options.ingest.maxRejectRate = 0.5
        let outcome = try SurveyImport.run(file: try bed.file("a9.csv", text), instrument: instrument, workspace: ws, options: options)
        #expect(outcome.batch.rejects == 1)
        let reject = try #require(outcome.ingest.firstRejects.first)
        #expect(reject.line == 3)
        #expect(reject.reason.contains("question value: \"A9\" is not an answer of scale change"))
        #expect(outcome.stored == 6)
        // With the default rate (1 %) the same file fails and writes nothing.
        try failure(try bed.file("a9b.csv", text), .tooManyRejects, "1 of 8")
    }

    @Test func unknownCountryIsRejectedWithASuggestion() throws {
        let text = try sample.replacingOccurrences(of: "G4,FR,", with: "G4,Frnace,")
        let ws = try bed.workspace()
        var options = SurveyImport.Options()
        options.ingest.maxRejectRate = 0.5
        let outcome = try SurveyImport.run(file: try bed.file("country.csv", text), instrument: instrument, workspace: ws, options: options)
        #expect(outcome.ingest.firstRejects.first?.reason.contains("country: \"Frnace\" is not a country") == true)
        #expect(outcome.ingest.firstRejects.first?.reason.contains("France") == true)
    }

    @Test func sameFileTwiceIsSkipped() throws {
        let (ws, rows) = try seeded()
        let again = try SurveyImport.run(file: SurveyTestBed.sample("limesurvey-codes.csv"), instrument: instrument, workspace: ws)
        #expect(again.skipped)
        try expectUnchanged(ws, rows: rows)
    }

    @Test func frenchFullTextExportWithFrenchLabels() throws {
        // A LimeSurvey full-text export in French: question headers and answers as the French
        // questionnaire writes them (the metadata columns keep their English names).
        let q = "Par rapport à il y a deux ans, comment chacun des éléments suivants a-t-il évolué pour vous ?"
        let text = """
        Response ID;Date submitted;Last page;Start language;Laquelle des catégories suivantes décrit le mieux l'organisation pour laquelle vous travaillez ?;Dans quel pays êtes-vous basé(e) ?;Dans quel secteur travaillez-vous principalement ?;\(q) [La valeur des informations disponibles par le biais du centre d'échange];\(q) [La qualité des informations (exactitude, exhaustivité, actualité)];\(q) [La rapidité et la facilité de la communication d'informations];\(q) [La rapidité et la facilité de la recherche et de l'obtention d'informations];\(q) [L'actualité des informations et leur adéquation à vos besoins];\(q) [La possibilité de comparer et de synthétiser des informations de sources différentes];\(q) [Votre connaissance et votre utilisation des informations et services du centre d'échange]
        "11";"2026-04-01 10:00:00";"3";"fr";"Correspondant national d'une Partie";"SEN";"Environnement";"Nettement amélioré";"Amélioré";"Pas de changement";"Moins bien";"Ne sait pas";"Sans objet";"Amélioré"
        "12";"2026-04-02 11:30:00";"3";"fr";"Milieux universitaires et recherche";"BEL";"Recherche";"Amélioré";"Nettement moins bien";"Amélioré";"Amélioré";"Amélioré";"Amélioré";"N/A"
        "13";"";"1";"fr";"Autre";"CAN";"";"Amélioré";"";"";"";"";"";""
        """
        let ws = try bed.workspace()
        let outcome = try SurveyImport.run(file: try bed.file("fr.csv", text), instrument: instrument, workspace: ws)
        #expect(outcome.layout == .limeSurvey)
        #expect(outcome.setAside == ["incomplete": 1])
        // By hand: improved = 1:A5,A4,A4 + 2:A4×5 = 8; valid 5 + 6 = 11; dont_know 1, not_applicable 1, blank 1 (N/A).
        #expect(try bed.storedCounts(ws) == ["valid": 11, "improved": 8, "not_improved": 3, "dont_know": 1, "not_applicable": 1,
                                             "refused": 0, "blank": 1])
        let who = try bed.query(ws, "SELECT DISTINCT response, user_group, country, region, language FROM responses ORDER BY response")
        #expect(who == [
            [.string("11"), .string("Party focal point"), .string("SN"), .string("African States"), .string("fr")],
            [.string("12"), .string("Academia and research"), .string("BE"), .string("Western European and other States"), .string("fr")],
        ])
    }

    @Test func subQuestionSpacingSeparatorAndOtherScripts() throws {
        // `Q [SQ]` headers, `;` separator, answers as Arabic and Chinese labels, a region column with codes.
        let text = """
        id;submitdate;lastpage;startlanguage;ROLE;COUNTRY;REGION;SECTOR;CHG [VALUE];CHG [QUALITY];CHG [CONTRIB];CHG [LOCATE];CHG [TIMELY];CHG [COMPARE];CHG [AWARE]
        21;2026-05-01 08:00:00;3;ar;G3;;R1;Environment;تحسن كثيرا;تحسن;لا أعرف;أسوأ;لا ينطبق;تحسن;A3
        22;2026-05-02 09:00:00;3;zh;G5;CN;;Industry;显著改善;有所改善;没有变化;不知道;不适用;差得多;A4
        23;2026-05-03 10:00:00;3;en;G1;TR;Western European and Others Group;;Much improved;Improved;Worse;Much worse;No change;A1;5
        """
        let ws = try bed.workspace()
        let outcome = try SurveyImport.run(file: try bed.file("scripts.csv", text), instrument: instrument, workspace: ws)
        #expect(outcome.batch.rejects == 0, "\(outcome.ingest.firstRejects)")
        // By hand: improved 21: 3, 22: 3, 23: 3 = 9; excluded 21: DK + NA, 22: DK + NA; valid 21 - 4 = 17.
        #expect(try bed.storedCounts(ws) == ["valid": 17, "improved": 9, "not_improved": 8, "dont_know": 2, "not_applicable": 2,
                                             "refused": 0, "blank": 0])
        let regions = try bed.query(ws, "SELECT DISTINCT response, country, region FROM responses ORDER BY response")
        #expect(regions == [
            [.string("21"), .null, .string("African States")],
            [.string("22"), .string("CN"), .string("Asia-Pacific States")],
            [.string("23"), .string("TR"), .string("Western European and other States")],
        ])
    }

    @Test func koboTagRowIsSkipped() throws {
        var lines = try String(contentsOfFile: SurveyTestBed.sample("kobo.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        let columns = lines[0].components(separatedBy: ";").count
        lines.insert((["\"#role\"", "\"#country\""] + Array(repeating: "\"\"", count: columns - 2)).joined(separator: ";"), at: 1)
        let ws = try bed.workspace()
        let outcome = try SurveyImport.run(file: try bed.file("hxl.csv", lines.joined(separator: "\r\n")), instrument: instrument, workspace: ws)
        #expect(outcome.respondents == 8)
        #expect(outcome.batch.rejects == 0)
    }

    @Test func anExportOfAToolTheInstrumentDoesNotMapIsRefused() throws {
        let text = try String(contentsOfFile: SurveyTestBed.shipped("chm-user-survey.toml"), encoding: .utf8)
            .replacingOccurrences(of: "languages = [", with: "layout = \"limesurvey\"\nlanguages = [")
        let limeOnly = try SurveyInstrument.load(path: try bed.file("lime.toml", text))
        let ws = try bed.workspace()
        #expect {
            _ = try SurveyImport.run(file: SurveyTestBed.sample("odk-central.csv"), instrument: limeOnly, workspace: ws)
        } throws: { e in
            (e as? IngestError)?.code == .wrongFormat && "\(e)".contains("ODK Central") && "\(e)".contains("--layout")
        }
    }

    @Test func aColumnNamedTwiceIsAmbiguous() throws {
        let text = try String(contentsOfFile: SurveyTestBed.sample("plain.csv"), encoding: .utf8)
            .replacingOccurrences(of: "CHG_AWARE", with: "CHG_AWARE,chg_aware").replacingOccurrences(of: "\r\n", with: ",3\r\n")
        try failure(try bed.file("twice.csv", text), .wrongFormat, "question aware (CHG[AWARE]) matches columns 12, 13")
    }

    @Test func unreadableDatesAreRejected() throws {
        let text = try sample.replacingOccurrences(of: "2026-03-02 11:05:40", with: "2026-02-30 11:05:40")
        let ws = try bed.workspace()
        var options = SurveyImport.Options()
        options.ingest.maxRejectRate = 0.5
        let outcome = try SurveyImport.run(file: try bed.file("date.csv", text), instrument: instrument, workspace: ws, options: options)
        #expect(outcome.ingest.firstRejects.map(\.line) == [3])
        #expect(outcome.ingest.firstRejects.first?.reason.contains("cannot read \"2026-02-30 11:05:40\" as a date") == true)
    }

    @Test func rejectedRowsKeepNoPersonalData() throws {
        var lines = try String(contentsOfFile: SurveyTestBed.sample("surveymonkey.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        lines[2] = lines[2].replacingOccurrences(of: ",,,,,Party focal point", with: "192.0.2.10,ana@example.org,Ana,Silva,,Party focal point")
            .replacingOccurrences(of: "Much improved,Improved", with: "Much improved,Splendid")
        let ws = try bed.workspace()
        var options = SurveyImport.Options()
        options.ingest.maxRejectRate = 0.5
        let outcome = try SurveyImport.run(file: try bed.file("monkey.csv", lines.joined(separator: "\r\n")), instrument: instrument, workspace: ws, options: options)
        let reject = try #require(outcome.ingest.firstRejects.first)
        #expect(reject.line == 3)
        #expect(reject.reason.contains("\"Splendid\""))
        for personal in ["192.0.2.10", "ana@example.org", "Ana", "Silva"] { #expect(!reject.text.contains(personal)) }
        #expect(reject.text.contains("Splendid"))
    }

    @Test func limeSurveyMultipleChoiceAsCodesAndAsLabels() throws {
        let instrument = try SurveyInstrument.load(path: try bed.file("services.toml", """
            id = "services"
            title = "Services used"
            layout = "limesurvey"

            [scales.services]
            ordered = false
            options = [
                { code = "SQ001", labels = { en = "Document search" } },
                { code = "SQ002", labels = { en = "Expert roster" } },
                { code = "SQ003", labels = { en = "Newsletter" } },
            ]

            [[questions]]
            id = "services"
            objective = "use"
            scale = "services"
            kind = "multiple"
            column = "SRV"
            text = "Which services did you use?"
            """))
        // Codes: Y when ticked, empty otherwise (empty everywhere: not answered).
        let codes = try bed.file("codes.csv", """
            id,submitdate,lastpage,startlanguage,SRV[SQ001],SRV[SQ002],SRV[SQ003]
            1,2026-03-01 10:00:00,2,en,Y,,Y
            2,2026-03-01 11:00:00,2,en,,,
            """)
        // Labels: Yes / No, N/A for a question not shown.
        let labels = try bed.file("labels.csv", """
            Response ID,Date submitted,Last page,Start language,Which services did you use? [Document search],Which services did you use? [Expert roster],Which services did you use? [Newsletter]
            1,2026-03-01 10:00:00,2,en,No,Yes,No
            2,2026-03-01 11:00:00,2,en,N/A,N/A,N/A
            """)
        for (file, expected) in [(codes, ["SQ001 SQ003", ""]), (labels, ["SQ002", ""])] {
            let ws = try bed.workspace()
            _ = try SurveyImport.run(file: file, instrument: instrument, workspace: ws)
            let rows = try bed.query(ws, "SELECT answer, exclusion, improved FROM responses ORDER BY response")
            #expect(rows == [[.string(expected[0]), .null, .null], [.string(expected[1]), .string("blank"), .null]])
        }
    }
}
