import Columnar
import Evaluation
import Foundation
import Ingest
import Reporting
import Store

/// `chm demo`: writes a realistic, deterministic clearing-house history
/// (2006–2027) as the files its sources produce — access logs, analytics
/// exports, survey exports, contribution logs — then ingests them through
/// the same importers a user runs and computes the indicators.
public enum DemoBuild {
    /// What to build.
    public struct Options: Sendable {
        /// The folder; the workspace is `dir/chm.db`, the source files go to `dir/sources/`.
        public var directory: String
        /// Multiplies the web traffic (1 ≈ a million log lines a year).
        public var scale = 1.0
        /// The seed; the same seed gives the same files and numbers.
        public var seed: UInt64 = 2006
        /// Keep the raw access logs (several gigabytes at scale 1) after ingesting them.
        public var keepLogs = false
        /// Replace an existing demo workspace in the folder.
        public var force = false
        /// The survey instrument the exports are written for (`Surveys/chm-user-survey.toml`).
        public var instrument: String
        /// The indicator catalogue folder.
        public var indicators: String
        /// The schedule.
        public var schedule = Schedule()
        /// The report templates and locales (`Reports/`); no reports are written when nil.
        public var reports: String?
        /// Languages the evaluations are written in (English and one more by default).
        public var languages = ["en", "fr"]

        /// Options for a folder, with the project's instrument and catalogue.
        public init(directory: String, instrument: String, indicators: String) {
            self.directory = directory
            self.instrument = instrument
            self.indicators = indicators
        }
    }

    /// What was built.
    public struct Summary: Sendable {
        /// The workspace file.
        public var workspace: String
        /// Batches ingested per table.
        public var batches: [String: Int] = [:]
        /// Rows stored per table.
        public var rows: [String: Int] = [:]
        /// Access-log lines written.
        public var logLines = 0
        /// The saved indicator run.
        public var run: Int64 = 0
        /// Indicator values computed.
        public var values = 0
        /// Seconds per step, in order.
        public var steps: [(String, Double)] = []
        /// Report files written.
        public var reports: [String] = []
    }

