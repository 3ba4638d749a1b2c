/// Expression grammar, lowest precedence first:
/// OR, AND, NOT, comparisons (= <> < … IS IN BETWEEN LIKE), ||, + -, * / // %,
/// unary sign, `::` casts, primaries.
extension Parser {
    mutating func parseExpression() throws -> Expression {
        try parseOr()
    }

    private mutating func parseOr() throws -> Expression {
        var left = try parseAnd()
        while current.isKeyword("or") {
            let op = advance()
            let right = try parseAnd()
            left = Expression(kind: .binary("or", left, right), range: span(left, right, op))
        }
        return left
    }

    private mutating func parseAnd() throws -> Expression {
        var left = try parseNot()
        while current.isKeyword("and") {
            let op = advance()
            let right = try parseNot()
            left = Expression(kind: .binary("and", left, right), range: span(left, right, op))
        }
        return left
    }

    private mutating func parseNot() throws -> Expression {
        if current.isKeyword("not"), !peek(1).isKeyword("exists") {
            let op = advance()
            let inner = try parseNot()
            return Expression(kind: .not(inner), range: op.range.through(inner.range))
        }
        return try parseComparison()
    }

    func span(_ a: Expression, _ b: Expression, _ op: Token) -> SourceRange {
        a.range.through(b.range)
    }

    private mutating func parseComparison() throws -> Expression {
        var left = try parseConcat()
        while true {
            let t = current
            if t.kind == .symbol, ["=", "==", "!=", "<>", "<", "<=", ">", ">="].contains(t.text) {
                _ = advance()
                let right = try parseConcat()
                let op = t.text == "==" ? "=" : (t.text == "!=" ? "<>" : t.text)
                left = Expression(kind: .binary(op, left, right), range: span(left, right, t))
                continue
            }
            if t.isKeyword("is") {
                _ = advance()
                let negated = accept(keyword: "not")
                if accept(keyword: "null") {
                    left = Expression(kind: .isNull(left, negated: negated), range: left.range.through(peek(-1).range))
                } else if accept(keyword: "true") {
                    left = Expression(kind: .isBool(left, true, negated: negated), range: left.range.through(peek(-1).range))
                } else if accept(keyword: "false") {
                    left = Expression(kind: .isBool(left, false, negated: negated), range: left.range.through(peek(-1).range))
                } else if accept(keyword: "distinct") {
                    try expect(keyword: "from")
                    let right = try parseConcat()
                    let op = negated ? "is not distinct from" : "is distinct from"
                    left = Expression(kind: .binary(op, left, right), range: span(left, right, t))
                } else {
                    throw unexpected("NULL, TRUE, FALSE or DISTINCT FROM after IS")
                }
                continue
            }
            var negated = false
            if t.isKeyword("not"), peek(1).isKeyword("in") || peek(1).isKeyword("between") || peek(1).isKeyword("like") || peek(1).isKeyword("ilike") {
                _ = advance()
                negated = true
            }
            if accept(keyword: "in") {
                try expect(symbol: "(")
                if current.isKeyword("select") || current.isKeyword("with") {
                    let q = try parseQuery()
                    let close = try expect(symbol: ")")
                    left = Expression(kind: .inQuery(left, q, negated: negated), range: left.range.through(close.range))
                } else {
                    var items: [Expression] = []
                    if !current.isSymbol(")") {
                        repeat { items.append(try parseExpression()) } while accept(symbol: ",")
                    }
                    let close = try expect(symbol: ")")
                    left = Expression(kind: .inList(left, items, negated: negated), range: left.range.through(close.range))
                }
                continue
            }
            if accept(keyword: "between") {
                let low = try parseConcat()
                try expect(keyword: "and")
                let high = try parseConcat()
                left = Expression(kind: .between(left, low, high, negated: negated), range: left.range.through(high.range))
                continue
            }
            if current.isKeyword("like") || current.isKeyword("ilike") {
                let insensitive = advance().isKeyword("ilike")
                let pattern = try parseConcat()
                if accept(keyword: "escape") {
                    let esc = current
                    guard esc.kind == .string, esc.text == "\\" else {
                        throw error("only ESCAPE '\\' is supported", at: esc)
                    }
                    _ = advance()
                }
                left = Expression(kind: .like(left, pattern, caseInsensitive: insensitive, negated: negated), range: left.range.through(pattern.range))
                continue
            }
            if negated { throw unexpected("IN, BETWEEN, LIKE or ILIKE after NOT") }
            return left
        }
    }

