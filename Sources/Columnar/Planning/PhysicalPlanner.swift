/// Turns a logical plan into operators, choosing row groups to read and
/// the encoding of each group key from what the statistics say.
struct PhysicalPlanner {
    /// Builds the operator for `node` and what is known about its outputs.
    func build(_ node: PlanNode) throws -> (any BatchOperator, [SlotFacts]) {
        switch node {
        case .scan(let scan):
            return try buildScan(scan.table, columns: scan.columns, filter: scan.filter, outputSlots: scan.outputSlots)
        case .singleRow:
            return (SingleRowOperator(), [])
        case .materialized(let table):
            return try buildScan(table, columns: Array(table.schema.columns.indices), filter: nil, outputSlots: Set(table.schema.columns.indices))
        case .filter(let input, let predicate):
            let (op, facts) = try build(input)
            return (try FilterOperator(input: op, predicate: predicate), facts)
        case .project(let input, let expressions):
            let (op, facts) = try build(input)
            let analysis = RangeAnalysis(slots: facts)
            let out = expressions.map { SlotFacts(range: analysis.range(of: $0), dictionarySize: analysis.dictionarySize(of: $0)) }
            return (try ProjectOperator(input: op, expressions: expressions), out)
        case .aggregate(let plan):
            return try buildAggregate(plan)
        case .join(let join):
            let (l, lf) = try build(join.left)
            let (r, rf) = try build(join.right)
            let op = try HashJoinOperator(left: l, right: r, kind: join.kind, leftKeys: join.leftKeys, rightKeys: join.rightKeys)
            // The right side's dictionaries are rebuilt by the join; their sizes are no longer fixed.
            return (op, lf + rf.map { SlotFacts(range: $0.range, dictionarySize: nil) })
        case .sort(let input, let keys, let limit):
            let (op, facts) = try build(input)
            return (SortOperator(input: op, keys: keys, limit: limit), facts.map { SlotFacts(range: $0.range, dictionarySize: nil) })
        case .limit(let input, let limit, let offset):
            let (op, facts) = try build(input)
            return (LimitOperator(input: op, limit: limit, offset: offset), facts)
        case .unionAll(let inputs, let types):
            let ops = try inputs.map { try build($0).0 }
            var rows = ResultCollector(types: types)
            let union = UnionAllOperator(inputs: ops, types: types)
            while let b = try union.next() { rows.append(b) }
            let table = rows.table(named: "union", columnNames: types.indices.map { "column\($0)" })
            return try buildScan(table, columns: Array(types.indices), filter: nil, outputSlots: Set(types.indices))
        }
    }

    private func buildScan(_ table: any TableProvider, columns: [Int], filter: BoundExpression?, outputSlots: Set<Int>) throws -> (any BatchOperator, [SlotFacts]) {
        let groups = try RowGroupPruner(table: table, columns: columns).candidates(filter: filter)
        let op = try TableScanOperator(table: table, columns: columns, filter: filter, outputSlots: outputSlots, rowGroups: groups)
        var facts: [SlotFacts] = []
        for c in columns {
            var merged = ColumnStatistics(rowCount: 0, nullCount: 0, bounds: nil)
            for g in groups { merged = merged.merged(with: table.rowGroups[g].statistics[c]) }
            let type = table.schema.columns[c].type
            facts.append(SlotFacts(range: merged.integerRange,
                                   dictionarySize: type == .string ? try table.dictionary(ofColumn: c).count : nil))
        }
        return (op, facts)
    }