    /// Builds the demo.
    /// - Parameter progress: receives one line per step.
    /// - Throws: ``DemoError``, or the importers' and store's errors.
    public static func run(_ options: Options, progress: (String) -> Void = { _ in }) throws -> Summary {
        let fm = FileManager.default
        let dir = options.directory
        let sources = (dir as NSString).appendingPathComponent("sources")
        let dbPath = (dir as NSString).appendingPathComponent("chm.db")
        if fm.fileExists(atPath: dbPath) {
            guard options.force else { throw DemoError("\(dbPath) exists; pass --force to build the demo again") }
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: dbPath + suffix) }
        }
        for sub in ["logs", "analytics", "surveys", "contributions"] {
            try fm.createDirectory(atPath: (sources as NSString).appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        var summary = Summary(workspace: dbPath)
        var clock = Date()
        func step(_ name: String) {
            let now = Date()
            summary.steps.append((name, now.timeIntervalSince(clock)))
            progress(String(format: "%-34@ %6.1f s", name as NSString, now.timeIntervalSince(clock)))
            clock = now
        }
        let workspace = try Workspace.initialise(path: dbPath).workspace
        let timeline = DemoTimeline()
        let reference = try CountryReference.shipped()
        var random = SeededRandom(seed: options.seed, stream: "network")
        let network = DemoNetwork(reference: reference, timeline: timeline, random: &random)
        var ingest = IngestOptions()
        ingest.showProgress = false

        // Contribution logs, one file per year.
        let contributions = ContributionLogWriter(network: network, timeline: timeline)
        for year in timeline.years {
            var r = SeededRandom(seed: options.seed, stream: "contributions-\(year)")
            let path = "\(sources)/contributions/contributions-\(year).csv"
            try write(contributions.log(year: year, random: &r), to: path)
            try count(ContributionImport.run(file: path, workspace: workspace, options: ingest), table: "contributions", into: &summary)
        }
        step("contribution logs (\(timeline.years.count) files)")

        // Analytics exports for the years before raw logs.
        let visitsPerDay = 160 * options.scale
        let analytics = AnalyticsExportWriter(timeline: timeline, visitsPerDay: visitsPerDay)
        var traffic = TrafficImport.Options(site: "chm.example.org")
        traffic.ingest = ingest
        for year in timeline.exportYears {
            var r = SeededRandom(seed: options.seed, stream: "analytics-\(year)")
            let path = "\(sources)/analytics/matomo-visits-summary-\(year).csv"
            try write(analytics.export(year: year, random: &r), to: path)
            try count(TrafficImport.run(file: path, workspace: workspace, options: traffic).ingest, table: "traffic", into: &summary)
        }
        step("analytics exports (\(timeline.exportYears.count) files)")

        // Surveys: LimeSurvey online, KoBoToolbox at workshops.
        let instrument = try SurveyInstrument.load(path: options.instrument)
        let surveys = SurveyExportWriter(network: network, timeline: timeline)
        var surveyOptions = SurveyImport.Options()
        surveyOptions.ingest = ingest
        for s in timeline.surveys {
            var r = SeededRandom(seed: options.seed, stream: s.id)
            let all = surveys.respondents(s, random: &r)
            var online: [SurveyExportWriter.Respondent] = [], workshop: [SurveyExportWriter.Respondent] = []
            for a in all { if r.chance(0.7) { online.append(a) } else { workshop.append(a) } }
            let lime = "\(sources)/surveys/\(s.id)-limesurvey.csv", kobo = "\(sources)/surveys/\(s.id)-kobo.csv"
            try write(surveys.limeSurvey(online, random: &r), to: lime)
            try write(surveys.kobo(workshop, random: &r), to: kobo)
            for path in [lime, kobo] {
                try count(SurveyImport.run(file: path, instrument: instrument, workspace: workspace, options: surveyOptions).ingest,
                          table: "responses", into: &summary)
            }
        }
        step("survey exports (\(timeline.surveys.count * 2) files)")

        // Access logs: generated a year ahead on a second core while the previous year is ingested.
        let writer = AccessLogWriter(timeline: timeline, countries: network.parties, visitsPerDay: visitsPerDay)
        let geoPath = "\(sources)/logs/geoip.csv"
        try write(writer.geoTable(), to: geoPath)
        var web = WebLogImport.Options()
        web.ingest = ingest
        web.site = "chm.example.org"
        web.geo = try GeoTable(path: geoPath)
        web.documentRules = SitePaths.documentFolders.map { DocumentRule(prefix: "/documents/\($0.0)/", category: $0.1) }
        let years = Array(timeline.logYears)
        let pipeline = LogPipeline(years: years) { year in
            var r = SeededRandom(seed: options.seed, stream: "log-\(year)")
            let path = "\(sources)/logs/access-\(year).log"
            return (path, try writer.write(year: year, to: path, random: &r))
        }
        for year in years {
            let (path, lines) = try pipeline.wait(for: year)
            summary.logLines += lines
            try count(WebLogImport.run(file: path, workspace: workspace, options: web).ingest, table: "hits", into: &summary)
            if !options.keepLogs { try? fm.removeItem(atPath: path) }
        }
        step("access logs (\(years.count) years, \(summary.logLines) lines)")

        // Indicators for every cycle, phase and evaluation, saved as a run.
        let catalogue = try Catalogue.load(directory: options.indicators)
        let computation = try IndicatorComputation(catalogue: catalogue, schedule: options.schedule, catalog: workspace)
        let periods = options.schedule.periods.filter { $0.start < computation.asOf && $0.end > CivilTime.timestamp(year: timeline.firstYear, month: 1, day: 1) }
        // Planned as the reports plan theirs: the reports then find every statement they run in the memo.
        let values = try computation.compute([.init(periods: periods, breakdowns: .defaults,
                                                    passes: .defaultsAnd(ReportRenderer.breakdownDimensions))])[0]
        summary.run = try RunStore.save(values, periods: periods, computation: computation, workspace: workspace).run
        summary.values = values.count
        step("indicators (\(catalogue.indicators.count) × \(periods.count) periods)")

        if let reports = options.reports {
            summary.reports = try writeReports(values: values, catalogue: catalogue, workspace: workspace, reports: reports, options: options,
                                               memo: computation.memo)
            step("reports (\(summary.reports.count) PDF files)")
        }
        return summary
    }

    /// The baseline, the last phase's mid-term and major evaluations and the
    /// COP information document, in each language, with drafted judgements.
    private static func writeReports(values: [IndicatorValue], catalogue: Catalogue, workspace: Workspace, reports: String,
                                     options: Options, memo: QueryMemo) throws -> [String] {
        let dir = (options.directory as NSString).appendingPathComponent("reports")
        let judgements = (options.directory as NSString).appendingPathComponent("judgements")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: judgements, withIntermediateDirectories: true)
        let last = options.schedule.phases.last { $0.end <= CivilTime.timestamp(year: DemoTimeline().lastYear + 1, month: 1, day: 1) }
        let number = last?.id.split(separator: "-").last.map(String.init) ?? "5"
        let documents = [("baseline", "baseline"), ("mid-term", "mid-term-\(number)"), ("major", "major-\(number)"), ("cop-inf", "major-\(number)")]
        var writer = JudgementWriter(catalogue: catalogue)
        for language in JudgementWriter.languages.dropFirst() {
            guard let locale = try? ReportLocale.load(directory: (reports as NSString).appendingPathComponent("locales"), id: language) else { continue }
            writer.titles[language] = Dictionary(uniqueKeysWithValues: catalogue.objectives.map { ($0.id, locale.text("objective.\($0.id)")) })
        }
        var written: [String] = []
        for (kind, evaluation) in documents {
            guard let period = options.schedule.period(id: evaluation) else { continue }
            let judgement = (judgements as NSString).appendingPathComponent("\(evaluation).toml")
            // A judgement the demo drafted is drafted again from the new values; one an evaluator edited is kept.
            let drafted = (try? String(contentsOfFile: judgement, encoding: .utf8))?.hasPrefix(JudgementWriter.marker) ?? true
            if drafted {
                let date = CivilTime.format(period.end - 86_400).prefix(10)
                let surveys = DemoTimeline().surveys.filter { $0.opens >= period.start && $0.opens < period.end }
                let invited = surveys.isEmpty ? nil : surveys.map(\.invited).reduce(0, +)
                try write(writer.judgement(for: period, values: values, date: String(date), surveyInvitations: invited), to: judgement)
            }
            var settings = ReportSettings(reportsDirectory: reports, indicatorsDirectory: options.indicators, judgementPath: judgement)
            settings.sourceDateEpoch = settings.sourceDateEpoch ?? period.end
            // The workspace has not changed since the indicators were computed: reuse their queries.
            settings.memo = memo
            if kind == "cop-inf" { settings.masthead = try nextMeeting(after: period, reports: reports) }
            for language in options.languages {
                let output = (dir as NSString).appendingPathComponent("\(kind)-\(evaluation)-\(language).pdf")
                _ = try ReportRenderer.render(kind: kind, evaluation: evaluation, language: language, format: .pdf, output: output,
                                              catalog: workspace, settings: settings)
                written.append(output)
            }
        }
        return written
    }

    /// The COP template's masthead moved on to the first meeting after the
    /// evaluated phase: the Conferences meet every two years, so the
    /// template's session and dates move on by whole two-year steps.
    static func nextMeeting(after period: Period, reports: String) throws -> ReportTemplate.MastheadSpec? {
        guard let masthead = try ReportTemplate.load(directory: reports, kind: "cop-inf").masthead,
              let first = masthead.meetings.first, let startYear = Int(first.start.prefix(4)) else { return nil }
        let lastYear = CivilTime.date(days: CivilTime.day(of: period.end - 1)).year
        let steps = max(0, (lastYear + 1 - startYear + 1) / 2)
        return masthead.movedOn(sessions: steps, years: 2 * steps)
    }

    private static func write(_ text: String, to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch { throw DemoError("cannot write \(path): \(error)") }
    }

    private static func count(_ outcome: IngestOutcome, table: String, into summary: inout Summary) throws {
        summary.batches[table, default: 0] += 1
        summary.rows[table, default: 0] += outcome.batch.rows
    }
}
