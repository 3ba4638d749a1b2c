import Columnar
import Foundation
import Ingest
import Store
import Testing

/// Real exports written by the survey tools (shared fixtures), read through
/// the instruments kept with these tests.
@Suite struct SurveyFixtureTests {
    let bed: SurveyTestBed
    init() throws { bed = try SurveyTestBed() }

    func ingest(_ fixture: String, _ instrument: String, layout: SurveyLayout? = nil) throws -> (SurveyImport.Outcome, Workspace) {
        let loaded = try SurveyInstrument.load(path: SurveyTestBed.instrument(instrument))
        let ws = try bed.workspace()
        var options = SurveyImport.Options()
        options.layout = layout
        return (try SurveyImport.run(file: SurveyTestBed.fixture(fixture), instrument: loaded, workspace: ws, options: options), ws)
    }

    /// `[{…}, {…}]` lists of question specs joined into one.
    static func join(_ lists: String...) -> String {
        "[" + lists.map { String($0.dropFirst().dropLast()) }.joined(separator: ", ") + "]"
    }

    @Test func limeSurveyCodesWithNumericScales() throws {
        let q = SurveySampleTests.questions
        let spec = "{\"questions\": " + Self.join(
            q(["QMIQ02[QMI01]", "QMIQ02[QMI02]", "QMIQ03[QMI06]", "QMIQ08[QMI35]"], ["6", "7"], [:], [""]),
            q(["Q06Aphant", "Q08Change"], ["Y"], [:], [""]),
            q(["Q07Unvoluntary"], ["Y"], ["NOSUR": "dont_know", "FORGT": "refused"], [""])) + "}"
        let path = SurveyTestBed.fixture("limesurvey_plr_codes_numeric.csv")
        let peer = try SurveyTestBed.peerCounts(path, delimiter: ",", spec: spec)
        let (outcome, ws) = try ingest("limesurvey_plr_codes_numeric.csv", "limesurvey-plr-codes.toml")
        #expect(outcome.layout == .limeSurvey)
        #expect(outcome.stored == 50 && peer["stored"] == 50)
        #expect(outcome.batch.rows == 50 * 7)
        #expect(try bed.storedCounts(ws) == SurveyTestBed.answerCounts(peer))
        #expect(peer["blank"] == 1 && peer["refused"] == 2 && peer["dont_know"] == 2)
        // Scores are the codes' ranks on the seven-point scale.
        let s004 = try bed.query(ws, "SELECT score FROM responses WHERE response = 'S004' AND question = 'qmi01'")
        #expect(s004 == [[.float(7)]])
    }

    @Test func limeSurveyFullTextHeadersAndLabels() throws {
        let q = SurveySampleTests.questions
        let agree = ["Agree completely", "Rather agree"]
        let spec = "{\"questions\": " + Self.join(
            q(["3"], ["Yes"], [:], ["", "N/A"]),
            q(["8", "9", "10", "314"], agree, [:], ["", "N/A"]),
            q(["21", "22"], ["Very important", "Rather important"], [:], ["", "N/A"])) + "}"
        let path = SurveyTestBed.fixture("limesurvey_dt_fulltext_labels_en.csv")
        let peer = try SurveyTestBed.peerCounts(path, delimiter: ";", spec: spec)
        let (outcome, ws) = try ingest("limesurvey_dt_fulltext_labels_en.csv", "limesurvey-dt-fulltext.toml")
        #expect(outcome.layout == .limeSurvey)
        #expect(outcome.batch.rejects == 0, "\(outcome.ingest.firstRejects)")
        #expect(outcome.stored == 96 && peer["stored"] == 96)
        #expect(try bed.storedCounts(ws) == SurveyTestBed.answerCounts(peer))
        #expect(try bed.count(ws, "response = '1'") == 7)
    }

