import ArgumentParser

/// `chm-bench`: measures chm against its peers on the same data in one run.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chm-bench",
        abstract: "Benchmarks of chm against DuckDB, SQLite and GoAccess.",
        subcommands: [EngineBenchmark.self, IngestBenchmark.self, IndicatorBenchmark.self, ReportBenchmark.self],
        defaultSubcommand: EngineBenchmark.self
    )
}
