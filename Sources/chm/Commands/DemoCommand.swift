import ArgumentParser
import Demo
import Evaluation
import Foundation

/// `chm demo`: builds the demonstration workspace.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a realistic demo workspace for 2006–2027: sources written as the tools write them, ingested, indicators computed.",
        discussion: """
        Writes DIR/sources/ (access logs, Matomo exports, LimeSurvey and KoBoToolbox survey exports, contribution logs), \
        ingests them through the same importers as chm ingest into DIR/chm.db, and computes every indicator for every \
        cycle, phase and evaluation (saved as a run), then writes the baseline, mid-term and major evaluations and the \
        COP information document as PDF in English and another language into DIR/reports/. The same seed gives the same workspace.

        Example:
          chm demo --dir ~/chm-demo && chm indicators --db ~/chm-demo/chm.db --period major-5
        """
    )

    @Option(help: ArgumentHelp("The folder to build in (default: chm-demo in your home folder).", valueName: "dir"))
    var dir = (NSHomeDirectory() as NSString).appendingPathComponent("chm-demo")

    @Option(help: ArgumentHelp("Web traffic multiplier (1 ≈ a million log lines a year).", valueName: "x"))
    var scale = 1.0

    @Option(help: ArgumentHelp("Seed of the generator.", valueName: "n"))
    var seed: UInt64 = 2006

    @Flag(help: "Keep the generated access logs (several gigabytes at scale 1).")
    var keepLogs = false

    @Option(help: ArgumentHelp("Languages of the reports besides English (comma-separated: fr, es, ru, ar, zh).", valueName: "ids"))
    var languages = "fr"

    @Flag(help: "Rebuild when DIR/chm.db exists.")
    var force = false

    @OptionGroup var catalogue: CatalogueOptions
    @OptionGroup var schedule: ScheduleOptions

    func run() throws {
        try reportingErrors {
            guard scale > 0, scale <= 20 else { throw CommandFailure("--scale must be above 0 and at most 20") }
            let indicators = try catalogue.locate()
            let surveys = try ProjectDirectory.surveys.locate()
            var options = DemoBuild.Options(directory: dir, instrument: (surveys as NSString).appendingPathComponent("chm-user-survey.toml"),
                                            indicators: indicators)
            options.scale = scale
            options.seed = seed
            options.keepLogs = keepLogs
            options.force = force
            options.schedule = try schedule.load(indicators: indicators)
            options.reports = try ProjectDirectory.reports.locate()
            options.languages = ["en"] + languages.split(separator: ",").map(String.init).filter { $0 != "en" }
            let started = Date()
            let summary = try DemoBuild.run(options) { note($0) }
            let rows = summary.rows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            note(String(format: "built %@ in %.1f s: %@; indicator run %lld (%d values)", summary.workspace,
                        Date().timeIntervalSince(started), rows, summary.run, summary.values))
            for r in summary.reports { note("  \(r)") }
            note("try: chm indicators --db \(summary.workspace) --period major-5")
        }
    }
}