    @Test func koboLegacyTrueFalseColumnsAndSkippedQuestions() throws {
        let (outcome, ws) = try ingest("kobo_legacy_transportation.csv", "kobo-legacy-transport.toml")
        #expect(outcome.layout == .kobo)
        #expect(outcome.stored == 4)
        // By hand from the file: transport ticks none / ambulance+bicycle / ambulance / taxi+other;
        // frequencies answered: ambulance daily, weekly; bicycle weekly; taxi daily; the rest n/a.
        #expect(try bed.storedCounts(ws) == ["valid": 8, "improved": 4, "not_improved": 4, "blank": 8,
                                             "dont_know": 0, "not_applicable": 0, "refused": 0])
        let transport = try bed.query(ws, "SELECT answer FROM responses WHERE question = 'transport' ORDER BY submitted").map { $0[0] }
        #expect(transport == ["", "ambulance bicycle", "ambulance", "taxi other"].map { Value.string($0) })
        let first = try bed.query(ws, "SELECT response, submitted FROM responses WHERE question = 'transport' ORDER BY submitted LIMIT 1")
        #expect(first == [[.string("5b2cc313-fc09-437e-8149-fcd32f695d41"),
                           .timestamp(CivilTime.timestamp(year: 2013, month: 2, day: 14, hour: 15, minute: 37, second: 21))]])
    }

    @Test func odkBriefcaseLocaleDatesAndChoiceColumns() throws {
        let (outcome, ws) = try ingest("odk_briefcase_choice_lists.csv", "odk-briefcase-choices.toml")
        #expect(outcome.layout == .odkBriefcase)
        let rows = try bed.query(ws, "SELECT question, answer, improved, submitted, response FROM responses ORDER BY question")
        let t = Value.timestamp(CivilTime.timestamp(year: 2018, month: 4, day: 26, hour: 8, minute: 58, second: 20))
        let key = Value.string("uuid:39f3dd36-161e-45cb-a1a4-395831d253a7")
        #expect(rows == [
            [.string("another_string"), .string("CHOICE_2"), .bool(false), t, key],
            [.string("some_string"), .string("CHOICE_1"), .bool(true), t, key],
            [.string("yet_another_string"), .string("CHOICE_1"), .bool(true), t, key],
        ])
    }

    @Test func odkCentralSelectMultiple() throws {
        let (outcome, ws) = try ingest("odk_central_select_multiple.csv", "odk-central-select-multiple.toml")
        #expect(outcome.layout == .odkCentral)
        let rows = try bed.query(ws, "SELECT response, question, answer, improved FROM responses ORDER BY response, question")
        #expect(rows == [
            [.string("one"), .string("q1"), .string("a b"), .bool(true)],
            [.string("one"), .string("q2"), .string("x y z"), .bool(false)],
            [.string("two"), .string("q1"), .string("b"), .bool(false)],
            [.string("two"), .string("q2"), .string("m x"), .bool(true)],
        ])
        let t = try bed.query(ws, "SELECT DISTINCT submitted FROM responses")
        #expect(t == [[.timestamp(CivilTime.timestamp(year: 2018, month: 1, day: 1))]])
    }

    @Test func odkCentralRejectedAndEncryptedSubmissionsAreSetAside() throws {
        let (outcome, _) = try ingest("odk_central_review_state.csv", "odk-central-review.toml")
        #expect(outcome.respondents == 2)
        #expect(outcome.stored == 0)
        #expect(outcome.setAside == ["rejected": 1, "encrypted": 1])
        #expect(outcome.batch.rows == 0)
    }

    @Test func layoutOverrideReadsAnExportAsAnotherTool() throws {
        // ODK Briefcase layout forced on the Central file: ReviewState is then not a rule, so the
        // rejected submission is read (and its answer "Portland, OR" stored).
        let (outcome, ws) = try ingest("odk_central_review_state.csv", "odk-central-review.toml", layout: .odkBriefcase)
        #expect(!outcome.detected)
        #expect(outcome.layout == .odkBriefcase)
        #expect(try bed.query(ws, "SELECT response, answer FROM responses WHERE exclusion IS NULL") == [[.string("two"), .string("portland")]])
    }

    /// The export lines KoBo's own CSV export test expects (a Python test kept as a fixture),
    /// with the submission ids and form version the test fills in at run time.
    func koboReferenceExport() throws -> String {
        let source = try String(contentsOfFile: SurveyTestBed.fixture("kobo_kpi_csv_format_reference.txt"), encoding: .utf8)
        var lines: [String] = []
        for line in source.components(separatedBy: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("'\"") || t.hasPrefix("f'\""), let open = t.firstIndex(of: "'"), let close = t.lastIndex(of: "'"), open < close else { continue }
            var text = String(t[t.index(after: open)..<close])
            for n in 0..<3 { text = text.replacingOccurrences(of: "{submissions[\(n)][\"_id\"]}", with: String(100 + n)) }
            lines.append(text.replacingOccurrences(of: "{version_uid}", with: "vQ8FmW2xT5"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func koboLabelsHeadersTagRowAndSpaceSeparatedLabels() throws {
        let text = try koboReferenceExport()
        #expect(text.components(separatedBy: "\n").count == 6)
        let path = try bed.file("kobo-labels.csv", text)
        let instrument = try SurveyInstrument.load(path: SurveyTestBed.instrument("kobo-kpi-labels.toml"))
        let ws = try bed.workspace()
        let outcome = try SurveyImport.run(file: path, instrument: instrument, workspace: ws)
        #expect(outcome.layout == .kobo)
        #expect(outcome.respondents == 3)
        let rows = try bed.query(ws, "SELECT response, question, answer, improved FROM responses ORDER BY submitted, question")
        // By hand from the three expected lines.
        let r1 = Value.string("48583952-1892-4931-8d9c-869e7b49bafb"), r2 = Value.string("317ba7b7-bea4-4a8c-8620-a483c3079c4b")
        let r3 = Value.string("3f15cdfe-3eab-4678-8352-7806febf158d")
        #expect(rows == [
            [r1, .string("ancestry"), .string("no"), .bool(false)],
            [r1, .string("fluids"), .string("yes_extracellular"), .bool(true)],
            [r1, .string("symmetry"), .string("spherical radial bilateral"), .bool(true)],
            [r2, .string("ancestry"), .string("no"), .bool(false)],
            [r2, .string("fluids"), .string("yes"), .bool(true)],
            [r2, .string("symmetry"), .string("radial"), .bool(false)],
            [r3, .string("ancestry"), .string("yes"), .bool(true)],
            [r3, .string("fluids"), .string("no"), .bool(false)],
            [r3, .string("symmetry"), .string("bilateral"), .bool(true)],
        ])
        let first = try bed.query(ws, "SELECT DISTINCT submitted FROM responses WHERE response = '48583952-1892-4931-8d9c-869e7b49bafb'")
        #expect(first == [[.timestamp(CivilTime.timestamp(year: 2017, month: 10, day: 23, hour: 9, minute: 41, second: 19))]])
    }
}
