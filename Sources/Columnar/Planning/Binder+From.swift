/// The FROM clause of a SELECT block, bound: its sources in join order,
/// the scope their columns form, and the join conditions.
struct FromBinding {
    struct Source {
        var table: any TableProvider
        var alias: String
        /// Global id of the source's first column; column c has id firstId + c.
        var firstId: Int
        /// The right side of a LEFT JOIN: filters from WHERE cannot move into it.
        var nullable: Bool
        var ids: Range<Int> { firstId..<(firstId + table.schema.columns.count) }
    }

    /// Joins the accumulated left side with `sources[index]`.
    struct JoinStep {
        var kind: JoinKind
        var leftKeys: [BoundExpression] = []
        var rightKeys: [BoundExpression] = []
        /// Conditions on the right source alone (pushed into its scan).
        var rightFilters: [BoundExpression] = []
        /// Other conditions of an inner join, applied after it.
        var residual: [BoundExpression] = []
    }

    var sources: [Source] = []
    var joins: [JoinStep] = []
    var scope: Scope

    /// The source a global column id belongs to.
    func source(of id: Int) -> Int {
        sources.firstIndex { $0.ids.contains(id) }!
    }
}

extension Binder {
    mutating func bindFrom(_ item: FromItem?) throws -> FromBinding {
        var binding = FromBinding(scope: Scope(sql: sql))
        guard let item else { return binding }
        try bindFromItem(item, into: &binding)
        return binding
    }

    private mutating func bindFromItem(_ item: FromItem, into binding: inout FromBinding) throws {
        switch item {
        case .table(let name, let alias, let range):
            let table = try resolveTable(name, range: range)
            try addSource(table, alias: alias ?? name, range: range, into: &binding)
        case .subquery(let query, let alias, let range):
            let bound = try bindQuery(query)
            var result = try run(bound.plan)
            for i in result.columns.indices { result.columns[i].name = bound.names[i] }
            let name = alias ?? "subquery"
            try addSource(result.table(named: name), alias: name, range: range, into: &binding)
        case .join(let left, let right, let kind, let on, let using, let range):
            try bindFromItem(left, into: &binding)
            let leftIds = 0..<(binding.sources.last.map { $0.ids.upperBound } ?? 0)
            switch right {
            case .table, .subquery:
                try bindFromItem(right, into: &binding)
            case .join:
                throw error(.unsupported, "a parenthesised join on the right of JOIN is not supported; write the joins one after another", at: range)
            }
            if kind == .left { binding.sources[binding.sources.count - 1].nullable = true }
            let rightIds = binding.sources.last!.ids
            var step = FromBinding.JoinStep(kind: kind)
            var conditions: [BoundExpression] = []
            if let on {
                let bound = try bindExpression(on, scope: binding.scope, context: .init(clause: "ON"))
                conditions = Binder.conjuncts(try requireBool(bound, at: on.range, clause: "ON"))
            }
            for name in using {
                let l = try binding.scope.entries.filter { leftIds.contains($0.id) }.first { $0.name.lowercased() == name.lowercased() }
                    .orThrow(error(.unknownColumn, "USING column \"\(name)\" is not in the left side of the join", at: range))
                let rIndex = try binding.scope.entries.firstIndex { rightIds.contains($0.id) && $0.name.lowercased() == name.lowercased() }
                    .orThrow(error(.unknownColumn, "USING column \"\(name)\" is not in \(binding.sources.last!.alias)", at: range))
                let r = binding.scope.entries[rIndex]
                binding.scope.entries[rIndex].hiddenUnqualified = true
                conditions.append(try comparison("=", .column(ColumnReference(slot: l.id, type: l.type, range: range)),
                                                 .column(ColumnReference(slot: r.id, type: r.type, range: range)), range: range))
            }
            for c in conditions {
                let slots = c.referencedSlots
                if !slots.isEmpty, slots.isSubset(of: Set(rightIds)) {
                    step.rightFilters.append(c)
                    continue
                }
                if case .call(.equal, let args, _) = c {
                    let a = args[0].referencedSlots, b = args[1].referencedSlots
                    if !a.isEmpty, !b.isEmpty, a.isSubset(of: Set(leftIds)), b.isSubset(of: Set(rightIds)) {
                        step.leftKeys.append(args[0]); step.rightKeys.append(args[1]); continue
                    }
                    if !a.isEmpty, !b.isEmpty, b.isSubset(of: Set(leftIds)), a.isSubset(of: Set(rightIds)) {
                        step.leftKeys.append(args[1]); step.rightKeys.append(args[0]); continue
                    }
                }
                guard kind != .left else {
                    throw error(.unsupported, "LEFT JOIN … ON takes equalities between the two sides and conditions on the right table only", at: on?.range ?? range)
                }
                step.residual.append(c)
            }
            if kind != .cross, step.leftKeys.isEmpty, on != nil || !using.isEmpty, kind == .left {
                throw error(.unsupported, "LEFT JOIN needs at least one equality between the two sides", at: range)
            }
            binding.joins.append(step)
        }
    }

    private func addSource(_ table: any TableProvider, alias: String, range: SourceRange, into binding: inout FromBinding) throws {
        if binding.sources.contains(where: { $0.alias.lowercased() == alias.lowercased() }) {
            throw error(.syntax, "\"\(alias)\" appears twice in FROM; give one of them an alias", at: range)
        }
        let first = binding.sources.last.map { $0.ids.upperBound } ?? 0
        binding.sources.append(FromBinding.Source(table: table, alias: alias, firstId: first, nullable: false))
        for (c, column) in table.schema.columns.enumerated() {
            binding.scope.entries.append(Scope.Entry(qualifier: alias, name: column.name, type: column.type, id: first + c))
        }
    }

    /// Splits a predicate into its AND-ed parts.
    static func conjuncts(_ e: BoundExpression) -> [BoundExpression] {
        if case .call(.and, let args, _) = e { return args.flatMap { conjuncts($0) } }
        return [e]
    }

    /// Joins predicates with AND (nil when there are none).
    static func conjunction(_ parts: [BoundExpression]) -> BoundExpression? {
        switch parts.count {
        case 0: nil
        case 1: parts[0]
        default: .call(.and, parts, .bool)
        }
    }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> some Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}
