/// Window clauses: `OVER …` after a call, `WINDOW name AS (…)` after
/// HAVING, and frames.
extension Parser {
    /// Words that open a part of a window body rather than name a window.
    private static let windowBodyWords: Set<String> = ["partition", "order", "rows", "range", "groups"]

    /// `OVER name` or `OVER ([name] [PARTITION BY …] [ORDER BY …] [frame])`;
    /// the current token is OVER.
    mutating func parseOver() throws -> WindowSpecification {
        let over = advance()
        if !current.isSymbol("(") {
            let (name, range) = try identifier("a window name or '(' after OVER")
            return WindowSpecification(base: name, range: over.range.through(range))
        }
        return try parseWindowBody(start: over)
    }

    /// `WINDOW name AS (…), …`; the current token is WINDOW.
    mutating func parseWindowClause() throws -> [NamedWindow] {
        _ = advance()
        var windows: [NamedWindow] = []
        repeat {
            let (name, range) = try identifier("a window name")
            guard !windows.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw SQLError(.syntax, "window \"\(name)\" is defined twice", line: range.line, column: range.column, length: range.length, sql: sql)
            }
            let as_ = try expect(keyword: "as")
            windows.append(NamedWindow(name: name, specification: try parseWindowBody(start: as_), range: range))
        } while accept(symbol: ",")
        return windows
    }

    /// A parenthesised window body, its range starting at `start`.
    private mutating func parseWindowBody(start: Token) throws -> WindowSpecification {
        try expect(symbol: "(")
        var spec = WindowSpecification(range: start.range)
        let t = current
        if t.kind == .quotedIdentifier || (t.kind == .word && !ReservedWords.contains(t) && !Self.windowBodyWords.contains(t.text.lowercased())) {
            spec.base = advance().text
        }
        if accept(keyword: "partition") {
            try expect(keyword: "by")
            repeat { spec.partitionBy.append(try parseExpression()) } while accept(symbol: ",")
        }
        if accept(keyword: "order") {
            try expect(keyword: "by")
            repeat {
                let item = try parseOrderItem()
                if item.coversAll { throw error("ORDER BY ALL is not allowed in a window", at: peek(-1)) }
                spec.orderBy.append(item)
            } while accept(symbol: ",")
        }
        if current.isKeyword("rows") || current.isKeyword("range") || current.isKeyword("groups") {
            spec.frame = try parseFrame()
        }
        let close = try expect(symbol: ")")
        spec.range = start.range.through(close.range)
        return spec
    }

    /// `ROWS|RANGE BETWEEN start AND end` or `ROWS|RANGE start`.
    private mutating func parseFrame() throws -> FrameSyntax {
        let unitToken = advance()
        guard !unitToken.isKeyword("groups") else {
            throw SQLError(.unsupported, "GROUPS frames are not supported; use ROWS or RANGE", line: unitToken.range.line,
                           column: unitToken.range.column, length: unitToken.range.length, sql: sql)
        }
        let start: FrameSyntax.Bound, end: FrameSyntax.Bound
        let startToken = current
        var endToken = current
        if accept(keyword: "between") {
            start = try parseFrameBound()
            try expect(keyword: "and")
            endToken = current
            end = try parseFrameBound()
        } else {
            start = try parseFrameBound()
            end = .currentRow
        }
        let range = unitToken.range.through(peek(-1).range)
        if case .unboundedFollowing = start { throw error("a frame cannot start at UNBOUNDED FOLLOWING", at: startToken) }
        if case .unboundedPreceding = end { throw error("a frame cannot end at UNBOUNDED PRECEDING", at: endToken) }
        if start.rank > end.rank {
            let from = start.rank == 2 ? "the current row" : "a following row"
            let to = end.rank == 1 ? "preceding rows" : "the current row"
            throw error("a frame starting from \(from) cannot end at \(to)", at: endToken)
        }
        if current.isKeyword("exclude") {
            throw SQLError(.unsupported, "EXCLUDE in a window frame is not supported", line: current.range.line,
                           column: current.range.column, length: current.range.length, sql: sql)
        }
        return FrameSyntax(unit: unitToken.isKeyword("rows") ? .rows : .range, start: start, end: end, range: range)
    }

    /// `UNBOUNDED PRECEDING|FOLLOWING`, `CURRENT ROW`, `n PRECEDING|FOLLOWING`.
    private mutating func parseFrameBound() throws -> FrameSyntax.Bound {
        if accept(keyword: "unbounded") {
            if accept(keyword: "preceding") { return .unboundedPreceding }
            if accept(keyword: "following") { return .unboundedFollowing }
            throw unexpected("PRECEDING or FOLLOWING")
        }
        if accept(keyword: "current") {
            try expect(keyword: "row")
            return .currentRow
        }
        let offset = try parseExpression()
        if accept(keyword: "preceding") { return .preceding(offset) }
        if accept(keyword: "following") { return .following(offset) }
        throw unexpected("PRECEDING or FOLLOWING")
    }
}
