/// Somewhere a shell writes text: the terminal, a file, or memory.
public protocol TextSink: AnyObject {
    /// Writes `text` as it is (the caller supplies line ends).
    /// - Parameter text: the text, UTF-8 encoded on the way out.
    func write(_ text: String)
    /// Whether the text reaches a terminal, which decides colour and width.
    var isTerminal: Bool { get }
}
