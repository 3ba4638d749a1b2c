/// A recursive-descent parser for chm's SQL dialect: SELECT with WITH,
/// joins, sub-queries, GROUP BY, HAVING, window functions, QUALIFY, ORDER BY,
/// LIMIT and UNION.
struct Parser {
    var tokens: [Token]
    var position = 0
    let sql: String

    init(_ sql: String) throws {
        self.sql = sql
        tokens = try Lexer.tokenize(sql)
    }

    /// Parses one statement (a trailing `;` allowed).
    static func parse(_ sql: String) throws -> Query {
        var parser = try Parser(sql)
        guard parser.current.kind != .end else {
            throw SQLError(.syntax, "empty statement: expected SELECT or WITH", sql: sql)
        }
        let query = try parser.parseQuery()
        while parser.current.isSymbol(";") { parser.position += 1 }
        guard parser.current.kind == .end else {
            throw parser.unexpected("the end of the statement")
        }
        return query
    }

    var current: Token { tokens[position] }
    func peek(_ k: Int) -> Token { tokens[min(position + k, tokens.count - 1)] }

    mutating func advance() -> Token {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    func error(_ message: String, at token: Token) -> SQLError {
        SQLError(.syntax, message, line: token.range.line, column: token.range.column, length: token.range.length, sql: sql)
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: "the end of the statement"
        case .string: "'\(t.text)'"
        case .quotedIdentifier: "\"\(t.text)\""
        case .parameter: ":\(t.text)"
        default: "\"\(t.text)\""
        }
    }

    func unexpected(_ expected: String) -> SQLError {
        error("expected \(expected) but found \(describe(current))", at: current)
    }

    mutating func accept(keyword: String) -> Bool {
        if current.isKeyword(keyword) { position += 1; return true }
        return false
    }

    mutating func accept(symbol: String) -> Bool {
        if current.isSymbol(symbol) { position += 1; return true }
        return false
    }

    @discardableResult
    mutating func expect(keyword: String) throws -> Token {
        guard current.isKeyword(keyword) else { throw unexpected(keyword.uppercased()) }
        return advance()
    }

    @discardableResult
    mutating func expect(symbol: String) throws -> Token {
        guard current.isSymbol(symbol) else { throw unexpected("'\(symbol)'") }
        return advance()
    }

    /// An identifier: a non-reserved word or a quoted identifier.
    mutating func identifier(_ what: String) throws -> (String, SourceRange) {
        let t = current
        if t.kind == .quotedIdentifier || (t.kind == .word && !ReservedWords.contains(t)) {
            position += 1
            return (t.text, t.range)
        }
        throw unexpected(what)
    }

    // MARK: Queries

    mutating func parseQuery() throws -> Query {
        let start = current.range
        var ctes: [CommonTableExpression] = []
        if accept(keyword: "with") {
            _ = accept(keyword: "recursive")
            repeat {
                let (name, range) = try identifier("a name for the common table expression")
                var columns: [String] = []
                if accept(symbol: "(") {
                    repeat { columns.append(try identifier("a column name").0) } while accept(symbol: ",")
                    try expect(symbol: ")")
                }
                try expect(keyword: "as")
                _ = accept(keyword: "materialized")
                try expect(symbol: "(")
                let query = try parseQuery()
                try expect(symbol: ")")
                ctes.append(CommonTableExpression(name: name, columnNames: columns, query: query, range: range))
            } while accept(symbol: ",")
        }
        let body = try parseSetExpression()
        var orderBy: [OrderItem] = []
        if accept(keyword: "order") {
            try expect(keyword: "by")
            repeat { orderBy.append(try parseOrderItem()) } while accept(symbol: ",")
        }
        var limit: Expression?
        var offset: Expression?
        for _ in 0..<2 {
            if limit == nil, accept(keyword: "limit") {
                limit = try parseExpression()
            } else if offset == nil, accept(keyword: "offset") {
                offset = try parseExpression()
            }
        }
        return Query(ctes: ctes, body: body, orderBy: orderBy, limit: limit, offset: offset, range: start.through(peek(-1).range))
    }

    mutating func parseOrderItem() throws -> OrderItem {
        let all = current.isKeyword("all") ? advance() : nil
        let e = try all.map { Expression(kind: .literal(.null), range: $0.range) } ?? parseExpression()
        var descending = false
        if accept(keyword: "desc") { descending = true } else { _ = accept(keyword: "asc") }
        var nullsFirst: Bool?
        if accept(keyword: "nulls") {
            if accept(keyword: "first") { nullsFirst = true } else { try expect(keyword: "last"); nullsFirst = false }
        }
        return OrderItem(expression: e, descending: descending, nullsFirst: nullsFirst, coversAll: all != nil)
    }

    mutating func parseSetExpression() throws -> SetExpression {
        var left = try parseSetOperand()
        while current.isKeyword("union") || current.isKeyword("except") || current.isKeyword("intersect") {
            let op = advance()
            guard op.isKeyword("union") else {
                throw SQLError(.unsupported, "\(op.text.uppercased()) is not supported; use UNION ALL, or a join", line: op.range.line, column: op.range.column, length: op.range.length, sql: sql)
            }
            let all = accept(keyword: "all")
            if !all { _ = accept(keyword: "distinct") }
            let right = try parseSetOperand()
            left = .union(left, right, all: all, range: op.range)
        }
        return left
    }

