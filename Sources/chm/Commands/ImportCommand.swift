import ArgumentParser
import Columnar
import Foundation
import Ingest

/// `chm import TABLE FILE.csv`: a generic CSV import, as one batch.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV file (header row, types inferred) into a table, as one batch.",
        discussion: """
        The table is created if absent; new columns are added to an existing table.
        A file already imported into the table (same SHA-256) is skipped unless --force.
        Example:
          chm import hits Tests/Samples/web-hits.csv --type status=int
        """
    )

    @Argument(help: "The table to import into.")
    var table: String

    @Argument(help: "The CSV file.")
    var file: String

    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .customLong("type"), help: ArgumentHelp("Force a column's type: int, float, bool, date, timestamp or string (repeatable).", valueName: "column=type"))
    var types: [String] = []

    @Option(help: ArgumentHelp("Field separator (detected when omitted): a character, or 'tab'.", valueName: "char"))
    var delimiter: String?

    @Flag(help: "Import even if this file was imported into the table before.")
    var force = false

    @Option(help: ArgumentHelp("Largest share of rejected lines before the batch fails.", valueName: "rate"))
    var maxRejectRate = 0.01

    func run() throws {
        try reportingErrors {
            var options = CSVImport.Options()
            options.ingest.force = force
            options.ingest.maxRejectRate = maxRejectRate
            for t in types {
                let parts = t.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let type = DataType(name: parts[1]) else {
                    throw CommandFailure("--type takes column=int|float|bool|date|timestamp|string, got \(t)")
                }
                options.types[parts[0]] = type
            }
            if let delimiter {
                let d = delimiter == "tab" || delimiter == "\\t" ? "\t" : delimiter
                guard d.utf8.count == 1 else { throw CommandFailure("--delimiter takes one character, got \(delimiter)") }
                options.delimiter = d.utf8.first
            }
            let started = Date()
            let outcome = try CSVImport.run(file: file, into: table, workspace: try workspace.open(create: true), options: options)
            if outcome.skipped {
                note("\(file): already imported into \(table) as batch \(outcome.batch.id) on \(CivilTime.format(outcome.batch.endedAt)) UTC; nothing done (use --force to import it again)")
                return
            }
            for r in outcome.firstRejects { note("\(file):\(r.line): rejected: \(r.reason)") }
            let seconds = Date().timeIntervalSince(started)
            let columns = outcome.columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
            note("Imported \(outcome.batch.rows) rows into \(table) (batch \(outcome.batch.id), \(outcome.batch.rejects) rejected) in \(String(format: "%.2f", seconds)) s\ncolumns: \(columns)")
        }
    }
}
