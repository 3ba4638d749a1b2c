import Columnar
import Foundation

/// The logic of `chm shell`, apart from the terminal: lines go in, results,
/// footers and errors come out through sinks.
///
/// Lines accumulate until a `;` outside strings, quoted identifiers and
/// comments ends a statement, which then runs against the catalog with the
/// session's `:name` parameters. A line that starts with `.` when no
/// statement is being collected is a dot-command (see `.help`). Errors are
/// printed and the session goes on; ``failureCount`` remembers them so a
/// script's exit status can report them.
///
/// Results go to the current destination (standard output, or a file after
/// `.output`/`.once`); footers (`3 rows (0.004 s)`), listings and help go to
/// the main output, errors to the error sink.
public struct ShellSession {
    /// Presentation settings; dot-commands change them.
    public var settings: ShellSettings
    /// Values bound to `:name` placeholders.
    public internal(set) var parameters: [String: Value] = [:]
    /// Statements and commands that failed so far.
    public internal(set) var failureCount = 0
    /// Whether `.quit` or `.exit` was given.
    public internal(set) var isFinished = false
    /// The engine statements run on.
    let engine: QueryEngine
    /// The statement being collected.
    private var buffer = StatementBuffer()
    /// Where footers, listings and results go when not redirected.
    let output: any TextSink
    /// Where error messages go.
    let errors: any TextSink
    /// The file results go to after `.output FILE`.
    var redirect: FileSink?
    /// The file the next result goes to after `.once FILE`.
    var once: FileSink?
    /// How many `.read` scripts are running inside each other.
    var scriptDepth = 0

    /// Prompt shown when a new statement starts.
    public static let prompt = "chm> "
    /// Prompt shown while a statement continues over several lines.
    public static let continuationPrompt = "   ...> "
    /// How deep `.read` may nest before a script reading itself is stopped.
    static let maximumScriptDepth = 16

    /// Creates a session.
    /// - Parameters:
    ///   - catalog: the tables statements see.
    ///   - calendar: the schedule behind `cycle()` and `phase()`.
    ///   - settings: initial presentation settings.
    ///   - output: where results, footers and listings go.
    ///   - errors: where error messages go (may be the same sink as `output`).
    public init(catalog: any Catalog, calendar: PeriodCalendar = .standard, settings: ShellSettings = ShellSettings(),
                output: any TextSink, errors: any TextSink) {
        self.engine = QueryEngine(catalog: catalog, calendar: calendar)
        self.settings = settings
        self.output = output
        self.errors = errors
    }

    /// The tables statements see.
    public var catalog: any Catalog { engine.catalog }

    /// Whether any statement or command failed.
    public var hasFailed: Bool { failureCount > 0 }

    /// Whether a statement has been started and not yet ended.
    public var isContinuing: Bool { !buffer.isBlank }

    /// The prompt for the next line: ``prompt``, or ``continuationPrompt``
    /// inside a statement.
    public var currentPrompt: String { isContinuing ? Self.continuationPrompt : Self.prompt }

    /// Takes one line of input: runs the statements it completes, or the
    /// dot-command it holds.
    /// - Parameter line: the line, without its line terminator.
    public mutating func feed(_ line: String) {
        guard !isFinished else { return }
        var pending = buffer
        buffer = StatementBuffer()
        consume(line, into: &pending)
        buffer = pending
    }

    /// Ends the input: runs a last statement that lacks its `;`.
    public mutating func finish() {
        guard !isFinished, let last = buffer.finish() else { return }
        run(last)
    }

    /// Sets a parameter, as `.param set` does.
    /// - Parameters:
    ///   - name: the name used after `:` in statements.
    ///   - value: its value.
    public mutating func setParameter(_ name: String, to value: Value) {
        parameters[name] = value
    }

    /// Feeds `line` to `buffer`, running what it completes.
    mutating func consume(_ line: String, into buffer: inout StatementBuffer) {
        if buffer.isBlank, let command = Self.dotCommandText(line) {
            // Whatever comments preceded the command are dropped with it.
            buffer = StatementBuffer()
            perform(command)
            return
        }
        for statement in buffer.append(line: line) {
            guard !isFinished else { return }
            run(statement)
        }
    }

    /// The line without leading whitespace, when it is a dot-command.
    private static func dotCommandText(_ line: String) -> String? {
        guard let start = line.firstIndex(where: { $0 != " " && $0 != "\t" }), line[start] == "." else { return nil }
        var text = String(line[start...])
        // A `;` after a dot-command is a habit from SQL, not part of its arguments.
        while let last = text.last, last == ";" || last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }

    /// Runs one SQL statement and writes its result and footer.
    /// - Parameter statement: the statement's text, without its `;`.
    public mutating func run(_ statement: String) {
        let target: any TextSink = once ?? redirect ?? output
        let redirected = once != nil || redirect != nil
        defer { once = nil }
        let clock = ContinuousClock()
        let start = clock.now
        let result: QueryResult
        do {
            result = try engine.execute(statement, parameters: parameters)
        } catch {
            report(error)
            return
        }
        let elapsed = start.duration(to: clock.now)
        let toTerminal = target === output && output.isTerminal
        let options = RenderOptions(
            maxRows: settings.maxRows,
            maxWidth: toTerminal ? settings.terminalWidth : nil,
            nullText: settings.nullText,
            colour: toTerminal && settings.colour
        )
        target.write(settings.format.render(result, options: options))
        if settings.timer || settings.format == .table || redirected {
            output.write(Self.footer(rows: result.rowCount, elapsed: settings.timer ? elapsed : nil) + "\n")
        }
    }

    /// `3 rows (0.004 s)`, or `3 rows` without a time.
    static func footer(rows: Int, elapsed: Duration?) -> String {
        var text = rows == 1 ? "1 row" : "\(rows) rows"
        if let elapsed {
            let (seconds, attoseconds) = elapsed.components
            text += " (" + String(format: "%.3f", Double(seconds) + Double(attoseconds) / 1e18) + " s)"
        }
        return text
    }

    /// Prints an error and counts it.
    mutating func report(_ error: any Error) {
        failureCount += 1
        let message: String = switch error {
        case let sql as SQLError: sql.rendered
        case let shell as ShellError: shell.description
        default: "Error: \(error)"
        }
        errors.write(message + "\n")
    }
}