    /// An operand of a comparison (an expression without comparisons, IN,
    /// AND, OR or NOT), as in `position(needle IN haystack)`.
    mutating func parseOperand() throws -> Expression {
        try parseConcat()
    }

    private mutating func parseConcat() throws -> Expression {
        var left = try parseAdditive()
        while current.isSymbol("||") {
            let op = advance()
            let right = try parseAdditive()
            left = Expression(kind: .binary("||", left, right), range: span(left, right, op))
        }
        return left
    }

    private mutating func parseAdditive() throws -> Expression {
        var left = try parseMultiplicative()
        while current.isSymbol("+") || current.isSymbol("-") {
            let op = advance()
            let right = try parseMultiplicative()
            left = Expression(kind: .binary(op.text, left, right), range: span(left, right, op))
        }
        return left
    }

    private mutating func parseMultiplicative() throws -> Expression {
        var left = try parsePower()
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("//") || current.isSymbol("%") {
            let op = advance()
            let right = try parsePower()
            left = Expression(kind: .binary(op.text, left, right), range: span(left, right, op))
        }
        return left
    }

    private mutating func parseUnary() throws -> Expression {
        if current.isSymbol("-") || current.isSymbol("+") {
            let op = advance()
            let inner = try parseUnary()
            if op.text == "-", case .literal(let v) = inner.kind {
                switch v {
                case .int(let i) where i != Int64.min: return Expression(kind: .literal(.int(-i)), range: op.range.through(inner.range))
                case .float(let f): return Expression(kind: .literal(.float(-f)), range: op.range.through(inner.range))
                default: break
                }
            }
            return Expression(kind: .unary(op.text, inner), range: op.range.through(inner.range))
        }
        return try parsePostfix()
    }

    /// `a ^ b` and `a ** b`: tighter than `*`, looser than a sign (`-2 ^ 2`
    /// is 4, as in DuckDB), left to right.
    private mutating func parsePower() throws -> Expression {
        var left = try parseUnary()
        while current.isSymbol("^") || current.isSymbol("**") {
            let op = advance()
            let right = try parseUnary()
            let call = FunctionCall(name: "power", arguments: [left, right], distinct: false, isStar: false, filter: nil, nameRange: op.range)
            left = Expression(kind: .function(call), range: span(left, right, op))
        }
        return left
    }

    private mutating func parsePostfix() throws -> Expression {
        var e = try parsePrimary()
        while current.isSymbol("::") {
            _ = advance()
            let (type, range) = try parseTypeName()
            e = Expression(kind: .cast(e, type, tryCast: false), range: e.range.through(range))
        }
        return e
    }

    mutating func parseTypeName() throws -> (DataType, SourceRange) {
        let t = current
        guard t.kind == .word else { throw unexpected("a type name") }
        _ = advance()
        var name = t.text.lowercased()
        if name == "double", current.isKeyword("precision") { _ = advance() }
        if name == "character", current.isKeyword("varying") { _ = advance(); name = "varchar" }
        if accept(symbol: "(") {
            while !current.isSymbol(")"), current.kind != .end { _ = advance() }
            try expect(symbol: ")")
        }
        if name == "timestamp", current.isKeyword("with") || current.isKeyword("without") {
            _ = advance()
            try expect(keyword: "time")
            guard current.isKeyword("zone") else { throw unexpected("ZONE") }
            _ = advance()
        }
        guard let type = DataType(name: name) else {
            throw error("unknown type \(t.text); types are int, float, bool, timestamp, string", at: t)
        }
        return (type, t.range)
    }
}
