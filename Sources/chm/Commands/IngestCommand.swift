import ArgumentParser

/// `chm ingest KIND FILE…`: the domain importers, one batch per file.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest web statistics, survey results and contribution logs, one batch per file.",
        subcommands: [IngestWebCommand.self, IngestTrafficCommand.self, IngestSurveyCommand.self, IngestContributionsCommand.self]
    )
}
