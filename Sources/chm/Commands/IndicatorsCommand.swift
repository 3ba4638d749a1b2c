import ArgumentParser
import Columnar
import Console
import Evaluation
import Foundation

/// `chm indicators`: the strategic plan's indicators per cycle, phase and evaluation.
struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Compute the performance indicators per cycle, phase or evaluation.",
        discussion: """
        Each value comes with its numerator and denominator, n, the previous comparable period and the change, \
        the baseline, the target, a progress rating and a status (normal, provisional, suppressed, no data).

        Examples:
          chm indicators --period mid-term-5
          chm indicators --period 2024-2025 --objective use --breakdown region
          chm indicators --period phase-4,phase-5 --format sdmx-csv > chm.csv
          chm indicators --period major-5 --save
          chm indicators --list
        """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var catalogueOptions: CatalogueOptions
    @OptionGroup var schedule: ScheduleOptions

    @Option(name: .customLong("period"), help: ArgumentHelp("Period ids: a cycle (2024-2025), a phase (phase-2, pilot) or an evaluation (baseline, mid-term-2, major-2); repeatable or comma-separated. Default: every cycle and phase begun.", valueName: "id"))
    var periods: [String] = []

    @Option(name: .customLong("objective"), help: ArgumentHelp("Only this objective (repeatable), e.g. use, membership.", valueName: "id"))
    var objectives: [String] = []

    @Option(name: .customLong("indicator"), help: ArgumentHelp("Only this indicator (repeatable), e.g. use.visitors.", valueName: "id"))
    var indicators: [String] = []

    @Option(help: ArgumentHelp("Also break values down by this dimension (region, user_group, actor_category, sector, document_category, kind, month, season…), or 'all' for each indicator's defaults.", valueName: "dimension"))
    var breakdown: String?

    @Option(help: ArgumentHelp("table, csv, json, markdown or sdmx-csv.", valueName: "format"))
    var format = "table"

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date the data describe; periods ending later are provisional (default: the day after the latest record).", valueName: "date"))
    var asOf: String?

    @Flag(help: "Save the values as a run in the workspace (see chm runs).")
    var save = false

    @Flag(help: "Print each statement run, with its start, time and rows, to stderr.")
    var profile = false

    @Flag(help: "List the indicators of the catalogue and exit.")
    var list = false

    func run() throws {
        try reportingErrors {
            let folder = try catalogueOptions.locate()
            let catalogue = try Catalogue.load(directory: folder)
            let schedule = try self.schedule.load(indicators: folder)
            if list {
                emit(ResultFormat(name: format == "sdmx-csv" ? "csv" : format)?.render(CatalogueListing.result(catalogue)) ?? "")
                return
            }
            let workspace = try self.workspace.open(create: false)
            let queryProfile = profile ? QueryProfile() : nil
            let computation = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: workspace,
                                                       asOf: try asOf.map(IndicatorRequest.instant), profile: queryProfile)
            let request = try IndicatorRequest(periods: periods, objectives: objectives, indicators: indicators,
                                               catalogue: catalogue, schedule: schedule, asOf: computation.asOf)
            let breakdowns: IndicatorComputation.Breakdowns = switch breakdown {
            case nil: .totals
            case "all"?: .defaults
            case let d?: .only(d)
            }
            if case .only(let d) = breakdowns, catalogue.breakdowns[d] == nil {
                throw CommandFailure("unknown breakdown \(d); breakdowns: \(catalogue.breakdowns.keys.sorted().joined(separator: ", ")), or all")
            }
            let values = try computation.compute(periods: request.periods, indicators: request.indicators, breakdowns: breakdowns)
            if let queryProfile { note(queryProfile.report()) }
            if save {
                let saved = try RunStore.save(values, periods: request.periods, computation: computation, workspace: workspace)
                note(saved.alreadySaved ? "identical to run \(saved.run), not saved again" : "saved as run \(saved.run) (chm runs show \(saved.run))")
            }
            if format == "sdmx-csv" {
                emit(SDMXWriter.csv(values, catalogue: catalogue))
                return
            }
            guard let resultFormat = ResultFormat(name: format) else {
                throw CommandFailure("unknown format \(format); use table, csv, json, markdown or sdmx-csv")
            }
            let isTerminal = isatty(STDOUT_FILENO) == 1
            let result = resultFormat == .table ? IndicatorTable.summary(values, catalogue: catalogue) : IndicatorTable.result(values, catalogue: catalogue)
            emit(resultFormat.render(result, options: RenderOptions(maxWidth: isTerminal ? TerminalWidth.columns() : nil,
                                                                    colour: TerminalStyle.allowsColour())))
            note("\(request.indicators.count) indicators × \(request.periods.count) periods as of \(CivilTime.format(computation.asOf).prefix(10))")
        }
    }
}