    private func buildAggregate(_ plan: AggregatePlan) throws -> (any BatchOperator, [SlotFacts]) {
        let (input, facts) = try build(plan.input)
        let analysis = RangeAnalysis(slots: facts)
        let compiler = ExpressionCompiler(inputTypes: input.outputTypes)
        var keys: [any PhysicalExpression] = []
        var encodings: [KeyEncoding] = []
        var outputs: [HashAggregateOperator.KeyOutput] = []
        var outFacts: [SlotFacts] = []
        for key in plan.keys {
            var expression = key
            var output = HashAggregateOperator.KeyOutput.value
            if case .call(.dateTrunc(let unit), let args, _) = key {
                let ordinal = BoundExpression.call(.truncOrdinal(unit), args, .int64)
                if let r = analysis.range(of: ordinal), r.upperBound - r.lowerBound < Int64(GroupTable.denseLimit) {
                    expression = ordinal
                    output = .truncated(unit)
                }
            }
            keys.append(try compiler.compile(expression))
            encodings.append(encoding(of: expression, analysis))
            outputs.append(output)
            outFacts.append(SlotFacts(range: analysis.range(of: key), dictionarySize: analysis.dictionarySize(of: key)))
        }
        var aggregates: [HashAggregateOperator.Aggregate] = []
        for call in plan.aggregates {
            let argument = try call.argument.map { try compiler.compile($0) }
            let filter = try call.filter.map { try compiler.compile($0) }
            aggregates.append(HashAggregateOperator.Aggregate(state: state(for: call, analysis), argument: argument, filter: filter, type: call.type))
            outFacts.append(.unknown)
        }
        let op = HashAggregateOperator(input: input, keys: keys, encodings: encodings, keyOutputs: outputs,
                                       outputKeyTypes: plan.keys.map(\.type), aggregates: aggregates)
        return (op, outFacts)
    }

    private func encoding(of key: BoundExpression, _ analysis: RangeAnalysis) -> KeyEncoding {
        switch key.type {
        case .string: return .dictionary(fixedSize: analysis.dictionarySize(of: key))
        case .bool: return .boolean
        case .float64: return .hashed
        case .int64, .timestamp:
            if let r = analysis.range(of: key) {
                let (span, overflow) = r.upperBound.subtractingReportingOverflow(r.lowerBound)
                if !overflow, span < Int64(GroupTable.denseLimit) { return .range(lo: r.lowerBound, size: Int(span) + 1) }
            }
            return .hashed
        }
    }

    private func state(for call: AggregateCall, _ analysis: RangeAnalysis) -> any AggregateState {
        let inputType = call.argument?.type ?? .int64
        switch call.function {
        case .countStar: return CountState()
        case .count:
            guard call.distinct, let argument = call.argument else { return CountState() }
            switch argument.type {
            case .string: return DistinctCountState(domain: .codes)
            case .bool: return DistinctCountState(domain: .booleans)
            case .int64, .timestamp:
                if let r = analysis.range(of: argument) {
                    let (span, overflow) = r.upperBound.subtractingReportingOverflow(r.lowerBound)
                    if !overflow, span < 1 << 26 { return DistinctCountState(domain: .range(lo: r.lowerBound, size: Int(span) + 1)) }
                }
                return DistinctCountState(domain: .hashed)
            case .float64: return DistinctCountState(domain: .hashed)
            }
        case .sum: return SumState(output: .sum, inputType: inputType, outputType: call.type)
        case .avg: return SumState(output: .average, inputType: inputType, outputType: call.type)
        case .min: return ExtremumState(isMax: false, type: inputType)
        case .max: return ExtremumState(isMax: true, type: inputType)
        case .median: return CollectingState(kind: .continuous(0.5), inputType: inputType, outputType: call.type)
        case .quantileContinuous(let p): return CollectingState(kind: .continuous(p), inputType: inputType, outputType: call.type)
        case .quantileDiscrete(let p): return CollectingState(kind: .discrete(p), inputType: inputType, outputType: call.type)
        case .mode: return CollectingState(kind: .mode, inputType: inputType, outputType: call.type)
        case .stringAgg(let separator): return CollectingState(kind: .concatenate(separator), inputType: inputType, outputType: call.type)
        case .boolAnd: return BooleanState(kind: .all, type: .bool)
        case .boolOr: return BooleanState(kind: .any, type: .bool)
        case .anyValue: return BooleanState(kind: .first, type: inputType)
        case .stddevSample: return VarianceState(sample: true, root: true)
        case .stddevPopulation: return VarianceState(sample: false, root: true)
        case .varianceSample: return VarianceState(sample: true, root: false)
        case .variancePopulation: return VarianceState(sample: false, root: false)
        }
    }
}

/// Runs a plan to completion and collects its rows.
enum Executor {
    static func run(_ plan: PlanNode, names: [String]? = nil) throws -> QueryResult {
        let (op, _) = try PhysicalPlanner().build(plan)
        var rows = ResultCollector(types: op.outputTypes)
        while let batch = try op.next() { rows.append(batch) }
        let chunks = rows.chunks()
        let labels = names ?? chunks.indices.map { "column\($0)" }
        return QueryResult(columns: zip(labels, chunks).map { ResultColumn(name: $0, chunk: $1) })
    }
}
