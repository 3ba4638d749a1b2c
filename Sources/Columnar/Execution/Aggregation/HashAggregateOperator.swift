import Dispatch

/// GROUP BY with aggregates: consumes its input, then emits one row per
/// group (keys, then GROUPING values, then aggregate values), 2,048 groups
/// per batch.
///
/// The input may come in partitions — the same pipeline over disjoint,
/// consecutive runs of row groups — which are consumed on separate threads
/// and then merged in row order into the first. With grouping sets, the
/// partitions group by the finest set and every coarser set is derived by
/// merging the states of the groups it joins (see `GroupingSetOutput`).
final class HashAggregateOperator: BatchOperator {
    /// One aggregate: its state and the expressions feeding it.
    struct Aggregate {
        var state: any AggregateState
        var argument: (any PhysicalExpression)?
        var filter: (any PhysicalExpression)?
        var type: DataType
        /// The second argument of a ``PairedAggregateState``.
        var second: (any PhysicalExpression)? = nil
    }

    /// How a key's group ordinal becomes the output value.
    enum KeyOutput: Equatable {
        case value
        /// The key was evaluated as a `date_trunc` ordinal; convert back.
        case truncated(TimeUnit)
        /// The key was evaluated as a `date_trunc` ordinal standing for `strftime(ts, format)`.
        case formatted(TimeUnit, StrftimeFormat)
    }

    let outputTypes: [DataType]
    private let partitions: [AggregatePartition]
    private let keyOutputs: [KeyOutput]
    private let sets: [GroupingSetOutput]
    private let outputKeyCount: Int
    private let groupingCount: Int
    private let outputVectors: [Vector]
    private let groupList = SelectionBuffer()
    private let stateList = SelectionBuffer()
    /// Ordinals of a `.formatted` key before they are formatted.
    private let ordinals = Vector(type: .int64)
    private var segments: [_GroupingSegment] = []
    private var segment = 0
    private var position = 0
    private var consumed = false

    /// - Parameters:
    ///   - keyOutputs: how each key the partitions group by is output.
    ///   - outputKeyTypes: the types of the output's key columns.
    ///   - sets: the grouping sets output, in order; nil for a plain GROUP BY
    ///     (one set: every key, in order, no GROUPING values).
    init(partitions: [AggregatePartition], keyOutputs: [KeyOutput], outputKeyTypes: [DataType], sets: [GroupingSetOutput]? = nil) {
        precondition(!partitions.isEmpty)
        self.partitions = partitions
        self.keyOutputs = keyOutputs
        self.sets = sets ?? [GroupingSetOutput(keys: keyOutputs.indices.map { $0 }, groupings: [])]
        outputKeyCount = outputKeyTypes.count
        groupingCount = self.sets[0].groupings.count
        let aggregateTypes = partitions[0].aggregates.map(\.type)
        let groupingTypes = [DataType](repeating: .int64, count: groupingCount)
        outputTypes = outputKeyTypes + groupingTypes + aggregateTypes
        outputVectors = outputTypes.map { Vector(type: $0) }
    }

    func next() throws -> Batch? {
        if !consumed {
            try consume()
            consumed = true
        }
        while segment < segments.count, position >= segments[segment].keyGroups.count {
            segment += 1
            position = 0
        }
        guard segment < segments.count else { return nil }
        let part = segments[segment]
        let n = min(batchCapacity, part.keyGroups.count - position)
        part.keyGroups.withUnsafeBufferPointer { o in
            groupList.indices.update(from: o.baseAddress! + position, count: n)
        }
        if let stateGroups = part.stateGroups {
            stateGroups.withUnsafeBufferPointer { o in
                stateList.indices.update(from: o.baseAddress! + position, count: n)
            }
        }
        position += n
        var columns: [Vector] = []
        for (c, key) in part.set.keys.enumerated() {
            let v = outputVectors[c]
            if let k = key {
                try emitKey(k, count: n, into: v)
            } else {
                emitNulls(keyOf: c, count: n, into: v)
            }
            columns.append(v)
        }
        for (i, value) in part.set.groupings.enumerated() {
            let v = outputVectors[outputKeyCount + i]
            v.count = n
            v.hasNulls = false
            v.ints.update(repeating: value, count: n)
            columns.append(v)
        }
        let stateGroups = part.stateGroups == nil ? groupList.indices : stateList.indices
        for (a, state) in part.states.enumerated() {
            let v = outputVectors[outputKeyCount + groupingCount + a]
            try state.emit(groups: stateGroups, count: n, into: v)
            columns.append(v)
        }
        return Batch(count: n, columns: columns)
    }

