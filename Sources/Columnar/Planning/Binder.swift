/// The result of binding a query: a plan and the names and types of its
/// output columns.
struct BoundQuery: Sendable {
    var plan: PlanNode
    var names: [String]
    var types: [DataType]
}

/// Resolves names and types of a parsed statement and builds its logical
/// plan, pushing filters and column pruning down to the scans.
///
/// One binder serves one statement: common table expressions are
/// materialised on first use and kept for the statement's other references;
/// uncorrelated sub-queries run while binding and become constants.
struct Binder {
    let catalog: any Catalog
    let calendar: PeriodCalendar
    let parameters: [String: Value]
    let sql: String
    /// Runs a plan to completion (sub-queries, CTEs).
    let run: (PlanNode) throws -> QueryResult

    struct CommonTable {
        var definition: CommonTableExpression
        var table: Table?
    }

    /// CTEs in scope, innermost last.
    var frames: [[String: CommonTable]] = []
    /// The current SELECT block's aliased items bound so far, by alias
    /// (lowercased): for GROUPING(alias), and for HAVING, which may name
    /// an aggregate's (`HAVING c > 10` for `count(*) AS c`).
    var outputAliases: [String: BoundExpression] = [:]
    /// The current SELECT block's `WINDOW name AS (…)` definitions, by name (lowercased).
    var windowDefinitions: [String: WindowSpecification] = [:]

    init(catalog: any Catalog, calendar: PeriodCalendar, parameters: [String: Value], sql: String,
         run: @escaping (PlanNode) throws -> QueryResult) {
        self.catalog = catalog
        self.calendar = calendar
        self.parameters = parameters
        self.sql = sql
        self.run = run
    }

    func error(_ code: SQLError.Code, _ message: String, at range: SourceRange?) -> SQLError {
        guard let range else { return SQLError(code, message, sql: sql) }
        return SQLError(code, message, line: range.line, column: range.column, length: range.length, sql: sql)
    }

    /// The statement text a range covers (used to name unaliased columns).
    func text(of range: SourceRange) -> String {
        let scalars = sql.unicodeScalars
        guard let start = scalars.index(scalars.startIndex, offsetBy: range.offset, limitedBy: scalars.endIndex),
              let end = scalars.index(start, offsetBy: range.length, limitedBy: scalars.endIndex) else { return "?" }
        return String(scalars[start..<end])
    }

    // MARK: Queries

    mutating func bindQuery(_ query: Query) throws -> BoundQuery {
        var frame: [String: CommonTable] = [:]
        for cte in query.ctes {
            let key = cte.name.lowercased()
            guard frame[key] == nil else {
                throw error(.syntax, "common table expression \"\(cte.name)\" is defined twice", at: cte.range)
            }
            frame[key] = CommonTable(definition: cte, table: nil)
        }
        frames.append(frame)
        defer { frames.removeLast() }

        let limit = try query.limit.map { try constantCount($0, clause: "LIMIT") }
        let offset = try query.offset.map { try constantCount($0, clause: "OFFSET") } ?? 0

        if case .select(let select) = query.body {
            return try bindSelect(select, orderBy: query.orderBy, limit: limit, offset: offset)
        }
        var bound = try bindSetExpression(query.body)
        if !query.orderBy.isEmpty {
            let keys = try OrderItem.expanding(query.orderBy, columns: bound.names.count).map { item -> SortKey in
                let slot = try outputSlot(of: item.expression, names: bound.names)
                return SortKey(slot: slot, descending: item.descending, nullsFirst: item.nullsFirst ?? false)
            }
            bound.plan = .sort(bound.plan, keys, limit: limit.map { $0 + offset })
        }
        if limit != nil || offset > 0 {
            bound.plan = .limit(bound.plan, limit: limit, offset: offset)
        }
        return bound
    }

