import ArgumentParser
import Columnar
import Console
import Evaluation
import Foundation

/// `chm runs`: indicator runs saved with `chm indicators --save`.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List saved indicator runs, or show one.",
        discussion: """
        A run records the values with what they were computed from (the catalogue's hash, the as-of date, \
        the input batches), so a figure in a COP document can be traced back.

        Examples:
          chm runs
          chm runs show 12 --format csv
        """,
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the saved runs.")

        @OptionGroup var workspace: WorkspaceOptions

        @Option(help: ArgumentHelp("table, csv, json or markdown.", valueName: "format"))
        var format = "table"

        func run() throws {
            try reportingErrors {
                guard let format = ResultFormat(name: format) else { throw CommandFailure("unknown format \(format)") }
                let runs = try RunStore.runs(try workspace.open(create: false))
                let names = ["run", "saved", "values", "as_of", "periods", "input_batches", "catalogue"]
                var b = [ColumnBuilder(type: .int64), ColumnBuilder(type: .timestamp), ColumnBuilder(type: .int64),
                         ColumnBuilder(type: .timestamp), ColumnBuilder(type: .string), ColumnBuilder(type: .string), ColumnBuilder(type: .string)]
                for r in runs {
                    b[0].append(integer: r.id)
                    b[1].append(integer: r.savedAt)
                    b[2].append(integer: Int64(r.values))
                    b[3].append(integer: r.asOf)
                    b[4].append(string: r.periods.joined(separator: " "))
                    b[5].append(string: Self.ranges(r.inputBatches))
                    b[6].append(string: String(r.catalogueHash.prefix(12)))
                }
                emit(format.render(QueryResult(columns: zip(names, b).map { ResultColumn(name: $0, chunk: $1.build()) }),
                                   options: RenderOptions(maxWidth: TerminalWidth.columns())))
            }
        }

        /// Batch numbers as ranges: 1-4 7 9-10.
        static func ranges(_ ids: [Int64]) -> String {
            var parts: [String] = []
            var i = 0
            while i < ids.count {
                var j = i
                while j + 1 < ids.count, ids[j + 1] == ids[j] + 1 { j += 1 }
                parts.append(i == j ? "\(ids[i])" : "\(ids[i])-\(ids[j])")
                i = j + 1
            }
            return parts.joined(separator: " ")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the values of a saved run.")

        @Argument(help: "The run number (from chm runs).")
        var number: Int64

        @OptionGroup var workspace: WorkspaceOptions

        @Option(help: ArgumentHelp("table, csv, json or markdown.", valueName: "format"))
        var format = "table"

        func run() throws {
            try reportingErrors {
                guard let format = ResultFormat(name: format) else { throw CommandFailure("unknown format \(format)") }
                let workspace = try self.workspace.open(create: false)
                guard try RunStore.runs(workspace).contains(where: { $0.id == number }) else {
                    throw CommandFailure("no saved run \(number); chm runs lists them")
                }
                let isTerminal = isatty(STDOUT_FILENO) == 1
                emit(format.render(try RunStore.values(run: number, workspace: workspace),
                                   options: RenderOptions(maxWidth: isTerminal ? TerminalWidth.columns() : nil)))
            }
        }
    }
}
