/// An error in a SQL statement or while running it, with the position of
/// the offending token.
public struct SQLError: Error, Sendable, Hashable {
    /// What kind of problem it is.
    public enum Code: String, Sendable, Hashable {
        /// The text is not valid SQL.
        case syntax
        /// A table name that does not exist.
        case unknownTable
        /// A column name that does not exist in scope.
        case unknownColumn
        /// A column name that exists in more than one table in scope.
        case ambiguousColumn
        /// A function name that does not exist, or wrong arguments.
        case unknownFunction
        /// Operand types that do not fit the operator or function.
        case typeMismatch
        /// A `:name` parameter with no value.
        case missingParameter
        /// A grouping or aggregate rule broken (e.g. a column not in GROUP BY).
        case grouping
        /// A value problem while running (overflow, bad cast, division).
        case runtime
        /// The query is valid SQL but uses something the engine does not do.
        case unsupported
    }

    /// What kind of problem it is.
    public var code: Code
    /// One sentence saying what is wrong.
    public var message: String
    /// Position of the offending token, 1-based; 0 when not tied to a token.
    public var line: Int
    /// Column of the offending token, 1-based, counted in characters.
    public var column: Int
    /// Length of the offending token in characters (for the caret).
    public var length: Int
    /// The statement text, for rendering.
    public var sql: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, line: Int = 0, column: Int = 0, length: Int = 1, sql: String = "") {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.length = length
        self.sql = sql
    }

    /// The message, then the statement line with a caret under the token:
    ///
    ///     Error at 1:8: unknown column "pth"; hits has: ts, path, status
    ///     SELECT pth FROM hits
    ///            ^^^
    public var rendered: String {
        guard line > 0 else { return "Error: \(message)" }
        var text = "Error at \(line):\(column): \(message)"
        let lines = sql.split(separator: "\n", omittingEmptySubsequences: false)
        if line <= lines.count {
            let source = String(lines[line - 1].map { $0 == "\t" ? " " : $0 })
            text += "\n" + source + "\n" + String(repeating: " ", count: max(0, column - 1)) + String(repeating: "^", count: max(1, length))
        }
        return text
    }
}

extension SQLError: CustomStringConvertible {
    public var description: String { rendered }
}
