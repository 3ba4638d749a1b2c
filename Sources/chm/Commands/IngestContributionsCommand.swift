import ArgumentParser
import Columnar
import Foundation
import Ingest

/// `chm ingest contributions FILE…`: contribution logs into `contributions`.
struct IngestContributionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contributions",
        abstract: "Ingest contribution logs (CSV or JSON Lines) into the contributions table, one batch per file.",
        discussion: """
        CSV: a header naming the columns (any order; ts, kind and actor required):
          ts,kind,actor,actor_category,country,region,sector,collective,topic,category,amount,ref,closed_ts
        JSON Lines: one object per line with the same keys.
        Bad lines are rejected with their line number and reason; see the README for the rules
        and the accepted kinds, actor categories, countries and regions.
        Example:
          chm ingest contributions log-2024.csv --db chm.db
        """
    )

    @Argument(help: "Contribution logs (.csv or .jsonl, optionally .gz; - for standard input).")
    var files: [String]

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var batch: BatchOptions

    func run() throws {
        try reportingErrors {
            let options = batch.ingest
            let store = try workspace.open(create: true)
            for file in files {
                let started = Date()
                let outcome = try ContributionImport.run(file: file, workspace: store, options: options)
                guard batch.report(outcome, file: file) else { continue }
                note("Ingested \(outcome.batch.rows) contributions from \(file) (batch \(outcome.batch.id), \(outcome.batch.rejects) rejected) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
            }
        }
    }
}
