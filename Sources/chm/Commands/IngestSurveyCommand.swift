import ArgumentParser
import Columnar
import Foundation
import Ingest

/// `chm ingest survey --instrument Surveys/NAME.toml FILE…`: survey exports
/// into the `responses` table, one batch per file.
struct IngestSurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Ingest survey exports (LimeSurvey, KoBoToolbox, ODK, SurveyMonkey, CSV) through an instrument into the responses table.",
        discussion: """
        The instrument (TOML) maps the export's columns onto responses: one row per
        answered question with its objective, answer code, score, whether it counts as
        improved, and why it is excluded (dont_know, not_applicable, refused, blank).
        The layout is detected from the header unless --layout is given.
        Example:
          chm ingest survey --instrument Surveys/chm-user-survey.toml Surveys/samples/limesurvey-codes.csv
        """
    )

    @Option(help: ArgumentHelp("The survey instrument (TOML).", valueName: "path"))
    var instrument: String

    @Argument(help: "The export files (CSV; .gz and - for stdin accepted).")
    var files: [String]

    @Option(help: ArgumentHelp("The export's layout: \(SurveyLayout.allCases.map(\.rawValue).joined(separator: ", ")) (detected when omitted).", valueName: "layout"))
    var layout: String?

    @Option(help: ArgumentHelp("Field separator (the instrument's, else detected): a character, or 'tab'.", valueName: "char"))
    var delimiter: String?

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var batch: BatchOptions

    func run() throws {
        try reportingErrors {
            let loaded = try SurveyInstrument.load(path: instrument)
            var options = SurveyImport.Options()
            options.ingest = batch.ingest
            if let layout {
                guard let l = SurveyLayout(rawValue: layout.lowercased()) else {
                    throw CommandFailure("--layout takes one of \(SurveyLayout.allCases.map(\.rawValue).joined(separator: ", ")), got \(layout)")
                }
                options.layout = l
            }
            if let delimiter {
                let d = delimiter == "tab" || delimiter == "\\t" ? "\t" : delimiter
                guard d.utf8.count == 1 else { throw CommandFailure("--delimiter takes one character, got \(delimiter)") }
                options.delimiter = d.utf8.first
            }
            let ws = try workspace.open(create: true)
            for file in files {
                let outcome = try SurveyImport.run(file: file, instrument: loaded, workspace: ws, options: options)
                guard batch.report(outcome.ingest, file: file) else { continue }
                let aside = outcome.setAside.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                let excluded = outcome.answers.filter { $0.key != "valid" }.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                note("""
                \(file): \(outcome.layout.toolName) export\(outcome.detected ? " (detected)" : ""), instrument \(loaded.id)
                respondents: \(outcome.respondents) read, \(outcome.stored) stored, \(outcome.batch.rejects) rejected\(aside.isEmpty ? "" : ", set aside: \(aside)")
                answers: \(outcome.batch.rows) rows (batch \(outcome.batch.id)): \(outcome.answers["valid", default: 0]) valid, \(outcome.improved) improved\(excluded.isEmpty ? "" : "; excluded: \(excluded)")
                """)
            }
        }
    }
}
