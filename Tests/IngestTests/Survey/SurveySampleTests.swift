import Columnar
import Foundation
import Ingest
import Store
import Testing

/// The shipped chm user survey read from one sample export per layout;
/// every count is checked against python3's csv module reading the raw file.
@Suite struct SurveySampleTests {
    let bed: SurveyTestBed
    init() throws { bed = try SurveyTestBed() }

    static let subs = ["VALUE", "QUALITY", "CONTRIB", "LOCATE", "TIMELY", "COMPARE", "AWARE"]

    /// One sample: its file, how python reads it, what the reader should find.
    struct Sample: Sendable, CustomTestStringConvertible {
        var file: String
        var layout: SurveyLayout
        var delimiter: String
        var headerRows = 1
        var spec: String
        var setAside: [String: Int] = [:]
        var testDescription: String { file }
    }

    static func questions(_ columns: [String], improved: [String], exclude: [String: String], blank: [String] = [""]) -> String {
        let q = columns.map { c -> String in
            let col = Int(c).map(String.init) ?? "\"\(c)\""
            let ex = exclude.map { "\"\($0.key.replacingOccurrences(of: "'", with: "\\u0027"))\": \"\($0.value)\"" }.joined(separator: ", ")
            return "{\"col\": \(col), \"improved\": [\(improved.map { "\"\($0)\"" }.joined(separator: ", "))], \"exclude\": {\(ex)}, \"blank\": [\(blank.map { "\"\($0)\"" }.joined(separator: ", "))]}"
        }
        return "[\(q.joined(separator: ", "))]"
    }

    static let labels = (improved: ["Improved", "Much improved"], exclude: ["Don't know": "dont_know", "Not applicable": "not_applicable"])
    static let names = (improved: ["improved", "much_improved"], exclude: ["dont_know": "dont_know", "not_applicable": "not_applicable"])

    static let samples: [Sample] = [
        Sample(file: "limesurvey-codes.csv", layout: .limeSurvey, delimiter: ",",
               spec: "{\"empty\": [\"submitdate\"], \"questions\": \(questions(subs.map { "CHG[\($0)]" }, improved: ["A4", "A5"], exclude: ["DK": "dont_know", "NA": "not_applicable"]))}",
               setAside: ["incomplete": 1]),
        Sample(file: "limesurvey-fulltext-labels.csv", layout: .limeSurvey, delimiter: ";",
               spec: "{\"empty\": [\"Date submitted\"], \"questions\": \(questions((10...16).map(String.init), improved: labels.improved, exclude: labels.exclude, blank: ["", "N/A"]))}",
               setAside: ["incomplete": 1]),
        Sample(file: "kobo.csv", layout: .kobo, delimiter: ";",
               spec: "{\"skip\": [[\"_validation_status\", [\"validation_status_not_approved\"]]], \"questions\": \(questions(subs.map { "change/CHG_\($0)" }, improved: names.improved, exclude: names.exclude))}",
               setAside: ["not_approved": 1]),
        Sample(file: "odk-central.csv", layout: .odkCentral, delimiter: ",",
               spec: "{\"skip\": [[\"ReviewState\", [\"rejected\"]]], \"questions\": \(questions(subs.map { "change-CHG_\($0)" }, improved: names.improved, exclude: names.exclude))}",
               setAside: ["rejected": 1]),
        Sample(file: "surveymonkey.csv", layout: .surveyMonkey, delimiter: ",", headerRows: 2,
               spec: "{\"questions\": \(questions((12...18).map(String.init), improved: labels.improved, exclude: labels.exclude))}"),
        Sample(file: "plain.csv", layout: .csv, delimiter: ",",
               spec: "{\"questions\": \(questions(subs.map { "CHG_\($0)" }, improved: ["4", "5"], exclude: ["98": "dont_know", "99": "not_applicable"]))}"),
    ]

    @Test(arguments: samples) func sampleMatchesPeerCounts(_ sample: Sample) throws {
        let path = SurveyTestBed.sample(sample.file)
        let peer = try SurveyTestBed.peerCounts(path, delimiter: sample.delimiter, headerRows: sample.headerRows, spec: sample.spec)
        let instrument = try SurveyInstrument.load(path: SurveyTestBed.shipped("chm-user-survey.toml"))
        let ws = try bed.workspace()
        let outcome = try SurveyImport.run(file: path, instrument: instrument, workspace: ws)
        #expect(outcome.layout == sample.layout)
        #expect(outcome.detected)
        #expect(outcome.batch.rejects == 0, "\(outcome.ingest.firstRejects)")
        #expect(outcome.stored == peer["stored"])
        #expect(outcome.setAside == sample.setAside)
        #expect(outcome.setAside.values.reduce(0, +) == peer["aside"])
        #expect(outcome.batch.rows == peer["stored"]! * 7)
        #expect(try bed.storedCounts(ws) == SurveyTestBed.answerCounts(peer))
        #expect(outcome.improved == peer["improved"])

        // Respondent 1 (Kenya, Party focal point) answered on 2 March 2026 at 09:41:19 UTC in every sample.
        let first = try bed.query(ws, "SELECT DISTINCT user_group, country, region, submitted FROM responses WHERE country = 'KE'")
        #expect(first == [[.string("Party focal point"), .string("KE"), .string("African States"),
                           .timestamp(CivilTime.timestamp(year: 2026, month: 3, day: 2, hour: 9, minute: 41, second: 19))]])
        // The value question is tagged with the objective the indicators count.
        #expect(try bed.count(ws, "question = 'value' AND objective = 'value_added'") == peer["stored"])
        let groups = try bed.query(ws, "SELECT DISTINCT user_group FROM responses ORDER BY user_group").map { $0[0] }
        #expect(groups == ["Academia and research", "IGO", "Industry", "NGO", "Other", "Party focal point", "Regional centre"].map { Value.string($0) })
        #expect(try bed.count(ws, "region = 'Asia-Pacific States'") == 2 * 7)
    }

    @Test func limeSurveyKeepsStartLanguageAndScores() throws {
        let instrument = try SurveyInstrument.load(path: SurveyTestBed.shipped("chm-user-survey.toml"))
        let ws = try bed.workspace()
        _ = try SurveyImport.run(file: SurveyTestBed.sample("limesurvey-codes.csv"), instrument: instrument, workspace: ws)
        let languages = try bed.query(ws, "SELECT DISTINCT language FROM responses ORDER BY language").map { $0[0] }
        #expect(languages == ["ar", "en", "es", "fr", "ru", "zh"].map { Value.string($0) })
        // Respondent 1's value answer is A5: the fifth substantive point, improved.
        let row = try bed.query(ws, "SELECT answer, score, improved FROM responses WHERE response = '1' AND question = 'value'")
        #expect(row == [[.string("A5"), .float(5), .bool(true)]])
        // Respondent 1's timeliness answer is "don't know": no score, no improvement.
        let dk = try bed.query(ws, "SELECT answer, score, improved, exclusion FROM responses WHERE response = '1' AND question = 'timely'")
        #expect(dk == [[.string("DK"), .null, .null, .string("dont_know")]])
    }

    @Test func oneInstrumentServesEveryLayout() throws {
        // The same answers, whichever tool wrote them: stored rows agree across layouts.
        let instrument = try SurveyInstrument.load(path: SurveyTestBed.shipped("chm-user-survey.toml"))
        var seen: [[[Value]]] = []
        for sample in ["limesurvey-codes.csv", "kobo.csv", "odk-central.csv", "surveymonkey.csv", "plain.csv", "limesurvey-fulltext-labels.csv"] {
            let bed = try SurveyTestBed()
            let ws = try bed.workspace()
            _ = try SurveyImport.run(file: SurveyTestBed.sample(sample), instrument: instrument, workspace: ws)
            seen.append(try bed.query(ws, "SELECT country, question, answer, score, improved, exclusion FROM responses ORDER BY country, question"))
        }
        for other in seen.dropFirst() { #expect(other == seen[0]) }
    }
}
