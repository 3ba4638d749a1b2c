/// Primary expressions: literals, parameters, names, calls, CASE, CAST,
/// parenthesised expressions and sub-queries.
extension Parser {
    mutating func parsePrimary() throws -> Expression {
        let t = current
        switch t.kind {
        case .integer:
            _ = advance()
            if let v = Int64(t.text) { return Expression(kind: .literal(.int(v)), range: t.range) }
            guard let d = Double(t.text) else { throw error("malformed number \(t.text)", at: t) }
            return Expression(kind: .literal(.float(d)), range: t.range)
        case .decimal:
            _ = advance()
            let text = t.text.hasSuffix(".") ? t.text + "0" : (t.text.hasPrefix(".") ? "0" + t.text : t.text)
            guard let d = Double(text) else { throw error("malformed number \(t.text)", at: t) }
            return Expression(kind: .literal(.float(d)), range: t.range)
        case .string:
            _ = advance()
            return Expression(kind: .literal(.string(t.text)), range: t.range)
        case .parameter:
            _ = advance()
            return Expression(kind: .parameter(t.text), range: t.range)
        case .quotedIdentifier:
            return try parseName()
        case .symbol:
            if t.isSymbol("(") {
                _ = advance()
                if current.isKeyword("select") || current.isKeyword("with") {
                    let q = try parseQuery()
                    let close = try expect(symbol: ")")
                    return Expression(kind: .subquery(q), range: t.range.through(close.range))
                }
                var inner = try parseExpression()
                if current.isSymbol(",") {
                    throw error("row values (a, b) are not supported", at: current)
                }
                let close = try expect(symbol: ")")
                inner.range = t.range.through(close.range)
                return inner
            }
            if t.isSymbol("*") {
                throw error("'*' is only allowed in a select list or in count(*)", at: t)
            }
            throw unexpected("an expression")
        case .end:
            throw unexpected("an expression")
        case .word:
            break
        }
        let word = t.text.lowercased()
        switch word {
        case "null": _ = advance(); return Expression(kind: .literal(.null), range: t.range)
        case "true": _ = advance(); return Expression(kind: .literal(.bool(true)), range: t.range)
        case "false": _ = advance(); return Expression(kind: .literal(.bool(false)), range: t.range)
        case "case": return try parseCase()
        case "cast", "try_cast":
            guard peek(1).isSymbol("(") else { break }
            _ = advance()
            try expect(symbol: "(")
            let e = try parseExpression()
            try expect(keyword: "as")
            let (type, _) = try parseTypeName()
            let close = try expect(symbol: ")")
            return Expression(kind: .cast(e, type, tryCast: word == "try_cast"), range: t.range.through(close.range))
        case "exists", "not":
            let negated = word == "not"
            guard negated ? peek(1).isKeyword("exists") : peek(1).isSymbol("(") else { break }
            _ = advance()
            if negated { _ = advance() }
            try expect(symbol: "(")
            let q = try parseQuery()
            let close = try expect(symbol: ")")
            return Expression(kind: .exists(q, negated: negated), range: t.range.through(close.range))
        case "timestamp", "date", "datetime":
            guard peek(1).kind == .string else { break }
            _ = advance()
            let s = advance()
            return Expression(kind: .typedLiteral(word == "date" ? .date : .timestamp, s.text), range: t.range.through(s.range))
        case "interval":
            return try parseInterval()
        case "extract":
            guard peek(1).isSymbol("(") else { break }
            _ = advance()
            try expect(symbol: "(")
            let fieldToken = current
            guard fieldToken.kind == .word || fieldToken.kind == .string else { throw unexpected("a date part such as YEAR") }
            _ = advance()
            try expect(keyword: "from")
            let e = try parseExpression()
            let close = try expect(symbol: ")")
            let part = Expression(kind: .literal(.string(fieldToken.text.lowercased())), range: fieldToken.range)
            let call = FunctionCall(name: "date_part", arguments: [part, e], distinct: false, isStar: false, filter: nil, nameRange: t.range)
            return Expression(kind: .function(call), range: t.range.through(close.range))
        case "position":
            // position(needle IN haystack) is strpos(haystack, needle); position(haystack, needle) is an ordinary call.
            guard peek(1).isSymbol("(") else { break }
            let mark = position
            _ = advance()
            _ = advance()
            if let needle = try? parseOperand(), accept(keyword: "in") {
                let haystack = try parseExpression()
                let close = try expect(symbol: ")")
                let call = FunctionCall(name: "strpos", arguments: [haystack, needle], distinct: false, isStar: false, filter: nil, nameRange: t.range)
                return Expression(kind: .function(call), range: t.range.through(close.range))
            }
            position = mark
        default:
            break
        }
        // left(s, n) and right(s, n) are functions although LEFT and RIGHT start joins.
        if ReservedWords.contains(t), !((word == "left" || word == "right") && peek(1).isSymbol("(")) {
            throw unexpected("an expression")
        }
        return try parseName()
    }

