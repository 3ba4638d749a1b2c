/// The window step: the expressions its functions read become columns of
/// a projection below it; calls with equal PARTITION BY and ORDER BY share
/// one ordering (one sort).
extension PhysicalPlanner {
    func buildWindow(_ plan: WindowPlan) throws -> (any BatchOperator, [SlotFacts]) {
        let (input, facts) = try build(plan.input)
        let width = input.outputTypes.count
        var computed: [BoundExpression] = []
        func slot(_ e: BoundExpression) -> Int {
            if case .column(let c) = e { return c.slot }
            if let i = computed.firstIndex(of: e) { return width + i }
            computed.append(e)
            return width + computed.count - 1
        }
        var specs: [WindowSpec] = []
        var functions: [WindowOperator.Function] = []
        for call in plan.calls {
            let ordering: Int
            if let i = specs.firstIndex(of: call.spec) { ordering = i } else { specs.append(call.spec); ordering = specs.count - 1 }
            functions.append(WindowOperator.Function(
                function: call.function, argument: call.arguments.first.map(slot), fallback: call.arguments.count > 1 ? slot(call.arguments[1]) : nil,
                filter: call.filter.map(slot), frame: call.frame, type: call.type, ordering: ordering))
        }
        let orderings = specs.map { spec in
            WindowOperator.Ordering(partition: spec.partitionBy.map(slot),
                                    order: spec.orderBy.map { SortKey(slot: slot($0.expression), descending: $0.descending, nullsFirst: $0.nullsFirst) })
        }
        var source = input
        if !computed.isEmpty {
            let passed = input.outputTypes.enumerated().map { BoundExpression.column(ColumnReference(slot: $0.offset, type: $0.element)) }
            source = try ProjectOperator(input: input, expressions: passed + computed)
        }
        let op = WindowOperator(input: source, width: width, orderings: orderings, functions: functions)
        // Collected strings may move to a dictionary of their own: sizes are no longer fixed.
        return (op, facts.map { SlotFacts(range: $0.range, dictionarySize: nil) } + plan.calls.map { _ in .unknown })
    }
}
