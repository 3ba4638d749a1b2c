import ArgumentParser
import Columnar
import Console
import Foundation

/// `chm query "SQL"`: runs one statement and prints the result.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run one SQL statement and print its result.",
        discussion: """
        Example:
          chm query "SELECT cycle(ts) AS cycle, count(DISTINCT visitor) FROM hits GROUP BY cycle ORDER BY cycle"
          chm query "SELECT count(*) FROM hits WHERE ts >= :from" --param from=2024-01-01 --format csv
        """
    )

    @Argument(help: "The SQL statement.")
    var sql: String

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var schedule: ScheduleOptions

    @Option(help: ArgumentHelp("Output format: table, csv, json, markdown or line.", valueName: "format"))
    var format = "table"

    @Option(name: .customLong("param"), help: ArgumentHelp("A value for a :name parameter (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("Rows shown in table format (all rows in the other formats).", valueName: "n"))
    var maxRows: Int?

    func run() throws {
        try reportingErrors {
            guard let format = ResultFormat(name: format) else {
                throw CommandFailure("unknown format \(format); use table, csv, json, markdown or line")
            }
            var values: [String: Value] = [:]
            for p in parameters {
                guard let eq = p.firstIndex(of: "="), eq != p.startIndex else {
                    throw CommandFailure("--param takes name=value, got \(p)")
                }
                values[String(p[..<eq])] = Value(parameterText: String(p[p.index(after: eq)...]))
            }
            let engine = QueryEngine(catalog: try schedule.tables(of: try workspace.open(create: false)), calendar: try schedule.calendar())
            let result = try engine.execute(sql, parameters: values)
            let isTerminal = isatty(STDOUT_FILENO) == 1
            let options = RenderOptions(maxRows: format == .table ? (maxRows ?? (isTerminal ? 40 : nil)) : nil,
                                        maxWidth: isTerminal ? TerminalWidth.columns() : nil,
                                        colour: TerminalStyle.allowsColour())
            emit(format.render(result, options: options))
        }
    }
}