    /// A column reference (`c`, `t.c`) or a function call (`f(…)`).
    private mutating func parseName() throws -> Expression {
        let first = advance()
        if first.kind == .word, current.isSymbol("(") {
            return try parseCall(name: first)
        }
        if current.isSymbol("."), peek(1).kind == .word || peek(1).kind == .quotedIdentifier {
            _ = advance()
            let column = advance()
            return Expression(kind: .column(table: first.text, name: column.text), range: first.range.through(column.range))
        }
        return Expression(kind: .column(table: nil, name: first.text), range: first.range)
    }

    private mutating func parseCall(name: Token) throws -> Expression {
        try expect(symbol: "(")
        var args: [Expression] = []
        var distinct = false
        var isStar = false
        if current.isSymbol("*") {
            _ = advance()
            isStar = true
        } else if !current.isSymbol(")") {
            distinct = accept(keyword: "distinct")
            if !distinct { _ = accept(keyword: "all") }
            repeat { args.append(try parseExpression()) } while accept(symbol: ",")
        }
        var orderBy: [OrderItem] = []
        if !args.isEmpty, accept(keyword: "order") {
            try expect(keyword: "by")
            repeat { orderBy.append(try parseOrderItem()) } while accept(symbol: ",")
        }
        var close = try expect(symbol: ")")
        if current.isKeyword("within"), peek(1).isKeyword("group") {
            // percentile_cont(p) WITHIN GROUP (ORDER BY x [DESC]): the binder reads it as a quantile of x.
            let within = advance()
            _ = advance()
            try expect(symbol: "(")
            try expect(keyword: "order")
            try expect(keyword: "by")
            let item = try parseOrderItem()
            close = try expect(symbol: ")")
            guard ["percentile_cont", "percentile_disc"].contains(name.text.lowercased()), args.count == 1, orderBy.isEmpty, !item.coversAll else {
                throw error("WITHIN GROUP (ORDER BY x) follows percentile_cont(p) or percentile_disc(p)", at: within)
            }
            orderBy = [item]
        }
        var filter: Expression?
        if current.isKeyword("filter"), peek(1).isSymbol("(") {
            _ = advance()
            _ = advance()
            try expect(keyword: "where")
            filter = try parseExpression()
            close = try expect(symbol: ")")
        }
        var over: WindowSpecification?
        if current.isKeyword("over") {
            over = try parseOver()
            close = peek(-1)
        }
        let call = FunctionCall(name: name.text.lowercased(), arguments: args, distinct: distinct, isStar: isStar, filter: filter,
                                orderBy: orderBy, nameRange: name.range, over: over)
        return Expression(kind: .function(call), range: name.range.through(close.range))
    }

    private mutating func parseCase() throws -> Expression {
        let start = advance()
        var operand: Expression?
        if !current.isKeyword("when") { operand = try parseExpression() }
        var branches: [(Expression, Expression)] = []
        while accept(keyword: "when") {
            let condition = try parseExpression()
            try expect(keyword: "then")
            branches.append((condition, try parseExpression()))
        }
        guard !branches.isEmpty else { throw unexpected("WHEN") }
        var otherwise: Expression?
        if accept(keyword: "else") { otherwise = try parseExpression() }
        let end = try expect(keyword: "end")
        return Expression(kind: .caseWhen(operand: operand, branches: branches, otherwise: otherwise), range: start.range.through(end.range))
    }

    /// `INTERVAL '3 days'`, `INTERVAL 3 DAY`, `INTERVAL '1' HOUR`: a number of seconds.
    private mutating func parseInterval() throws -> Expression {
        let start = advance()
        var amountText: String
        var unitText: String?
        let t = current
        switch t.kind {
        case .string:
            _ = advance()
            let parts = t.text.split(separator: " ", omittingEmptySubsequences: true)
            amountText = parts.first.map(String.init) ?? ""
            if parts.count == 2 { unitText = String(parts[1]) } else if parts.count > 2 {
                throw error("write one unit per interval, e.g. INTERVAL '3 days'", at: t)
            }
        case .integer, .decimal:
            _ = advance()
            amountText = t.text
        default:
            throw unexpected("an interval amount")
        }
        if unitText == nil {
            guard current.kind == .word else { throw unexpected("an interval unit such as DAY") }
            unitText = advance().text
        }
        guard let amount = Double(amountText) else { throw error("malformed interval amount \(amountText)", at: t) }
        let unit = unitText!.lowercased()
        let seconds: Double
        switch unit.hasSuffix("s") && unit.count > 1 ? String(unit.dropLast()) : unit {
        case "second", "sec": seconds = 1
        case "minute", "min": seconds = 60
        case "hour", "h": seconds = 3600
        case "day", "d": seconds = 86_400
        case "week": seconds = 604_800
        default:
            throw error("interval unit \(unitText!) has no fixed length; use second, minute, hour, day or week", at: peek(-1))
        }
        let total = amount * seconds
        guard total == total.rounded(), abs(total) < 9e18 else { throw error("interval is not a whole number of seconds", at: t) }
        return Expression(kind: .interval(seconds: Int64(total)), range: start.range.through(peek(-1).range))
    }
}
