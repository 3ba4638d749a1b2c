import Columnar
@testable import Demo
import Evaluation
import Foundation
import Ingest
import Reporting
import Store
import Testing

/// The demo's generated sources are what the importers expect, and the
/// same seed gives the same files.
@Suite struct DemoSourceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func scratch(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chm-demo-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func network(seed: UInt64 = 1) throws -> DemoNetwork {
        var r = SeededRandom(seed: seed, stream: "network")
        return DemoNetwork(reference: try CountryReference.shipped(), timeline: DemoTimeline(), random: &r)
    }

    func quiet() -> IngestOptions {
        var o = IngestOptions()
        o.showProgress = false
        return o
    }

    @Test func sameSeedSameLogDifferentSeedDifferentLog() throws {
        let writer = ContributionLogWriter(network: try network(), timeline: DemoTimeline())
        var a = SeededRandom(seed: 1, stream: "contributions-2015"), b = SeededRandom(seed: 1, stream: "contributions-2015")
        var c = SeededRandom(seed: 2, stream: "contributions-2015")
        let first = writer.log(year: 2015, random: &a)
        #expect(first == writer.log(year: 2015, random: &b))
        #expect(first != writer.log(year: 2015, random: &c))
    }

    @Test func contributionLogIngestsWholeWithItsKinds() throws {
        let dir = try scratch("contributions")
        let writer = ContributionLogWriter(network: try network(), timeline: DemoTimeline())
        var r = SeededRandom(seed: 3, stream: "contributions-2011")
        let text = writer.log(year: 2011, random: &r)
        let path = dir + "/contributions-2011.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let ws = try Workspace.open(path: dir + "/chm.db", create: true)
        let outcome = try ContributionImport.run(file: path, workspace: ws, options: quiet())
        #expect(outcome.batch.rejects == 0)
        // Kinds counted from the file itself: the second field of each line (ts and kind never hold commas).
        var expected: [String: Int] = [:]
        for line in text.split(separator: "\n").dropFirst() { expected[String(line.split(separator: ",")[1]), default: 0] += 1 }
        let result = try QueryEngine(catalog: ws).execute("SELECT kind, count(*) FROM contributions GROUP BY kind")
        var stored: [String: Int] = [:]
        for row in result.rows { stored[row[0].stringValue ?? ""] = Int(row[1].integerValue ?? 0) }
        #expect(stored == expected)
        #expect(expected["request", default: 0] > 0 && expected["member_joined", default: 0] > 0 && expected["mailing", default: 0] > 0)
    }

    @Test func surveyExportsInTwoLayoutsMapOntoTheInstrument() throws {
        let dir = try scratch("survey")
        let instrument = try SurveyInstrument.load(path: Self.repository.appendingPathComponent("Surveys/chm-user-survey.toml").path)
        let writer = SurveyExportWriter(network: try network(), timeline: DemoTimeline())
        let survey = DemoTimeline().surveys[3]
        var r = SeededRandom(seed: 4, stream: survey.id)
        let respondents = writer.respondents(survey, random: &r)
        let online = Array(respondents.prefix(respondents.count * 2 / 3)), workshop = Array(respondents.dropFirst(respondents.count * 2 / 3))
        try writer.limeSurvey(online, random: &r).write(toFile: dir + "/lime.csv", atomically: true, encoding: .utf8)
        try writer.kobo(workshop, random: &r).write(toFile: dir + "/kobo.csv", atomically: true, encoding: .utf8)
        let ws = try Workspace.open(path: dir + "/chm.db", create: true)
        var options = SurveyImport.Options()
        options.ingest = quiet()
        for file in ["lime.csv", "kobo.csv"] {
            let outcome = try SurveyImport.run(file: dir + "/" + file, instrument: instrument, workspace: ws, options: options)
            #expect(outcome.ingest.batch.rejects == 0, "\(file)")
        }
        // Improved = the top two points (codes 3 and 4 of the scale) among complete respondents.
        let complete = respondents.filter(\.complete)
        let improved = complete.reduce(0) { $0 + $1.answers.filter { $0 == 3 || $0 == 4 }.count }
        let valid = complete.reduce(0) { $0 + $1.answers.filter { ($0 ?? 9) <= 4 }.count }
        let row = try QueryEngine(catalog: ws).execute(
            "SELECT count(DISTINCT response), count(*) FILTER (WHERE improved), count(improved) FROM responses").rows[0]
        #expect(row[1].integerValue == Int64(improved))
        #expect(row[2].integerValue == Int64(valid))
        #expect(row[0].integerValue ?? 0 >= Int64(complete.count) - 1)
    }

    @Test func accessLogIngestsWithoutRejectsAndEveryVisitorHasACountry() throws {
        let dir = try scratch("log")
        let net = try network()
        let writer = AccessLogWriter(timeline: DemoTimeline(), countries: net.parties, visitsPerDay: 2)
        var r = SeededRandom(seed: 5, stream: "log-2015")
        let path = dir + "/access-2015.log"
        let lines = try writer.write(year: 2015, to: path, random: &r)
        try writer.geoTable().write(toFile: dir + "/geo.csv", atomically: true, encoding: .utf8)
        let ws = try Workspace.open(path: dir + "/chm.db", create: true)
        var options = WebLogImport.Options()
        options.ingest = quiet()
        options.geo = try GeoTable(path: dir + "/geo.csv")
        options.documentRules = SitePaths.documentFolders.map { DocumentRule(prefix: "/documents/\($0.0)/", category: $0.1) }
        let outcome = try WebLogImport.run(file: path, workspace: ws, options: options)
        #expect(outcome.ingest.batch.rejects == 0)
        #expect(outcome.ingest.batch.rows == lines)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == lines)
        let row = try QueryEngine(catalog: ws).execute("""
            SELECT count(*) FILTER (WHERE NOT is_bot AND country IS NULL), count(*) FILTER (WHERE is_bot),
                   count(*) FILTER (WHERE is_download AND doc_category IS NULL AND NOT is_bot), count(DISTINCT visit) FILTER (WHERE NOT is_bot),
                   year(min(ts)), year(max(ts))
            FROM hits
            """).rows[0]
        #expect(row[0].integerValue == 0)
        #expect(row[1].integerValue ?? 0 > 0)
        #expect(row[2].integerValue == 0)
        #expect(row[3].integerValue ?? 0 > 300)
        #expect(row[4].integerValue == 2015)
        #expect(row[5].integerValue == 2015)
    }

    @Test func surveysFallInTheirEvaluationPeriods() {
        let schedule = Schedule()
        for s in DemoTimeline().surveys {
            let p = schedule.period(id: s.evaluation)
            #expect(p != nil, "\(s.evaluation)")
            let mid = CivilTime.timestamp(year: s.year, month: 10, day: 1)
            #expect(p?.contains(mid) == true, "\(s.id) in \(s.evaluation)")
        }
    }

    @Test func summerTimeInTheLogsFollowsTheEuropeanRule() {
        // 2024: CEST from 31 March 01:00 UTC to 27 October 01:00 UTC.
        #expect(LogTime.offset(CivilTime.timestamp(year: 2024, month: 3, day: 31, hour: 0, minute: 59)) == 3_600)
        #expect(LogTime.offset(CivilTime.timestamp(year: 2024, month: 3, day: 31, hour: 1)) == 7_200)
        #expect(LogTime.offset(CivilTime.timestamp(year: 2024, month: 10, day: 27, hour: 0, minute: 59)) == 7_200)
        #expect(LogTime.offset(CivilTime.timestamp(year: 2024, month: 10, day: 27, hour: 1)) == 3_600)
        var b: [UInt8] = []
        LogTime.append(CivilTime.timestamp(year: 2024, month: 7, day: 4, hour: 22, minute: 5, second: 9), to: &b)
        #expect(String(decoding: b, as: UTF8.self) == "05/Jul/2024:00:05:09 +0200")
    }

    @Test func theCOPDocumentGoesToTheFirstMeetingAfterThePhase() throws {
        let reports = Self.repository.appendingPathComponent("Reports").path
        let schedule = Schedule()
        // The shipped template names COP.12 (2025); phase V ends with 2027, so the next meeting is two sessions on, in 2029.
        let major5 = try #require(schedule.period(id: "major-5"))
        let masthead = try #require(try DemoBuild.nextMeeting(after: major5, reports: reports))
        #expect(masthead.meetings.first?.session == 14)
        #expect(masthead.meetings.first?.start.hasPrefix("2029-") == true)
        #expect(masthead.symbols.first?.contains("COP.14/") == true)
        // Phase IV ends with 2023: COP.12 in 2025 is already the first meeting after it.
        let major4 = try #require(schedule.period(id: "major-4"))
        #expect(try DemoBuild.nextMeeting(after: major4, reports: reports)?.meetings.first?.session == 12)
    }
}
