import ArgumentParser

/// `chm`: measures how a clearing-house mechanism performs and writes the
/// evaluations that go to the Conference of the Parties.
@main
struct Chm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chm",
        abstract: "Measure a clearing-house mechanism: ingest web statistics, surveys and contributions; query them; compute the strategic plan's indicators.",
        discussion: "Every command that reads or writes a workspace takes --db PATH (default ./chm.db, or $CHM_DB).",
        version: "0.1.0",
        subcommands: [DemoCommand.self, InitCommand.self, IngestCommand.self, ImportCommand.self, QueryCommand.self, ShellCommand.self, IndicatorsCommand.self, RunsCommand.self, CheckCommand.self, ReportCommand.self, BatchesCommand.self, RejectsCommand.self]
    )
}
