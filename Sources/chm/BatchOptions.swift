import ArgumentParser
import Columnar
import Ingest

/// `--force` and `--max-reject-rate`: how every `chm ingest` command treats
/// a file it has seen before and a file with bad lines.
struct BatchOptions: ParsableArguments {
    @Flag(help: "Ingest even if this file was ingested before.")
    var force = false

    @Option(help: ArgumentHelp("Largest share of rejected lines (or respondent rows) before a file's batch fails.", valueName: "rate"))
    var maxRejectRate = 0.01

    /// The importers' options.
    var ingest: IngestOptions {
        var options = IngestOptions()
        options.force = force
        options.maxRejectRate = maxRejectRate
        return options
    }

    /// Prints that `file` was skipped, or its first rejected lines.
    /// - Returns: false when the file was already ingested and nothing was done.
    func report(_ outcome: IngestOutcome, file: String) -> Bool {
        if outcome.skipped {
            note("\(file): already ingested as batch \(outcome.batch.id) on \(CivilTime.format(outcome.batch.endedAt)) UTC; nothing done (use --force to ingest it again)")
            return false
        }
        for r in outcome.firstRejects { note("\(file):\(r.line): rejected: \(r.reason)") }
        return true
    }
}
