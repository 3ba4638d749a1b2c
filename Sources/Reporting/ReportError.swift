/// A report that cannot be made: a template, locale or judgement file that
/// does not read, a drawing library that fails, an output that cannot be written.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for scripts and tests.
    public enum Code: String, Sendable {
        case template
        case locale
        case data
        case drawing
        case output
    }

    public var code: Code
    public var message: String
    /// The file concerned, when there is one.
    public var file: String?
    /// The line in `file`, when known (1-based).
    public var line: Int?

    public init(_ code: Code, _ message: String, file: String? = nil, line: Int? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    /// `file:line: message`, or the message alone.
    public var description: String {
        switch (file, line) {
        case let (f?, l?): "\(f):\(l): \(message)"
        case let (f?, nil): "\(f): \(message)"
        default: message
        }
    }
}
