import ArgumentParser
import Columnar
import Foundation
import Ingest

/// `chm ingest traffic FILE… --site NAME`: analytics exports into `traffic`.
struct IngestTrafficCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traffic",
        abstract: "Ingest Matomo or Google Analytics 4 CSV exports into the traffic table, one batch per file.",
        discussion: """
        Matomo: the Visits Summary (or API.get) report, or the Pages or Downloads report, exported
        as CSV over several periods (a date column: 2024-03-05, 2024-03, 2024 or a week).
        GA4: a CSV download with a Date (YYYYMMDD), Year month or Year column and Sessions,
        Total users / Active users, Views, or file_download / view_search_results event counts.
        Each row is stored with its period (day, week, month, year): sum one period at a time.
        Example:
          chm ingest traffic visits-summary-2009.csv --site chm.example.org --db chm.db
        """
    )

    @Argument(help: "Analytics exports (.csv, optionally .gz; - for standard input).")
    var files: [String]

    @Option(help: ArgumentHelp("The site the exports are about (stored in traffic.site).", valueName: "name"))
    var site: String

    @Option(help: ArgumentHelp("The tool that wrote the export: matomo or ga4 (detected when omitted).", valueName: "layout"))
    var layout: String?

    @Option(help: ArgumentHelp("For Matomo: summary, pages or downloads (detected when omitted).", valueName: "report"))
    var report: String?

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var batch: BatchOptions

    func run() throws {
        try reportingErrors {
            var options = TrafficImport.Options(site: site)
            options.ingest = batch.ingest
            if let layout {
                guard let l = TrafficLayout(rawValue: layout.lowercased()) else { throw CommandFailure("--layout takes matomo or ga4, got \(layout)") }
                options.layout = l
            }
            if let report {
                guard let r = MatomoReport(rawValue: report.lowercased()) else { throw CommandFailure("--report takes summary, pages or downloads, got \(report)") }
                options.report = r
            }
            let store = try workspace.open(create: true)
            for file in files {
                let started = Date()
                let outcome = try TrafficImport.run(file: file, workspace: store, options: options)
                for w in outcome.warnings where !outcome.ingest.skipped { note("\(file): warning: \(w)") }
                guard batch.report(outcome.ingest, file: file) else { continue }
                let stored = outcome.ingest.batch
                let kind = [outcome.layout?.rawValue, outcome.report?.rawValue].compactMap { $0 }.joined(separator: " ")
                note("Ingested \(stored.rows) periods from \(file) (\(kind), batch \(stored.id), \(stored.rejects) rejected) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
            }
        }
    }
}
