/// Binding of one SELECT block into a plan:
/// scan(s) → join(s) → filter → aggregate → having → window → qualify →
/// project → distinct → sort → limit.
extension Binder {
    private struct Item {
        var expression: BoundExpression
        var name: String
    }

    mutating func bindSelect(_ s: Select, orderBy: [OrderItem], limit: Int?, offset: Int) throws -> BoundQuery {
        let from = try bindFrom(s.from)
        let scope = from.scope
        let enclosingAliases = outputAliases
        let enclosingWindows = windowDefinitions
        outputAliases = [:]
        windowDefinitions = Dictionary(uniqueKeysWithValues: s.windows.map { ($0.name.lowercased(), $0.specification) })
        defer {
            outputAliases = enclosingAliases
            windowDefinitions = enclosingWindows
        }

        var whereConjuncts: [BoundExpression] = []
        if let w = s.whereClause {
            let bound = try bindExpression(w, scope: scope, context: .init(clause: "WHERE"))
            whereConjuncts = Binder.conjuncts(try requireBool(bound, at: w.range, clause: "WHERE"))
        }

        var items: [Item] = []
        for item in s.items {
            switch item {
            case .star(let table, let exclude, let range):
                guard !scope.entries.isEmpty else { throw error(.syntax, "SELECT * needs a FROM clause", at: range) }
                let excluded = Set(exclude.map { $0.lowercased() })
                let entries = scope.entries.filter { e in
                    (table.map { e.qualifier.lowercased() == $0.lowercased() } ?? !e.hiddenUnqualified) && !excluded.contains(e.name.lowercased())
                }
                if let table, !scope.entries.contains(where: { $0.qualifier.lowercased() == table.lowercased() }) {
                    throw error(.unknownTable, "no table or alias \"\(table)\" in this query", at: range)
                }
                items += entries.map { Item(expression: .column(ColumnReference(slot: $0.id, type: $0.type, range: range)), name: $0.name) }
            case .expression(let e, let alias):
                let bound = try bindExpression(e, scope: scope, context: .init(clause: "SELECT", allowAggregates: true, allowWindows: true))
                let name: String
                if let alias { name = alias } else if case .column(_, let n) = e.kind { name = n } else { name = text(of: e.range) }
                items.append(Item(expression: bound, name: name))
                if let alias { outputAliases[alias.lowercased()] = bound }
            }
        }

        var keys: [BoundExpression] = []
        var groupingSets: [[Int]]?
        var isAggregate = false
        switch s.groupBy {
        case .none:
            break
        case .all:
            isAggregate = true
            for item in items where !item.expression.containsAggregate && !item.expression.containsWindow && !keys.contains(item.expression) {
                keys.append(item.expression)
            }
        case .expressions(let list):
            isAggregate = true
            for e in list {
                let key = try bindGroupKey(e, scope: scope, items: items)
                if !keys.contains(key) { keys.append(key) }
            }
        case .sets(let list, _):
            isAggregate = true
            var sets: [[Int]] = []
            for set in list {
                var members = Set<Int>()
                for e in set {
                    let key = try bindGroupKey(e, scope: scope, items: items)
                    if let k = keys.firstIndex(of: key) {
                        members.insert(k)
                    } else {
                        keys.append(key)
                        members.insert(keys.count - 1)
                    }
                }
                sets.append(members.sorted())
            }
            groupingSets = sets
        }

        var having: BoundExpression?
        if let h = s.having {
            having = try requireBool(bindExpression(h, scope: scope, context: .init(clause: "HAVING", allowAggregates: true)), at: h.range, clause: "HAVING")
            if having!.containsWindow {
                throw error(.grouping, "window functions are not allowed in HAVING; filter on a window function's result with QUALIFY", at: h.range)
            }
            isAggregate = true
        }
        var qualify: BoundExpression?
        if let q = s.qualify {
            qualify = try requireBool(bindExpression(q, scope: scope, context: .init(clause: "QUALIFY", allowAggregates: true, allowWindows: true)),
                                      at: q.range, clause: "QUALIFY")
            if qualify!.containsAggregate { isAggregate = true }
        }
        if items.contains(where: { $0.expression.containsAggregate }) { isAggregate = true }

        // ORDER BY: output columns by position or name, else expressions (hidden columns when not selected).
        var sortSlots: [(slot: Int, item: OrderItem)] = []
        var hidden: [BoundExpression] = []
        for item in OrderItem.expanding(orderBy, columns: items.count) {
            let e = item.expression
            if case .literal(.int(let k)) = e.kind {
                guard k >= 1, k <= items.count else {
                    throw error(.syntax, "ORDER BY position \(k) is not in the select list (1…\(items.count))", at: e.range)
                }
                sortSlots.append((Int(k - 1), item))
                continue
            }
            if case .column(nil, let name) = e.kind, let k = items.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                sortSlots.append((k, item))
                continue
            }
            let bound = try bindExpression(e, scope: scope, context: .init(clause: "ORDER BY", allowAggregates: true, allowWindows: true))
            if bound.containsAggregate { isAggregate = true }
            if let k = items.firstIndex(where: { $0.expression == bound }) {
                sortSlots.append((k, item))
            } else if let h = hidden.firstIndex(of: bound) {
                sortSlots.append((items.count + h, item))
            } else {
                guard !s.distinct else {
                    throw error(.syntax, "with SELECT DISTINCT, ORDER BY expressions must appear in the select list", at: e.range)
                }
                hidden.append(bound)
                sortSlots.append((items.count + hidden.count - 1, item))
            }
        }