    /// Writes key `k` of the groups in `groupList` into `v`.
    private func emitKey(_ k: Int, count n: Int, into v: Vector) throws {
        let first = partitions[0]
        switch keyOutputs[k] {
        case .value:
            first.groups.emitKey(k, groups: groupList.indices, count: n, into: v)
        case .truncated(let unit):
            first.groups.emitKey(k, groups: groupList.indices, count: n, into: v)
            for j in 0..<n { v.ints[j] = TimeKernels.timestamp(ordinal: v.ints[j], unit) }
        case .formatted(let unit, let format):
            first.groups.emitKey(k, groups: groupList.indices, count: n, into: ordinals)
            v.count = n
            v.hasNulls = ordinals.hasNulls
            let dictionary = v.dictionary!
            for j in 0..<n {
                v.validity[j] = ordinals.isValid(j) ? 1 : 0
                guard ordinals.isValid(j) else { continue }
                v.codes[j] = dictionary.intern(format.format(TimeKernels.timestamp(ordinal: ordinals.ints[j], unit)))
            }
        }
    }

    /// NULL in every row: output key `c` is not grouped by in this set.
    private func emitNulls(keyOf c: Int, count n: Int, into v: Vector) {
        v.count = n
        v.hasNulls = true
        v.validity.update(repeating: 0, count: n)
        // The dictionary the column's other rows use, so that all its batches share one.
        if v.type == .string, let k = sets.lazy.compactMap({ $0.keys[c] }).first, keyOutputs[k] == .value,
           let dictionary = partitions[0].groups.dictionary(ofKey: k) {
            v.dictionary = dictionary
        }
    }

    private func consume() throws {
        if partitions.count == 1 {
            try partitions[0].consume()
        } else {
            try Self.consumeInParallel(partitions)
            let first = partitions[0]
            for other in partitions.dropFirst() {
                let mapping = first.groups.merge(other.groups)
                for (mine, theirs) in zip(first.aggregates, other.aggregates) {
                    mine.state.reserve(groups: first.groups.capacity)
                    try mine.state.merge(theirs.state, groups: mapping)
                }
            }
        }
        let first = partitions[0]
        var order: [Int32] = []
        if first.keyCount == 0 {
            order = [0]
        } else {
            // count(*) of a grouped query is the group table's row count.
            for a in first.aggregates where a.argument == nil && a.filter == nil {
                (a.state as? CountState)?.counts = first.groups.rowCounts
            }
            order.reserveCapacity(first.groups.capacity)
            for (g, c) in first.groups.rowCounts.enumerated() where c > 0 { order.append(Int32(g)) }
        }
        segments = try sets.map { try _GroupingSegment(set: $0, finest: order, keyCount: first.keyCount, groups: first.groups,
                                                        states: first.aggregates.map(\.state)) }
    }

    /// Runs each partition's consumption on its own thread.
    private static func consumeInParallel(_ partitions: [AggregatePartition]) throws {
        let work = PartitionWork(partitions)
        DispatchQueue.concurrentPerform(iterations: partitions.count) { i in
            work.run(i)
        }
        if let error = work.firstError { throw error }
    }
}

/// Hands partitions to `concurrentPerform` and collects their errors.
///
/// `@unchecked Sendable`: each iteration touches only partition `i` and
/// error slot `i`; they are read back only after `concurrentPerform` returns,
/// which orders those writes before the reads.
private final class PartitionWork: @unchecked Sendable {
    let partitions: [AggregatePartition]
    var errors: [(any Error)?]

    init(_ partitions: [AggregatePartition]) {
        self.partitions = partitions
        errors = partitions.map { _ in nil }
    }

    func run(_ i: Int) {
        do {
            try partitions[i].consume()
        } catch {
            errors[i] = error
        }
    }

    var firstError: (any Error)? { errors.lazy.compactMap { $0 }.first }
}

