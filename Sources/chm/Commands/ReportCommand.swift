import ArgumentParser
import Evaluation
import Foundation
import Reporting

/// `chm report KIND --evaluation ID`: writes an evaluation report or COP document.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an evaluation report or a COP information document as PDF or SVG.",
        discussion: """
        KIND names a template in Reports/: baseline, mid-term, major or cop-inf.
        Examples:
          chm report major --evaluation major-2 -o major-2.pdf
          chm report cop-inf --evaluation major-2 --lang fr
          chm report mid-term --evaluation mid-term-2 --format svg -o svg/mid-term.svg
        Dates in the document come from the data, or from $SOURCE_DATE_EPOCH: the same inputs give the same bytes.
        """
    )

    @Argument(help: "The template: baseline, mid-term, major, cop-inf (or any Reports/NAME.toml).")
    var kind: String

    @Option(help: ArgumentHelp("The evaluation: baseline, mid-term-N or major-N.", valueName: "id"))
    var evaluation: String

    @Option(name: .customLong("lang"), help: ArgumentHelp("Language: en, fr, es, ru, ar or zh.", valueName: "id"))
    var language = "en"

    @Option(help: ArgumentHelp("Output format: pdf or svg (one file per page and per chart).", valueName: "format"))
    var format = "pdf"

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file (default KIND-EVALUATION-LANG.pdf; for SVG the stem of every file).", valueName: "path"))
    var output: String?

    @Option(help: ArgumentHelp("The templates folder (with locales/ and judgements/).", valueName: "dir"))
    var reports = "Reports"

    @Option(help: ArgumentHelp("The indicator catalogue folder.", valueName: "dir"))
    var indicators = "Indicators"

    @Option(help: ArgumentHelp("The expert judgement file (default Reports/judgements/EVALUATION.toml when present).", valueName: "path"))
    var judgement: String?

    @Flag(help: "Print each indicator statement run, with its start, time and rows, then the render's stages, to stderr.")
    var profile = false

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        try reportingErrors {
            guard let format = ReportFormat(rawValue: format.lowercased()) else {
                throw CommandFailure("unknown format \(format); use pdf or svg")
            }
            let path = output ?? "\(kind)-\(evaluation)-\(language).\(format.rawValue)"
            var settings = ReportSettings(reportsDirectory: reports, indicatorsDirectory: indicators, judgementPath: judgement)
            settings.profile = profile ? QueryProfile() : nil
            settings.stages = profile ? ReportStages() : nil
            let outcome = try ReportRenderer.render(kind: kind, evaluation: evaluation, language: language, format: format, output: path,
                                                    catalog: try workspace.open(create: false), settings: settings)
            if let queries = settings.profile { note(queries.report()) }
            if let stages = settings.stages { note(stages.report()) }
            let files = outcome.files.count == 1 ? outcome.files[0] : "\(outcome.files.count) files (\(outcome.files[0]) …)"
            note("\(outcome.title): \(outcome.pages) pages, \(outcome.charts) charts → \(files)")
        }
    }
}