    mutating func parseSetOperand() throws -> SetExpression {
        if current.isSymbol("(") {
            _ = advance()
            let q = try parseQuery()
            try expect(symbol: ")")
            return .query(q)
        }
        return .select(try parseSelect())
    }

    mutating func parseSelect() throws -> Select {
        let start = try expect(keyword: "select")
        let distinct = accept(keyword: "distinct")
        if !distinct { _ = accept(keyword: "all") }
        var items: [SelectItem] = []
        repeat { items.append(try parseSelectItem()) } while accept(symbol: ",")
        var from: FromItem?
        if accept(keyword: "from") { from = try parseFrom() }
        var whereClause: Expression?
        if accept(keyword: "where") { whereClause = try parseExpression() }
        var groupBy = GroupBy.none
        if current.isKeyword("group") {
            _ = advance()
            try expect(keyword: "by")
            if current.isKeyword("all") {
                groupBy = .all(advance().range)
            } else {
                groupBy = try parseGroupingElements()
            }
        }
        var having: Expression?
        if accept(keyword: "having") { having = try parseExpression() }
        let windows = current.isKeyword("window") ? try parseWindowClause() : []
        var qualify: Expression?
        if accept(keyword: "qualify") { qualify = try parseExpression() }
        return Select(distinct: distinct, items: items, from: from, whereClause: whereClause, groupBy: groupBy, having: having,
                      windows: windows, qualify: qualify, range: start.range)
    }

    mutating func parseSelectItem() throws -> SelectItem {
        if current.isSymbol("*") {
            let r = advance().range
            return .star(table: nil, exclude: try parseExclude(), range: r)
        }
        if current.kind == .word || current.kind == .quotedIdentifier, peek(1).isSymbol("."), peek(2).isSymbol("*") {
            let t = advance()
            _ = advance()
            _ = advance()
            return .star(table: t.text, exclude: try parseExclude(), range: t.range)
        }
        let e = try parseExpression()
        if accept(keyword: "as") {
            return .expression(e, alias: try aliasName())
        }
        if current.kind == .quotedIdentifier || (current.kind == .word && !ReservedWords.contains(current)) {
            return .expression(e, alias: advance().text)
        }
        return .expression(e, alias: nil)
    }

    mutating func aliasName() throws -> String {
        let t = current
        if t.kind == .quotedIdentifier || t.kind == .word || t.kind == .string {
            position += 1
            return t.text
        }
        throw unexpected("an alias")
    }

    mutating func parseExclude() throws -> [String] {
        guard current.isKeyword("exclude") else { return [] }
        _ = advance()
        var names: [String] = []
        if accept(symbol: "(") {
            repeat { names.append(try identifier("a column name").0) } while accept(symbol: ",")
            try expect(symbol: ")")
        } else {
            names.append(try identifier("a column name").0)
        }
        return names
    }

    // MARK: FROM

    mutating func parseFrom() throws -> FromItem {
        var left = try parseFromPrimary()
        while true {
            if accept(symbol: ",") {
                let right = try parseFromPrimary()
                left = .join(left, right, kind: .cross, on: nil, using: [], range: current.range)
                continue
            }
            let start = current
            var kind: JoinKind
            if accept(keyword: "join") {
                kind = .inner
            } else if current.isKeyword("inner"), peek(1).isKeyword("join") {
                position += 2
                kind = .inner
            } else if current.isKeyword("left") {
                _ = advance()
                _ = accept(keyword: "outer")
                try expect(keyword: "join")
                kind = .left
            } else if current.isKeyword("cross") {
                _ = advance()
                try expect(keyword: "join")
                kind = .cross
            } else if current.isKeyword("right") || current.isKeyword("full") {
                throw SQLError(.unsupported, "\(current.text.uppercased()) JOIN is not supported; swap the tables and use LEFT JOIN", line: current.range.line, column: current.range.column, length: current.range.length, sql: sql)
            } else {
                return left
            }
            let right = try parseFromPrimary()
            var on: Expression?
            var using: [String] = []
            if kind != .cross {
                if accept(keyword: "on") {
                    on = try parseExpression()
                } else if accept(keyword: "using") {
                    try expect(symbol: "(")
                    repeat { using.append(try identifier("a column name").0) } while accept(symbol: ",")
                    try expect(symbol: ")")
                } else {
                    throw unexpected("ON or USING")
                }
            }
            left = .join(left, right, kind: kind, on: on, using: using, range: start.range)
        }
    }

    mutating func parseFromPrimary() throws -> FromItem {
        if current.isSymbol("(") {
            let open = advance()
            if current.isKeyword("select") || current.isKeyword("with") || current.isSymbol("(") {
                let q = try parseQuery()
                try expect(symbol: ")")
                return .subquery(q, alias: try optionalAlias(), range: open.range)
            }
            let inner = try parseFrom()
            try expect(symbol: ")")
            return inner
        }
        let (name, range) = try identifier("a table name")
        var full = name
        // Schema-qualified names (main.hits) resolve to the table name.
        if current.isSymbol("."), peek(1).kind == .word || peek(1).kind == .quotedIdentifier {
            _ = advance()
            full = advance().text
        }
        return .table(name: full, alias: try optionalAlias(), range: range)
    }

    mutating func optionalAlias() throws -> String? {
        if accept(keyword: "as") { return try identifier("an alias").0 }
        if current.kind == .quotedIdentifier || (current.kind == .word && !ReservedWords.contains(current)) {
            return advance().text
        }
        return nil
    }
}
