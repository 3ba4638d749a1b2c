/// Turns a logical plan into operators, choosing row groups to read and
/// the encoding of each group key from what the statistics say.
struct PhysicalPlanner {
    /// Threads an aggregation may split its input across.
    var threads = 1
    /// Dictionary masks computed once for all the query's scans and pruners.
    let masks = DictionaryEvaluation()

    /// Part `index` of `count` consecutive shares of a scan's row groups.
    struct Partition {
        var index: Int
        var count: Int
    }

    /// Rows below which an aggregation stays on one thread.
    static let parallelThreshold = 4 * 65_536

    /// Builds the operator for `node` and what is known about its outputs.
    /// - Parameter partition: when given, scans read only their share of row
    ///   groups (facts still describe all of them, so every partition makes
    ///   the same choices).
    func build(_ node: PlanNode, partition: Partition? = nil) throws -> (any BatchOperator, [SlotFacts]) {
        switch node {
        case .scan(let scan):
            return try buildScan(scan.table, columns: scan.columns, filter: scan.filter, outputSlots: scan.outputSlots, partition: partition)
        case .singleRow:
            return (SingleRowOperator(), [])
        case .materialized(let table):
            return try buildScan(table, columns: Array(table.schema.columns.indices), filter: nil, outputSlots: Set(table.schema.columns.indices), partition: partition)
        case .filter(let input, let predicate):
            let (op, facts) = try build(input, partition: partition)
            return (try FilterOperator(input: op, predicate: predicate), facts)
        case .project(let input, let expressions):
            let (op, facts) = try build(input, partition: partition)
            let analysis = RangeAnalysis(slots: facts)
            let out = expressions.map { SlotFacts(range: analysis.range(of: $0), dictionarySize: analysis.dictionarySize(of: $0)) }
            return (try ProjectOperator(input: op, expressions: expressions), out)
        case .aggregate(let plan):
            return try buildAggregate(plan)
        case .window(let plan):
            return try buildWindow(plan)
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

    private func buildScan(_ table: any TableProvider, columns: [Int], filter: BoundExpression?, outputSlots: Set<Int>,
                           partition: Partition? = nil) throws -> (any BatchOperator, [SlotFacts]) {
        let groups = try RowGroupPruner(table: table, columns: columns, masks: masks).candidates(filter: filter)
        let share = partition.map { Self.share(of: groups, table: table, $0) } ?? groups
        let op = try TableScanOperator(table: table, columns: columns, filter: filter, outputSlots: outputSlots, rowGroups: share, masks: masks)
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
        guard let sets = plan.sets else { return try buildGrouping(plan, by: Array(plan.keys.indices)) }
        let finest = Self.finestSets(sets)
        if finest.count == 1 { return try buildGrouping(plan, by: finest[0].keys) }
        // Sets none of which holds the others (`GROUPING SETS ((a), (b))`): one aggregation each, concatenated.
        let parts = finest.map { part -> PlanNode in
            var p = plan
            p.sets = part.members.map { sets[$0] }
            return .aggregate(p)
        }
        let (op, _) = try build(.unionAll(parts, types: PlanNode.aggregate(plan).outputTypes))
        return (op, PlanNode.aggregate(plan).outputTypes.map { _ in .unknown })
    }

    /// The grouping sets no other set holds, each with the sets (indexes,
    /// in order) derived from it; every set goes to the first that holds it.
    static func finestSets(_ sets: [[Int]]) -> [(keys: [Int], members: [Int])] {
        var out: [(keys: [Int], members: [Int])] = []
        let widest = sets.indices.sorted { (sets[$0].count, -$0) > (sets[$1].count, -$1) }
        for i in widest {
            if let j = out.firstIndex(where: { Set($0.keys).isSuperset(of: sets[i]) }) {
                out[j].members.append(i)
            } else {
                out.append((sets[i], [i]))
            }
        }
        return out.map { ($0.keys, $0.members.sorted()) }
    }

    /// An aggregation whose partitions group by the keys `by` (indexes into
    /// the plan's keys); the plan's grouping sets, all within `by`, are
    /// derived from those groups.
    private func buildGrouping(_ plan: AggregatePlan, by grouped: [Int]) throws -> (any BatchOperator, [SlotFacts]) {
        let (firstInput, facts) = try build(plan.input)
        let analysis = RangeAnalysis(slots: facts)
        var keyExpressions: [BoundExpression] = []
        var encodings: [KeyEncoding] = []
        var outputs: [HashAggregateOperator.KeyOutput] = []
        for k in grouped {
            let (expression, output) = Self.periodOrdinal(of: plan.keys[k], analysis) ?? (plan.keys[k], .value)
            keyExpressions.append(expression)
            encodings.append(encoding(of: expression, analysis))
            outputs.append(output)
        }
        var outFacts = plan.keys.map { SlotFacts(range: analysis.range(of: $0), dictionarySize: analysis.dictionarySize(of: $0)) }
        outFacts += plan.groupings.map { _ in .unknown }
        outFacts += plan.aggregates.map { _ in .unknown }
        let outputSets = plan.sets.map { sets in
            sets.map { set in
                GroupingSetOutput(keys: plan.keys.indices.map { set.contains($0) ? grouped.firstIndex(of: $0) : nil },
                                  groupings: plan.groupings.map { args in
                                      args.reduce(0) { bits, k in bits << 1 | (set.contains(k) ? 0 : 1) }
                                  })
            }
        }

        let count = partitionCount(plan, encodings: encodings, analysis: analysis)
        var partitions: [AggregatePartition] = []
        for index in 0..<count {
            let input = index == 0 && count == 1 ? firstInput : try build(plan.input, partition: Partition(index: index, count: count)).0
            let compiler = ExpressionCompiler(inputTypes: input.outputTypes)
            // Equal arguments and FILTER clauses share one compiled node, evaluated once per batch.
            var compiled: [BoundExpression: any PhysicalExpression] = [:]
            func shared(_ e: BoundExpression) throws -> any PhysicalExpression {
                if let node = compiled[e] { return node }
                let node = try compiler.compile(e)
                compiled[e] = node
                return node
            }
            let aggregates = try plan.aggregates.map { call in
                HashAggregateOperator.Aggregate(state: state(for: call, analysis), argument: try call.argument.map(shared),
                                                filter: try call.filter.map(shared), type: call.type, second: try call.second.map(shared))
            }
            partitions.append(AggregatePartition(input: input, keys: try keyExpressions.map { try compiler.compile($0) },
                                                 encodings: encodings, aggregates: aggregates))
        }
        let op = HashAggregateOperator(partitions: partitions, keyOutputs: outputs, outputKeyTypes: plan.keys.map(\.type), sets: outputSets)
        return (op, outFacts)
    }

    /// A key naming whole periods of time — `date_trunc(unit, ts)`, or a
    /// `strftime(ts, format)` whose format names one period per value — as the
    /// period's ordinal, when its range is small enough to index the states
    /// directly; the operator turns ordinals back into the key's values.
    private static func periodOrdinal(of key: BoundExpression, _ analysis: RangeAnalysis) -> (BoundExpression, HashAggregateOperator.KeyOutput)? {
        let unit: TimeUnit, args: [BoundExpression], output: HashAggregateOperator.KeyOutput
        switch key {
        case .call(.dateTrunc(let u), let a, _):
            (unit, args, output) = (u, a, .truncated(u))
        case .call(.strftime(let pattern), let a, _) where a[0].type == .timestamp:
            guard let format = try? StrftimeFormat(pattern), let u = format.truncationUnit else { return nil }
            (unit, args, output) = (u, a, .formatted(u, format))
        default:
            return nil
        }
        let ordinal = BoundExpression.call(.truncOrdinal(unit), args, .int64)
        guard let r = analysis.range(of: ordinal), r.upperBound - r.lowerBound < Int64(GroupTable.denseLimit) else { return nil }
        return (ordinal, output)
    }

    /// How many threads an aggregation runs on: one unless its input is a
    /// large single-table pipeline and every partition's group ids and
    /// string codes will mean the same thing (so states merge exactly).
    private func partitionCount(_ plan: AggregatePlan, encodings: [KeyEncoding], analysis: RangeAnalysis) -> Int {
        guard threads > 1, let table = Self.scannedTable(plan.input) else { return 1 }
        let mergeable = GroupTable.isMergeable(encodings)
        let stringsFixed = plan.aggregates.allSatisfy { call in
            guard let a = call.argument, a.type == .string else { return true }
            return analysis.dictionarySize(of: a) != nil
        }
        guard mergeable, stringsFixed else { return 1 }
        let groups = table.rowGroups.count
        guard groups >= 2, table.rowCount >= Self.parallelThreshold else { return 1 }
        return min(threads, groups)
    }

    /// The table under a chain of filters and projections, if that is all the input is.
    private static func scannedTable(_ node: PlanNode) -> (any TableProvider)? {
        switch node {
        case .scan(let s): s.table
        case .materialized(let t): t
        case .filter(let input, _), .project(let input, _): scannedTable(input)
        default: nil
        }
    }

    /// Consecutive row groups holding about `1 / count` of the rows each.
    static func share(of groups: [Int], table: any TableProvider, _ p: Partition) -> [Int] {
        let total = groups.reduce(0) { $0 + table.rowGroups[$1].rowCount }
        let from = total * p.index / p.count, to = total * (p.index + 1) / p.count
        var seen = 0
        var out: [Int] = []
        for g in groups {
            let middle = seen + table.rowGroups[g].rowCount / 2
            if middle >= from && middle < to { out.append(g) }
            seen += table.rowGroups[g].rowCount
        }
        return out
    }

    private func encoding(of key: BoundExpression, _ analysis: RangeAnalysis) -> KeyEncoding {
        switch key.type {
        case .string: return .dictionary(fixedSize: analysis.dictionarySize(of: key))
        case .bool: return .boolean
        case .float64: return .hashed
        case .int64, .timestamp, .date:
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
            case .int64, .timestamp, .date:
                if let r = analysis.range(of: argument) {
                    let (span, overflow) = r.upperBound.subtractingReportingOverflow(r.lowerBound)
                    if !overflow, span < 1 << 26 { return DistinctCountState(domain: .range(lo: r.lowerBound, size: Int(span) + 1)) }
                }
                // Wide ranges are usually clustered (ids per batch, seconds per period).
                return BlockDistinctCountState()
            case .float64: return DistinctCountState(domain: .hashed)
            }
        case .sum: return SumState(output: .sum, inputType: inputType, outputType: call.type)
        case .avg: return SumState(output: .average, inputType: inputType, outputType: call.type)
        case .min: return ExtremumState(isMax: false, type: inputType)
        case .max: return ExtremumState(isMax: true, type: inputType)
        case .median: return CollectingState(kind: .continuous(0.5), inputType: inputType, outputType: call.type)
        case .quantileContinuous(let p): return CollectingState(kind: .continuous(p), inputType: inputType, outputType: call.type)
        case .quantileDiscrete(let p, let descending):
            return CollectingState(kind: .discrete(p, descending: descending), inputType: inputType, outputType: call.type)
        case .mode: return CollectingState(kind: .mode, inputType: inputType, outputType: call.type)
        case .stringAgg(let separator, let sorted):
            return CollectingState(kind: .concatenate(separator, sorted: sorted), inputType: inputType, outputType: call.type)
        case .boolAnd: return BooleanState(kind: .all, type: .bool)
        case .boolOr: return BooleanState(kind: .any, type: .bool)
        case .anyValue: return BooleanState(kind: .first, type: inputType)
        case .stddevSample: return VarianceState(sample: true, root: true)
        case .stddevPopulation: return VarianceState(sample: false, root: true)
        case .varianceSample: return VarianceState(sample: true, root: false)
        case .variancePopulation: return VarianceState(sample: false, root: false)
        case .argExtremum(let isMax): return ArgExtremumState(isMax: isMax)
        case .bivariate(let statistic): return BivariateState(statistic: statistic)
        }
    }
}

/// Runs a plan to completion and collects its rows.
enum Executor {
    static func run(_ plan: PlanNode, names: [String]? = nil, threads: Int = 1) throws -> QueryResult {
        let (op, _) = try PhysicalPlanner(threads: threads).build(plan)
        var rows = ResultCollector(types: op.outputTypes)
        while let batch = try op.next() { rows.append(batch) }
        let chunks = rows.chunks()
        let labels = names ?? chunks.indices.map { "column\($0)" }
        return QueryResult(columns: zip(labels, chunks).map { ResultColumn(name: $0, chunk: $1) })
    }
}
