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
        let workspace = try Workspace.open(path: db, create: false)
        let catalogue = try Catalogue.load(directory: indicators)
        let schedule = Schedule()
        let computation = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: workspace)
        let periods = schedule.periods.filter { $0.start < computation.asOf && $0.end > CivilTime.timestamp(year: 2006, month: 1, day: 1) }
        let rows = try ["hits", "traffic", "responses", "contributions"].map { t in
            "\(t) \((try workspace.table(named: t))?.rowCount ?? 0)"
        }.joined(separator: ", ")
        print("workspace: \(db) (\(rows)); \(catalogue.indicators.count) indicators × \(periods.count) periods")
        var values = 0
        let totals = try Timing.median(runs) { values = try computation.compute(periods: periods, breakdowns: .totals).count }
        print(String(format: "all indicators, all periods, totals:          %8.3f s  (%d values)", totals, values))
        let withBreakdowns = try Timing.median(runs) { values = try computation.compute(periods: periods, breakdowns: .defaults).count }
        print(String(format: "all indicators, all periods, with breakdowns: %8.3f s  (%d values)", withBreakdowns, values))
        guard !fusedOnly else { return }
        let separate = try Timing.median(1) {
            for i in catalogue.indicators {
                for p in periods { _ = try computation.compute(periods: [p], indicators: [i], breakdowns: .totals) }
            }
        }
        print(String(format: "one computation per indicator and period:     %8.3f s  (%.1f× the fused totals)", separate, separate / totals))
    }
}