/// One partition of an aggregation: its input pipeline, key and aggregate
/// expressions, group table and states. A final class because it owns the
/// group-id and mask buffers it fills batch after batch.
final class AggregatePartition {
    let input: any BatchOperator
    let keys: [any PhysicalExpression]
    fileprivate(set) var groups: GroupTable
    let aggregates: [HashAggregateOperator.Aggregate]
    private let gids: UnsafeMutablePointer<UInt32>
    private let mask: UnsafeMutablePointer<UInt8>
    private var keyVectors: [Vector] = []
    /// The distinct argument and FILTER nodes (the planner shares equal ones)
    /// and, per aggregate, the index of its argument and filter among them.
    private let inputs: [any PhysicalExpression]
    private let inputSlots: [(argument: Int?, filter: Int?, second: Int?)]
    /// This batch's value of each input node, evaluated when first needed.
    private var inputValues: [Vector?]

    var keyCount: Int { keys.count }

    init(input: any BatchOperator, keys: [any PhysicalExpression], encodings: [KeyEncoding], aggregates: [HashAggregateOperator.Aggregate]) {
        self.input = input
        self.keys = keys
        self.aggregates = aggregates
        var inputs: [any PhysicalExpression] = []
        func slot(_ node: (any PhysicalExpression)?) -> Int? {
            guard let node else { return nil }
            if let i = inputs.firstIndex(where: { $0 === node }) { return i }
            inputs.append(node)
            return inputs.count - 1
        }
        inputSlots = aggregates.map { (slot($0.argument), slot($0.filter), slot($0.second)) }
        self.inputs = inputs
        inputValues = inputs.map { _ in nil }
        groups = GroupTable(keyTypes: keys.map(\.type), encodings: encodings)
        gids = .allocate(capacity: batchCapacity)
        mask = .allocate(capacity: batchCapacity)
    }

    deinit {
        gids.deallocate()
        mask.deallocate()
    }

    func consume() throws {
        if keys.isEmpty {
            for a in aggregates { a.state.reserve(groups: 1) }
        }
        while let batch = try input.next() {
            let n = batch.count
            guard n > 0 else { continue }
            if !keys.isEmpty {
                keyVectors.removeAll(keepingCapacity: true)
                for k in keys { keyVectors.append(try k.evaluate(batch)) }
                try groups.assign(keyVectors, count: n, into: gids)
                for a in aggregates { a.state.reserve(groups: groups.capacity) }
            }
            // Nodes shared by several aggregates are evaluated once per batch.
            for i in inputValues.indices { inputValues[i] = nil }
            func evaluate(_ slot: Int?) throws -> Vector? {
                guard let slot else { return nil }
                if let done = inputValues[slot] { return done }
                let v = try inputs[slot].evaluate(batch)
                inputValues[slot] = v
                return v
            }
            for (a, slots) in zip(aggregates, inputSlots) {
                // count(*) of a grouped query is read from the group table at the end.
                if !keys.isEmpty, a.argument == nil, a.filter == nil, a.state is CountState { continue }
                let argument = try evaluate(slots.argument)
                let filter = try evaluate(slots.filter)
                if let second = try evaluate(slots.second), let paired = a.state as? any PairedAggregateState {
                    let m = buildMask(argument, filter, n, second: second)
                    try paired.update(argument!, second, mask: m, gids: keys.isEmpty ? nil : UnsafePointer(gids), count: n)
                    continue
                }
                let m = buildMask(argument, filter, n)
                if keys.isEmpty {
                    try a.state.update(argument, mask: m, gids: nil, count: n)
                } else if let g = groups.uniformGroup {
                    try a.state.update(argument, mask: m, group: g, gids: UnsafePointer(gids), count: n)
                } else {
                    try a.state.update(argument, mask: m, gids: UnsafePointer(gids), count: n)
                }
            }
        }
    }

    /// Rows that count for an aggregate: argument (and second argument) not NULL and FILTER true.
    private func buildMask(_ argument: Vector?, _ filter: Vector?, _ n: Int, second: Vector? = nil) -> UnsafePointer<UInt8>? {
        let nullable = argument?.hasNulls ?? false
        let secondNullable = second?.hasNulls ?? false
        guard nullable || secondNullable || filter != nil else { return nil }
        if nullable {
            mask.update(from: argument!.validity, count: n)
        } else {
            mask.update(repeating: 1, count: n)
        }
        if secondNullable, let s = second {
            for i in 0..<n { mask[i] &= s.validity[i] }
        }
        if let f = filter {
            for i in 0..<n { mask[i] &= f.bools[i] & 1 }
            if f.hasNulls { for i in 0..<n { mask[i] &= f.validity[i] } }
        }
        return UnsafePointer(mask)
    }
}
