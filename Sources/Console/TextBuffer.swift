/// Text collected in memory: for tests, and for callers that want a
/// session's output as a string.
public final class TextBuffer: TextSink {
    /// Everything written so far.
    public private(set) var text = ""
    /// Whether to present itself as a terminal (to get table widths and colour in tests).
    public let isTerminal: Bool

    /// Creates an empty buffer.
    /// - Parameter isTerminal: whether writers should treat it as a terminal.
    public init(isTerminal: Bool = false) {
        self.isTerminal = isTerminal
    }

    /// Appends `text`.
    public func write(_ text: String) {
        self.text += text
    }

    /// Returns what was written so far and empties the buffer.
    public func take() -> String {
        defer { text = "" }
        return text
    }
}
