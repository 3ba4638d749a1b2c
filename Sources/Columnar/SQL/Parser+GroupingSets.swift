/// GROUP BY lists with GROUPING SETS, ROLLUP and CUBE.
extension Parser {
    /// Items CUBE takes (2^12 sets).
    static let cubeLimit = 12
    /// Grouping sets a GROUP BY may give in all.
    static let setLimit = 1 << cubeLimit

    /// The items after GROUP BY: plain keys, or grouping sets when any
    /// item is GROUPING SETS, ROLLUP, CUBE or `()`; several items give every
    /// combination of their sets (`a, ROLLUP(b)` is `(a, b), (a)`).
    mutating func parseGroupingElements() throws -> GroupBy {
        let start = current.range
        var elements: [[[Expression]]] = []
        var plain = true
        repeat {
            if let sets = try parseGroupingConstruct() {
                plain = false
                elements.append(sets)
            } else {
                elements.append([[try parseExpression()]])
            }
        } while accept(symbol: ",")
        if plain { return .expressions(elements.map { $0[0][0] }) }
        var sets: [[Expression]] = [[]]
        for element in elements {
            guard sets.count * element.count <= Self.setLimit else {
                throw SQLError(.syntax, "GROUP BY gives more than \(Self.setLimit) grouping sets", line: start.line, column: start.column,
                               length: start.length, sql: sql)
            }
            sets = sets.flatMap { prefix in element.map { prefix + $0 } }
        }
        return .sets(sets, start)
    }

    /// GROUPING SETS (…), ROLLUP (…), CUBE (…) or `()` as its list of sets;
    /// nil (nothing consumed) for anything else.
    private mutating func parseGroupingConstruct() throws -> [[Expression]]? {
        if current.isSymbol("("), peek(1).isSymbol(")") {
            _ = advance()
            _ = advance()
            return [[]]
        }
        if current.isKeyword("grouping"), peek(1).isKeyword("sets") {
            _ = advance()
            _ = advance()
            try expect(symbol: "(")
            var sets: [[Expression]] = []
            repeat {
                if let nested = try parseGroupingConstruct() {
                    sets += nested
                } else {
                    sets.append(try parseGroupingUnit())
                }
            } while accept(symbol: ",")
            try expect(symbol: ")")
            return sets
        }
        let word = current
        guard word.isKeyword("rollup") || word.isKeyword("cube"), peek(1).isSymbol("(") else { return nil }
        _ = advance()
        _ = advance()
        var units: [[Expression]] = []
        repeat { units.append(try parseGroupingUnit()) } while accept(symbol: ",")
        try expect(symbol: ")")
        if word.isKeyword("rollup") {
            // (a, b, c), (a, b), (a), ()
            return (0...units.count).reversed().map { Array(units.prefix($0).joined()) }
        }
        guard units.count <= Self.cubeLimit else {
            throw error("CUBE takes at most \(Self.cubeLimit) items (\(1 << Self.cubeLimit) grouping sets)", at: word)
        }
        // Every subset, the fullest first, in the order of the items.
        return (0..<(1 << units.count)).reversed().map { mask in
            units.indices.filter { mask & (1 << (units.count - 1 - $0)) != 0 }.flatMap { units[$0] }
        }
    }

    /// One item of a set list: an expression, or a parenthesised list of them.
    private mutating func parseGroupingUnit() throws -> [Expression] {
        guard current.isSymbol("(") else { return [try parseExpression()] }
        let mark = position
        _ = advance()
        if accept(symbol: ")") { return [] }
        var list: [Expression] = []
        repeat { list.append(try parseExpression()) } while accept(symbol: ",")
        guard accept(symbol: ")") else {
            // Not a list after all — a parenthesised expression such as `(a + b) * 2`.
            position = mark
            return [try parseExpression()]
        }
        if list.count == 1, !current.isSymbol(",") && !current.isSymbol(")") {
            position = mark
            return [try parseExpression()]
        }
        return list
    }
}
