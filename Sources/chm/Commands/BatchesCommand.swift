import ArgumentParser
import Columnar
import Console
import Foundation

/// `chm batches`: the batches written to the workspace.
struct BatchesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batches",
        abstract: "List the batches (one per ingested file) with their rows, rejects and status."
    )

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("Output format: table, csv, json, markdown or line.", valueName: "format"))
    var format = "table"

    func run() throws {
        try reportingErrors {
            guard let format = ResultFormat(name: format) else { throw CommandFailure("unknown format \(format)") }
            let batches = try workspace.open(create: false).batches()
            var columns = (0..<10).map { _ in ColumnBuilder(type: .string) }
            columns[0] = ColumnBuilder(type: .int64)
            columns[4] = ColumnBuilder(type: .int64)
            columns[5] = ColumnBuilder(type: .int64)
            columns[6] = ColumnBuilder(type: .timestamp)
            columns[7] = ColumnBuilder(type: .timestamp)
            for b in batches {
                columns[0].append(integer: b.id)
                columns[1].append(string: b.table)
                columns[2].append(string: b.source)
                columns[3].append(string: b.fileName)
                columns[4].append(integer: Int64(b.rows))
                columns[5].append(integer: Int64(b.rejects))
                columns[6].append(integer: b.startedAt)
                columns[7].append(integer: b.endedAt)
                columns[8].append(string: b.status.rawValue)
                columns[9].append(string: String(b.sha256.prefix(12)))
            }
            let names = ["batch", "table", "source", "file", "rows", "rejects", "started", "ended", "status", "sha256"]
            let result = QueryResult(columns: zip(names, columns).map { ResultColumn(name: $0, chunk: $1.build()) })
            emit(format.render(result, options: RenderOptions(maxWidth: TerminalWidth.columns())))
        }
    }
}

/// `chm rejects BATCH`: the lines a batch rejected, with reasons.
struct RejectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rejects",
        abstract: "Show the lines a batch rejected: line number, reason and text."
    )

    @Argument(help: "The batch number (see chm batches).")
    var batch: Int64

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("Output format: table, csv, json, markdown or line.", valueName: "format"))
    var format = "table"

    func run() throws {
        try reportingErrors {
            guard let format = ResultFormat(name: format) else { throw CommandFailure("unknown format \(format)") }
            let ws = try workspace.open(create: false)
            guard try ws.batch(id: batch) != nil else { throw CommandFailure("there is no batch \(batch); see chm batches") }
            let rejects = try ws.rejects(batch: batch)
            var line = ColumnBuilder(type: .int64), reason = ColumnBuilder(type: .string), text = ColumnBuilder(type: .string)
            for r in rejects {
                line.append(integer: Int64(r.line))
                reason.append(string: r.reason)
                text.append(string: r.text)
            }
            let result = QueryResult(columns: [ResultColumn(name: "line", chunk: line.build()),
                                               ResultColumn(name: "reason", chunk: reason.build()),
                                               ResultColumn(name: "text", chunk: text.build())])
            emit(format.render(result, options: RenderOptions(maxWidth: TerminalWidth.columns())))
        }
    }
}
