import Columnar
import Foundation

extension ShellSession {
    /// Parses and carries out a dot-command; problems are reported, not thrown.
    mutating func perform(_ line: String) {
        do {
            try perform(try DotCommand(parsing: line))
        } catch {
            report(error)
        }
    }

    /// Carries out a parsed dot-command.
    private mutating func perform(_ command: DotCommand) throws {
        switch command {
        case .tables:
            let names = try catalog.tableNames()
            if !names.isEmpty { output.write(names.joined(separator: "\n") + "\n") }
        case .schema(let name):
            output.write(try schemaText(of: name))
        case .mode(let format):
            if let format { settings.format = format } else { output.write("mode: \(settings.format.rawValue)\n") }
        case .timer(let on):
            settings.timer = on
        case .read(let path):
            try runScript(at: path)
        case .output(let path):
            redirect = try path.map { try FileSink(path: $0) }
        case .once(let path):
            once = try FileSink(path: path)
        case .maxRows(let limit):
            settings.maxRows = limit
        case .nullValue(let text):
            settings.nullText = text
        case .setParameter(let name, let text):
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ShellError("a parameter name is letters, digits and _, not \"\(name)\"")
            }
            parameters[name] = text.value
        case .unsetParameter(let name):
            guard parameters.removeValue(forKey: name) != nil else { throw ShellError("no parameter named :\(name)") }
        case .listParameters:
            output.write(parameterListing())
        case .clearParameters:
            parameters = [:]
        case .help:
            output.write(ShellHelp.text)
        case .quit:
            isFinished = true
        }
    }

    /// The columns and types of one table, or of every table:
    ///
    ///     hits (1200 rows)
    ///       ts      timestamp
    ///       path    string
    private func schemaText(of name: String?) throws -> String {
        let names: [String]
        if let name {
            guard try catalog.table(named: name) != nil else {
                let known = try catalog.tableNames()
                let list = known.isEmpty ? "there are no tables" : "tables: " + known.joined(separator: ", ")
                throw ShellError("no table named \"\(name)\"; \(list)")
            }
            names = [name]
        } else {
            names = try catalog.tableNames()
        }
        var blocks: [String] = []
        for tableName in names {
            guard let table = try catalog.table(named: tableName) else { continue }
            let columns = table.schema.columns
            let width = columns.reduce(0) { max($0, DisplayWidth.of($1.name)) }
            var block = "\(table.name) (\(table.rowCount == 1 ? "1 row" : "\(table.rowCount) rows"))\n"
            for column in columns {
                block += "  " + DisplayWidth.pad(column.name, to: width, .left) + "  " + column.type.name + "\n"
            }
            blocks.append(block)
        }
        return blocks.joined(separator: "\n")
    }

    /// `:name = value (type)` lines, sorted by name.
    private func parameterListing() -> String {
        parameters.keys.sorted().map { name in
            let value = parameters[name]!
            return ":\(name) = \(value.shellLiteral) (\(value.type?.name ?? "null"))\n"
        }.joined()
    }

    /// Runs the statements and dot-commands of a script file, as if typed;
    /// a last statement without `;` runs too. An error in one statement does
    /// not stop the script.
    private mutating func runScript(at path: String) throws {
        guard scriptDepth < Self.maximumScriptDepth else {
            throw ShellError(".read nested more than \(Self.maximumScriptDepth) deep; does \(path) read itself?")
        }
        let expanded = (path as NSString).expandingTildeInPath
        guard let data = FileManager.default.contents(atPath: expanded) else {
            throw ShellError("cannot read \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ShellError("\(path) is not UTF-8 text")
        }
        scriptDepth += 1
        defer { scriptDepth -= 1 }
        var script = StatementBuffer()
        for line in Self.lines(of: text) {
            guard !isFinished else { return }
            consume(line, into: &script)
        }
        if !isFinished, let last = script.finish() { run(last) }
    }

    /// The lines of a text, LF or CRLF terminated, without their terminators.
    static func lines(of text: String) -> [String] {
        // "\r\n" is one Character in Swift, so both terminators are matched as characters.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
