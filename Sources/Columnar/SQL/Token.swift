/// Where a piece of SQL text sits in its statement, for error messages.
public struct SourceRange: Sendable, Hashable {
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int
    /// Length in Unicode scalars (at least 1 for the caret).
    public var length: Int
    /// Offset of the first scalar in the statement.
    public var offset: Int

    /// Creates a range.
    public init(line: Int, column: Int, length: Int, offset: Int) {
        self.line = line
        self.column = column
        self.length = length
        self.offset = offset
    }

    /// The range from the start of `self` to the end of `other` (same line
    /// keeps the caret exact; across lines it underlines the first line).
    func through(_ other: SourceRange) -> SourceRange {
        let end = other.offset + other.length
        let length = other.line == line ? end - offset : max(1, length)
        return SourceRange(line: line, column: column, length: max(1, length), offset: offset)
    }
}

/// One lexical token of a SQL statement.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A bare word: a keyword or an unquoted identifier (kept as written).
        case word
        /// A `"quoted"` identifier, unescaped.
        case quotedIdentifier
        /// A `'string'` literal, unescaped.
        case string
        /// An integer literal.
        case integer
        /// A decimal or exponent literal.
        case decimal
        /// A `:name` parameter (text without the colon).
        case parameter
        /// An operator or punctuation: `( ) , . ; + - * / // % || = == != <> < <= > >= ::`.
        case symbol
        /// End of input.
        case end
    }

    var kind: Kind
    /// The token's text (unescaped for strings and quoted identifiers).
    var text: String
    var range: SourceRange

    /// Whether this is the keyword `word` (case-insensitive).
    func isKeyword(_ word: String) -> Bool {
        kind == .word && text.count == word.count && text.lowercased() == word
    }

    /// Whether this is the symbol `s`.
    func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
}

/// Words that cannot be used as bare aliases because they continue a clause.
enum ReservedWords {
    static let all: Set<String> = [
        "select", "from", "where", "group", "by", "having", "order", "limit", "offset", "union", "all",
        "join", "on", "left", "inner", "right", "full", "outer", "cross", "as", "and", "or", "not", "in",
        "is", "null", "like", "ilike", "between", "case", "when", "then", "else", "end", "distinct", "with",
        "asc", "desc", "nulls", "filter", "cast", "true", "false", "using", "except", "intersect", "window",
        "qualify", "escape",
    ]

    static func contains(_ token: Token) -> Bool {
        token.kind == .word && all.contains(token.text.lowercased())
    }
}
