import Columnar
import Foundation

/// `chm shell` on the process's standard streams.
///
/// When standard input is a terminal, lines are read with libedit (prompts,
/// history in ``historyPath``, tab completion); otherwise they are read
/// plainly, without prompts, and the input runs as a script. Results go to
/// standard output, errors to standard error. Ctrl-D or `.quit` ends it.
public struct InteractiveShell {
    /// The tables statements see.
    public var catalog: any Catalog
    /// The schedule behind `cycle()` and `phase()`.
    public var calendar: PeriodCalendar
    /// Keywords offered by tab completion.
    public var keywords: [String]
    /// Function names offered by tab completion.
    public var functions: [String]
    /// The history file, created if missing; `nil` keeps no history.
    public var historyPath: String?

    /// Creates a shell.
    /// - Parameters:
    ///   - catalog: the tables statements see.
    ///   - calendar: the schedule behind `cycle()` and `phase()`.
    ///   - keywords: keywords for tab completion (the engine's list; a standard list by default).
    ///   - functions: function names for tab completion.
    ///   - historyPath: the history file; `~/.chm_history` by default.
    public init(catalog: any Catalog, calendar: PeriodCalendar = .standard,
                keywords: [String] = SQLKeywords.standard, functions: [String] = [],
                historyPath: String? = InteractiveShell.defaultHistoryPath) {
        self.catalog = catalog
        self.calendar = calendar
        self.keywords = keywords
        self.functions = functions
        self.historyPath = historyPath
    }

    /// `.chm_history` in the user's home directory, or `nil` when there is no home.
    public static var defaultHistoryPath: String? {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty else { return nil }
        return (home as NSString).appendingPathComponent(".chm_history")
    }

    /// Runs the shell until end of input or `.quit`.
    /// - Parameter settings: initial settings; by default a table, with the
    ///   timer on and colour allowed when interactive.
    /// - Returns: the exit status: 1 when input was a script and a statement
    ///   or command failed, else 0 (mistakes typed at a terminal are not a
    ///   failure of the session).
    public func run(settings: ShellSettings? = nil) -> Int32 {
        let output = StandardStream.output()
        let errors = StandardStream.error()
        let interactive = isatty(STDIN_FILENO) == 1
        let initial = settings ?? ShellSettings(timer: interactive, colour: TerminalStyle.allowsColour(on: STDOUT_FILENO))
        var session = ShellSession(catalog: catalog, calendar: calendar, settings: initial, output: output, errors: errors)

        guard interactive else {
            while !session.isFinished, let line = readLine(strippingNewline: true) {
                session.feed(line)
            }
            session.finish()
            return session.hasFailed ? 1 : 0
        }

        let editor = LineEditor(historyPath: historyPath, promptsToStandardError: !output.isTerminal)
        let greeting = "chm shell: end statements with ;  .help for commands  Ctrl-D to leave\n"
        (output.isTerminal ? output : errors).write(greeting)
        editor.offer(completer(for: session))
        while !session.isFinished {
            session.settings.terminalWidth = TerminalWidth.columns(of: STDOUT_FILENO)
            guard let line = editor.readLine(prompt: session.currentPrompt) else {
                // Ctrl-D leaves the cursor after the prompt; end the line.
                errors.write("\n")
                break
            }
            if line.contains(where: { $0 != " " && $0 != "\t" }) { editor.remember(line) }
            session.feed(line)
            if !session.isContinuing { editor.offer(completer(for: session)) }
        }
        session.finish()
        return 0
    }

    /// A completer over the catalog as it is now and the session's parameters.
    private func completer(for session: ShellSession) -> SQLCompleter {
        SQLCompleter(catalog: session.catalog, keywords: keywords, functions: functions,
                     parameters: session.parameters.keys.sorted())
    }
}
