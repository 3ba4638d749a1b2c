/// Splits a SQL statement into tokens, tracking line and column of each.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private let sql: String
    private var i = 0
    private var line = 1
    private var lineStart = 0

    init(_ sql: String) {
        self.sql = sql
        scalars = Array(sql.unicodeScalars)
    }

    /// All tokens, ending with an `.end` token.
    /// - Throws: ``SQLError`` for an unterminated string, identifier or comment, or a stray character.
    static func tokenize(_ sql: String) throws -> [Token] {
        var lexer = Lexer(sql)
        var tokens: [Token] = []
        while true {
            let t = try lexer.next()
            tokens.append(t)
            if t.kind == .end { return tokens }
        }
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? {
        i + k < scalars.count ? scalars[i + k] : nil
    }

    private mutating func advance() {
        if scalars[i] == "\n" {
            line += 1
            lineStart = i + 1
        }
        i += 1
    }

    private func range(from start: Int, line startLine: Int, column: Int) -> SourceRange {
        SourceRange(line: startLine, column: column, length: max(1, i - start), offset: start)
    }

    private func error(_ message: String, at start: Int, line: Int, column: Int, length: Int = 1) -> SQLError {
        SQLError(.syntax, message, line: line, column: column, length: length, sql: sql)
    }

    private mutating func skipSpaceAndComments() throws {
        while let c = peek() {
            if c.properties.isWhitespace {
                advance()
            } else if c == "-", peek(1) == "-" {
                while let d = peek(), d != "\n" { advance() }
            } else if c == "/", peek(1) == "*" {
                let start = i, startLine = line, column = i - lineStart + 1
                advance(); advance()
                while true {
                    guard let d = peek() else {
                        throw error("unterminated /* comment", at: start, line: startLine, column: column, length: 2)
                    }
                    if d == "*", peek(1) == "/" { advance(); advance(); break }
                    advance()
                }
            } else {
                return
            }
        }
    }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic
    }

    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c == "$" || c.properties.isAlphabetic || c.properties.numericType != nil
    }

    private mutating func next() throws -> Token {
        try skipSpaceAndComments()
        let start = i, startLine = line, column = i - lineStart + 1
        guard let c = peek() else {
            return Token(kind: .end, text: "", range: SourceRange(line: line, column: column, length: 1, offset: i))
        }
        func token(_ kind: Token.Kind, _ text: String) -> Token {
            Token(kind: kind, text: text, range: range(from: start, line: startLine, column: column))
        }

        if Lexer.isIdentifierStart(c) {
            var text = String.UnicodeScalarView()
            while let d = peek(), Lexer.isIdentifierPart(d) { text.append(d); advance() }
            return token(.word, String(text))
        }
        if c.properties.numericType != nil && c.isASCII || (c == "." && peek(1).map { $0.isASCII && $0.properties.numericType != nil } == true) {
            return try number(start: start, line: startLine, column: column)
        }
        switch c {
        case "'":
            return token(.string, try quoted("'", start: start, line: startLine, column: column, what: "string literal"))
        case "\"":
            let name = try quoted("\"", start: start, line: startLine, column: column, what: "quoted identifier")
            return token(.quotedIdentifier, name)
        case ":":
            if peek(1) == ":" { advance(); advance(); return token(.symbol, "::") }
            advance()
            var name = String.UnicodeScalarView()
            while let d = peek(), Lexer.isIdentifierPart(d) { name.append(d); advance() }
            guard !name.isEmpty else { throw error("expected a parameter name after ':'", at: start, line: startLine, column: column) }
            return token(.parameter, String(name))
        case "$":
            advance()
            var name = String.UnicodeScalarView()
            while let d = peek(), Lexer.isIdentifierPart(d) { name.append(d); advance() }
            guard !name.isEmpty else { throw error("expected a parameter name after '$'", at: start, line: startLine, column: column) }
            return token(.parameter, String(name))
        default:
            break
        }
        let two: String = peek(1).map { String(c) + String($0) } ?? ""
        if ["<=", ">=", "<>", "!=", "==", "||", "//", "**"].contains(two) {
            advance(); advance()
            return token(.symbol, two)
        }
        if "(),.;+-*/%=<>[]^".unicodeScalars.contains(c) {
            advance()
            return token(.symbol, String(c))
        }
        throw error("unexpected character '\(c)'", at: start, line: startLine, column: column)
    }

    private mutating func quoted(_ q: Unicode.Scalar, start: Int, line startLine: Int, column: Int, what: String) throws -> String {
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let d = peek() else {
                throw error("unterminated \(what)", at: start, line: startLine, column: column)
            }
            advance()
            if d == q {
                if peek() == q { text.append(q); advance(); continue }
                return String(text)
            }
            text.append(d)
        }
    }

    private mutating func number(start: Int, line startLine: Int, column: Int) throws -> Token {
        var text = ""
        var isDecimal = false
        func digits() { while let d = peek(), d.isASCII, d.properties.numericType != nil || d == "_" { if d != "_" { text.unicodeScalars.append(d) }; advance() } }
        digits()
        if peek() == ".", peek(1) != "." {
            isDecimal = true
            text += "."
            advance()
            digits()
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1)
            let hasSign = sign == "+" || sign == "-"
            if let d = peek(hasSign ? 2 : 1), d.isASCII, d.properties.numericType != nil {
                isDecimal = true
                text += "e"
                advance()
                if hasSign { text.unicodeScalars.append(sign!); advance() }
                digits()
            }
        }
        if let d = peek(), Lexer.isIdentifierStart(d) {
            throw error("malformed number", at: start, line: startLine, column: column, length: i - start + 1)
        }
        return Token(kind: isDecimal ? .decimal : .integer, text: text, range: range(from: start, line: startLine, column: column))
    }
}
