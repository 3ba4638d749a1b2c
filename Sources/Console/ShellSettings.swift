/// The shell's presentation settings, changed by dot-commands.
public struct ShellSettings: Sendable, Hashable {
    /// How results are written (`.mode`).
    public var format: ResultFormat
    /// Rows a table shows before eliding the middle (`.maxrows`); `nil` shows all.
    public var maxRows: Int?
    /// Text for NULL (`.nullvalue`); `nil` uses the format's own.
    public var nullText: String?
    /// Whether the footer after a result gives the elapsed time (`.timer`).
    public var timer: Bool
    /// Whether tables written to the terminal use colour.
    public var colour: Bool
    /// The terminal's width in cells, which tables written to it must fit; `nil` for unlimited.
    public var terminalWidth: Int?

    /// Creates settings; the defaults are those of an interactive session.
    /// - Parameters:
    ///   - format: the result format.
    ///   - maxRows: rows shown in a table; 40 as in DuckDB, `nil` for all.
    ///   - nullText: the text for NULL, `nil` for the format's own.
    ///   - timer: whether to show the elapsed time after each result.
    ///   - colour: whether to colour tables written to the terminal.
    ///   - terminalWidth: cells per line on the terminal, `nil` for unlimited.
    public init(format: ResultFormat = .table, maxRows: Int? = 40, nullText: String? = nil,
                timer: Bool = true, colour: Bool = false, terminalWidth: Int? = nil) {
        self.format = format
        self.maxRows = maxRows
        self.nullText = nullText
        self.timer = timer
        self.colour = colour
        self.terminalWidth = terminalWidth
    }
}