        var aggregates: [AggregateCall] = []
        var projection = items.map(\.expression) + hidden
        var groupings: [[BoundExpression]] = []
        if isAggregate {
            for e in projection + [having, qualify].compactMap({ $0 }) { Binder.collectGroupings(e, into: &groupings) }
            projection = try projection.map { try aggregateRewrite($0, keys: keys, groupings: groupings, aggregates: &aggregates, scope: scope) }
            having = try having.map { try aggregateRewrite($0, keys: keys, groupings: groupings, aggregates: &aggregates, scope: scope) }
            qualify = try qualify.map { try aggregateRewrite($0, keys: keys, groupings: groupings, aggregates: &aggregates, scope: scope) }
        }

        // Columns the block reads, for pruning.
        var used = Set<Int>()
        for c in whereConjuncts { used.formUnion(c.referencedSlots) }
        if isAggregate {
            for k in keys { used.formUnion(k.referencedSlots) }
            for a in aggregates { used.formUnion(BoundExpression.aggregate(a).referencedSlots) }
        } else {
            for p in projection + [qualify].compactMap({ $0 }) { used.formUnion(p.referencedSlots) }
        }

        let (fromPlan, slots, remaining) = try planFrom(from, where: whereConjuncts, used: used)
        var plan = fromPlan
        if let predicate = Binder.conjunction(remaining.map { remap($0, slots) }) {
            plan = .filter(plan, predicate)
        }
        if isAggregate {
            let boundKeys = keys.map { remap($0, slots) }
            let boundAggregates = aggregates.map { a -> AggregateCall in
                var a = a
                a.argument = a.argument.map { remap($0, slots) }
                a.second = a.second.map { remap($0, slots) }
                a.filter = a.filter.map { remap($0, slots) }
                return a
            }
            let groupingKeys = try groupings.map { args in
                try args.map { arg in
                    guard let k = keys.firstIndex(of: arg) else {
                        throw error(.grouping, "the arguments of GROUPING must be GROUP BY keys", at: arg.firstColumnRange ?? s.range)
                    }
                    return k
                }
            }
            // GROUPING in a plain GROUP BY: one set of every key, where it is 0.
            if groupingSets == nil, !groupingKeys.isEmpty { groupingSets = [Array(keys.indices)] }
            plan = .aggregate(AggregatePlan(input: plan, keys: boundKeys, aggregates: boundAggregates, sets: groupingSets, groupings: groupingKeys))
            if let having { plan = .filter(plan, having) }
        } else {
            projection = projection.map { remap($0, slots) }
            qualify = qualify.map { remap($0, slots) }
        }
        // Window functions see the grouped (or filtered) rows; QUALIFY filters on their results.
        var windowCalls: [WindowCall] = []
        let width = plan.outputTypes.count
        projection = projection.map { Binder.extractWindows($0, width: width, into: &windowCalls) }
        qualify = qualify.map { Binder.extractWindows($0, width: width, into: &windowCalls) }
        if !windowCalls.isEmpty { plan = .window(WindowPlan(input: plan, calls: windowCalls)) }
        if let qualify { plan = .filter(plan, qualify) }
        plan = .project(plan, projection)
        let types = items.map(\.expression.type)
        if s.distinct {
            let distinctKeys = projection.enumerated().map { BoundExpression.column(ColumnReference(slot: $0.offset, type: $0.element.type)) }
            plan = .aggregate(AggregatePlan(input: plan, keys: distinctKeys, aggregates: []))
        }
        if !sortSlots.isEmpty {
            let keys = sortSlots.map { SortKey(slot: $0.slot, descending: $0.item.descending, nullsFirst: $0.item.nullsFirst ?? false) }
            plan = .sort(plan, keys, limit: limit.map { $0 + offset })
        }
        if limit != nil || offset > 0 {
            plan = .limit(plan, limit: limit, offset: offset)
        }
        if !hidden.isEmpty {
            plan = .project(plan, types.enumerated().map { .column(ColumnReference(slot: $0.offset, type: $0.element)) })
        }
        return BoundQuery(plan: plan, names: items.map(\.name), types: types.map { $0 })
    }

    private mutating func bindGroupKey(_ e: Expression, scope: Scope, items: [Item]) throws -> BoundExpression {
        if case .literal(.int(let k)) = e.kind {
            guard k >= 1, k <= items.count else {
                throw error(.syntax, "GROUP BY position \(k) is not in the select list (1…\(items.count))", at: e.range)
            }
            let key = items[Int(k - 1)].expression
            guard !key.containsAggregate else { throw error(.grouping, "GROUP BY \(k) refers to an aggregate", at: e.range) }
            guard !key.containsWindow else { throw error(.grouping, "GROUP BY \(k) refers to a window function", at: e.range) }
            return key
        }
        if case .column(nil, let name) = e.kind, (try? scope.resolve(table: nil, name: name, range: e.range)) == nil,
           let item = items.first(where: { $0.name.lowercased() == name.lowercased() }) {
            guard !item.expression.containsAggregate else {
                throw error(.grouping, "GROUP BY \"\(name)\" refers to an aggregate", at: e.range)
            }
            guard !item.expression.containsWindow else {
                throw error(.grouping, "GROUP BY \"\(name)\" refers to a window function", at: e.range)
            }
            return item.expression
        }
        return try bindExpression(e, scope: scope, context: .init(clause: "GROUP BY"))
    }

    /// Expresses `e` over the aggregation's output: group keys become key
    /// slots, aggregate calls become aggregate slots.
    private func aggregateRewrite(_ e: BoundExpression, keys: [BoundExpression], groupings: [[BoundExpression]],
                                  aggregates: inout [AggregateCall], scope: Scope) throws -> BoundExpression {
        try e.rewritten { node in
            if let k = keys.firstIndex(of: node) {
                return .column(ColumnReference(slot: k, type: node.type))
            }
            switch node {
            case .grouping(let args):
                return .column(ColumnReference(slot: keys.count + groupings.firstIndex(of: args)!, type: .int64))
            case .aggregate(let a):
                let index: Int
                if let i = aggregates.firstIndex(of: a) { index = i } else { aggregates.append(a); index = aggregates.count - 1 }
                return .column(ColumnReference(slot: keys.count + groupings.count + index, type: a.type))
            case .column(let c):
                let name = scope.entry(id: c.slot).name
                throw error(.grouping, "column \"\(name)\" must appear in the GROUP BY clause or be used in an aggregate function", at: c.range)
            default:
                return nil
            }
        }
    }

    /// The argument lists of the GROUPING(…) calls in `e`, each once, in order.
    static func collectGroupings(_ e: BoundExpression, into out: inout [[BoundExpression]]) {
        _ = e.rewritten { node in
            if case .grouping(let args) = node, !out.contains(args) { out.append(args) }
            return nil
        }
    }

    /// Replaces global column ids by operator slots.
    func remap(_ e: BoundExpression, _ slots: [Int: Int]) -> BoundExpression {
        e.rewritten { node in
            if case .column(let c) = node {
                return .column(ColumnReference(slot: slots[c.slot]!, type: c.type, range: c.range))
            }
            return nil
        }
    }

    /// Builds scans (with pushed-down filters and only the used columns) and joins.
    /// - Returns: the plan, the slot of each global column id, and the WHERE
    ///   conjuncts still to apply after the joins.
    private func planFrom(_ from: FromBinding, where conjuncts: [BoundExpression], used: Set<Int>) throws -> (PlanNode, [Int: Int], [BoundExpression]) {
        guard !from.sources.isEmpty else { return (.singleRow, [:], conjuncts) }
        var joins = from.joins
        var pushed = [[BoundExpression]](repeating: [], count: from.sources.count)
        var remaining: [BoundExpression] = []
        for c in conjuncts {
            let sources = Set(c.referencedSlots.map(from.source(of:)))
            if sources.count == 1, let s = sources.first, !from.sources[s].nullable {
                pushed[s].append(c)
                continue
            }
            // An equality between the joined side and what precedes it becomes a join key.
            if sources.count == 2, case .call(.equal, let args, _) = c, let last = sources.max(), last > 0,
               joins[last - 1].kind != .left {
                let a = Set(args[0].referencedSlots.map(from.source(of:)))
                let b = Set(args[1].referencedSlots.map(from.source(of:)))
                if a.count == 1, b.count == 1, a != b {
                    let (l, r) = a.first! < b.first! ? (args[0], args[1]) : (args[1], args[0])
                    if Set(r.referencedSlots.map(from.source(of:))) == [last] {
                        joins[last - 1].leftKeys.append(l)
                        joins[last - 1].rightKeys.append(r)
                        if joins[last - 1].kind == .cross { joins[last - 1].kind = .inner }
                        continue
                    }
                }
            }
            remaining.append(c)
        }
        for (i, step) in joins.enumerated() { pushed[i + 1] += step.rightFilters }

        // Columns read above the scans, then those the pushed filters add.
        var downstream = used
        for c in remaining { downstream.formUnion(c.referencedSlots) }
        for step in joins {
            for k in step.leftKeys + step.rightKeys + step.residual { downstream.formUnion(k.referencedSlots) }
        }
        var needed = downstream
        for list in pushed { for c in list { needed.formUnion(c.referencedSlots) } }

        func planSource(_ s: Int) -> (PlanNode, [Int: Int]) {
            let source = from.sources[s]
            let ids = needed.filter { source.ids.contains($0) }.sorted()
            var map: [Int: Int] = [:]
            for (slot, id) in ids.enumerated() { map[id] = slot }
            let filter = Binder.conjunction(pushed[s].map { remap($0, map) })
            let outputs = Set(ids.enumerated().filter { downstream.contains($0.element) }.map(\.offset))
            return (.scan(ScanPlan(table: source.table, columns: ids.map { $0 - source.firstId }, filter: filter, outputSlots: outputs)), map)
        }

        var (plan, slots) = planSource(0)
        var width = plan.outputTypes.count
        for (i, step) in joins.enumerated() {
            let (right, rightSlots) = planSource(i + 1)
            let join = JoinPlan(left: plan, right: right, kind: step.kind,
                                leftKeys: step.leftKeys.map { remap($0, slots) },
                                rightKeys: step.rightKeys.map { remap($0, rightSlots) },
                                leftTypes: plan.outputTypes, rightTypes: right.outputTypes)
            plan = .join(join)
            for (id, slot) in rightSlots { slots[id] = width + slot }
            width += right.outputTypes.count
            if let residual = Binder.conjunction(step.residual.map { remap($0, slots) }) {
                plan = .filter(plan, residual)
            }
        }
        return (plan, slots, remaining)
    }
}
