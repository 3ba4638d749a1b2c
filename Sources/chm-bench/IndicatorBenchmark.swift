import ArgumentParser
import Columnar
import Evaluation
import Foundation
import Store

/// `chm-bench indicators`: every indicator for every period of a workspace
/// (the demo's), computed the way `chm indicators` does — one pass per table
/// and grouping — against one computation per indicator and period.
struct IndicatorBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Time all indicators for all periods of a workspace: fused passes against one query per indicator and period."
    )

    @Option(help: "The workspace (build it with chm demo).")
    var db = (NSHomeDirectory() as NSString).appendingPathComponent("chm-demo/chm.db")

    @Option(help: "The indicator catalogue.")
    var indicators = "Indicators"

    @Option(help: "Timed runs after a warm-up; the median is reported.")
    var runs = 5

    @Flag(help: "Skip the one-query-per-indicator-and-period comparison (slow).")
    var fusedOnly = false

    func run() throws {
        let catalogue = try Catalogue.load(directory: indicators)
        let schedule = Schedule()
        let first = try Workspace.open(path: db, create: false)
        let asOf = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: first).asOf
        // The periods `chm indicators` computes when none is named.
        let periods = try IndicatorRequest(periods: [], objectives: [], indicators: [], catalogue: catalogue, schedule: schedule, asOf: asOf).periods
        let rows = try ["hits", "traffic", "responses", "contributions"].map { t in
            "\(t) \((try first.table(named: t))?.rowCount ?? 0)"
        }.joined(separator: ", ")
        print("workspace: \(db) (\(rows)); \(catalogue.indicators.count) indicators × \(periods.count) periods")

        // A fresh memo every run: no query result is reused between runs.
        func compute(_ workspace: Workspace, _ breakdowns: IndicatorComputation.Breakdowns) throws -> Int {
            try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: workspace)
                .compute(periods: periods, breakdowns: breakdowns).count
        }
        var values = 0
        for (label, breakdowns) in [("totals", IndicatorComputation.Breakdowns.totals), ("with breakdowns", .defaults)] {
            // Cold: the workspace opened anew, so every segment is read and decoded, as in `chm indicators`.
            let cold = try Timing.median(runs) { values = try compute(try Workspace.open(path: db, create: false), breakdowns) }
            // Warm: decoded segments cached, as in `chm shell` or a report after the indicators.
            let warm = try Timing.median(runs) { values = try compute(first, breakdowns) }
            print(String(format: "all indicators, all periods, %-16@ cold %7.3f s, warm %7.3f s  (%d values)", label as NSString, cold, warm, values))
        }
        guard !fusedOnly else { return }
        let computation = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: first)
        let separate = try Timing.median(1) {
            for i in catalogue.indicators {
                for p in periods { _ = try computation.compute(periods: [p], indicators: [i], breakdowns: .totals) }
            }
        }
        let fused = try Timing.median(1) { values = try compute(first, .totals) }
        print(String(format: "one computation per indicator and period:      %7.3f s  (%.1f× the fused totals, warm)", separate, separate / fused))
    }
}