    /// An output column named or numbered by an ORDER BY item of a UNION.
    private func outputSlot(of e: Expression, names: [String]) throws -> Int {
        switch e.kind {
        case .literal(.int(let k)):
            guard k >= 1, k <= names.count else {
                throw error(.syntax, "ORDER BY position \(k) is not in the select list (1…\(names.count))", at: e.range)
            }
            return Int(k - 1)
        case .column(nil, let name):
            if let i = names.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return i }
            throw error(.unknownColumn, "ORDER BY \"\(name)\" is not an output column; outputs are: \(names.joined(separator: ", "))", at: e.range)
        default:
            throw error(.unsupported, "ORDER BY over a UNION takes output column names or positions", at: e.range)
        }
    }

    private mutating func bindSetExpression(_ body: SetExpression) throws -> BoundQuery {
        switch body {
        case .select(let s):
            return try bindSelect(s, orderBy: [], limit: nil, offset: 0)
        case .query(let q):
            return try bindQuery(q)
        case .union(let a, let b, let all, let range):
            let left = try bindSetExpression(a)
            let right = try bindSetExpression(b)
            guard left.types.count == right.types.count else {
                throw error(.typeMismatch, "the two sides of UNION have \(left.types.count) and \(right.types.count) columns", at: range)
            }
            var types: [DataType] = []
            var leftCasts: [BoundExpression] = []
            var rightCasts: [BoundExpression] = []
            for (i, (lt, rt)) in zip(left.types, right.types).enumerated() {
                guard let t = DataType.widened(lt, rt) else {
                    throw error(.typeMismatch, "column \(i + 1) of UNION is \(lt) on the left and \(rt) on the right", at: range)
                }
                types.append(t)
                leftCasts.append(castIfNeeded(.column(ColumnReference(slot: i, type: lt)), to: t))
                rightCasts.append(castIfNeeded(.column(ColumnReference(slot: i, type: rt)), to: t))
            }
            let lp = left.types == types ? left.plan : .project(left.plan, leftCasts)
            let rp = right.types == types ? right.plan : .project(right.plan, rightCasts)
            var plan: PlanNode = .unionAll([lp, rp], types: types)
            if !all {
                let keys = types.enumerated().map { BoundExpression.column(ColumnReference(slot: $0.offset, type: $0.element)) }
                plan = .aggregate(AggregatePlan(input: plan, keys: keys, aggregates: []))
            }
            return BoundQuery(plan: plan, names: left.names, types: types)
        }
    }

    private func castIfNeeded(_ e: BoundExpression, to t: DataType) -> BoundExpression {
        e.type == t ? e : .call(.cast(t, tryCast: false), [e], t)
    }

    /// A LIMIT or OFFSET: a constant, non-negative integer.
    private mutating func constantCount(_ e: Expression, clause: String) throws -> Int {
        let scope = Scope(sql: sql)
        let bound = try bindExpression(e, scope: scope, context: .init(clause: clause))
        guard case .constant(let v, _) = bound, let n = v.integerValue ?? v.doubleValue.flatMap({ $0 == $0.rounded() ? Int64($0) : nil }), n >= 0 else {
            throw error(.typeMismatch, "\(clause) takes a non-negative integer", at: e.range)
        }
        return Int(n)
    }

    // MARK: Tables

    /// A table of the catalog or a CTE in scope, materialising the CTE on first use.
    mutating func resolveTable(_ name: String, range: SourceRange) throws -> any TableProvider {
        let key = name.lowercased()
        for f in frames.indices.reversed() {
            guard var cte = frames[f][key] else { continue }
            if let table = cte.table { return table }
            // A CTE sees the CTEs defined before it; hide itself to stop recursion.
            let saved = frames
            frames = Array(frames[...f])
            frames[f][key] = nil
            let bound: BoundQuery
            do {
                bound = try bindQuery(cte.definition.query)
            } catch {
                frames = saved
                throw error
            }
            frames = saved
            var result = try run(bound.plan)
            let names = cte.definition.columnNames
            if !names.isEmpty {
                guard names.count == result.columns.count else {
                    throw self.error(.syntax, "\(cte.definition.name) names \(names.count) columns but its query returns \(result.columns.count)", at: cte.definition.range)
                }
                for i in names.indices { result.columns[i].name = names[i] }
            } else {
                for i in result.columns.indices { result.columns[i].name = bound.names[i] }
            }
            let table = result.table(named: cte.definition.name)
            cte.table = table
            frames[f][key] = cte
            return table
        }
        if let table = try catalog.table(named: name) { return table }
        let known = (try? catalog.tableNames()) ?? []
        let ctes = frames.flatMap { $0.values.map(\.definition.name) }
        let all = (ctes + known)
        throw error(.unknownTable, "unknown table \"\(name)\"" + (all.isEmpty ? "; the workspace has no tables yet" : "; tables: \(all.joined(separator: ", "))"), at: range)
    }
}
