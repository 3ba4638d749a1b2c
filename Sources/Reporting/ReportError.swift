/// A report that cannot be made: a template, locale or judgement file that
/// does not read, a drawing library that fails, an output that cannot be written.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for scripts and tests.
    public enum Code: String, Sendable {
        /// A template that does not read or does not fit the evaluation.
        case template
        /// A locale file that does not read.
        case locale
        /// The workspace, catalogue, schedule or judgement file.
        case data
        /// Cairo or Pango failed.
        case drawing
        /// An output file that cannot be written.
        case output
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong, for a person.
    public var message: String
    /// The file concerned, when there is one.
    public var file: String?
    /// The line in `file`, when known (1-based).
    public var line: Int?

    /// An error of `code` about `file` (and `line`).
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
