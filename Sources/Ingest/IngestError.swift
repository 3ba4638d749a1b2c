/// Why a file could not be ingested, with where in the file it went wrong.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    /// The kind of problem.
    public enum Code: String, Sendable {
        /// The file does not exist or cannot be read.
        case unreadable
        /// The file is not in the stated format at all (binary, wrong layout).
        case wrongFormat
        /// A record breaks the format (e.g. an unterminated quote).
        case malformed
        /// Too many lines were rejected.
        case tooManyRejects
        /// The file was ingested before.
        case duplicate
        /// An option is invalid (unknown column in --type, bad type name…).
        case invalidOption
    }

    /// The kind of problem.
    public var code: Code
    /// One sentence saying what is wrong and, where it helps, what to do.
    public var message: String
    /// The file concerned.
    public var file: String
    /// 1-based line, 0 when not tied to a line.
    public var line: Int

    /// Creates an error.
    public init(_ code: Code, _ message: String, file: String, line: Int = 0) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    /// `file:line: message`, the way compilers and linters report.
    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}
