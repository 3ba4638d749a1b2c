/// An input line that was not ingested, and why.
public struct Reject: Sendable, Hashable {
    /// The 1-based line number in the input file.
    public var line: Int
    /// Why the line was rejected, naming the column where it applies.
    public var reason: String
    /// The line's text (the store keeps at most ``Reject/maxStoredTextBytes`` bytes of it).
    public var text: String

    /// The longest text kept for a rejected line, in UTF-8 bytes: enough to
    /// recognise it without letting a binary file bloat the workspace.
    public static let maxStoredTextBytes = 4096

    /// Creates a reject.
    /// - Parameters:
    ///   - line: the 1-based line number.
    ///   - reason: why it was rejected.
    ///   - text: the line's text.
    public init(line: Int, reason: String, text: String) {
        self.line = line
        self.reason = reason
        self.text = text
    }

    /// The text cut to ``maxStoredTextBytes`` on a Unicode scalar boundary, marked with an ellipsis.
    var storedText: String {
        guard text.utf8.count > Self.maxStoredTextBytes else { return text }
        var kept = String.UnicodeScalarView()
        var bytes = 0
        for scalar in text.unicodeScalars {
            bytes += UTF8.width(scalar)
            if bytes > Self.maxStoredTextBytes { break }
            kept.append(scalar)
        }
        return String(kept) + "…"
    }
}
