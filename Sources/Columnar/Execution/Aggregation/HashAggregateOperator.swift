/// GROUP BY with aggregates: consumes its input, then emits one row per
/// group (keys, then aggregate values), 2,048 groups per batch.
final class HashAggregateOperator: BatchOperator {
    /// One aggregate: its state and the expressions feeding it.
    struct Aggregate {
        var state: any AggregateState
        var argument: (any PhysicalExpression)?
        var filter: (any PhysicalExpression)?
        var type: DataType
    }

    /// How a key's group ordinal becomes the output value.
    enum KeyOutput {
        case value
        /// The key was evaluated as a `date_trunc` ordinal; convert back.
        case truncated(TimeUnit)
    }

    let outputTypes: [DataType]
    private let input: any BatchOperator
    private let keys: [any PhysicalExpression]
    private let keyOutputs: [KeyOutput]
    private var groups: GroupTable
    private let aggregates: [Aggregate]
    private let gids: UnsafeMutablePointer<UInt32>
    private let mask: UnsafeMutablePointer<UInt8>
    private let outputVectors: [Vector]
    private let groupList = SelectionBuffer()
    private var order: [Int32] = []
    private var position = 0
    private var consumed = false
    private var keyVectors: [Vector] = []

    init(input: any BatchOperator, keys: [any PhysicalExpression], encodings: [KeyEncoding], keyOutputs: [KeyOutput],
         outputKeyTypes: [DataType], aggregates: [Aggregate]) {
        self.input = input
        self.keys = keys
        self.keyOutputs = keyOutputs
        self.aggregates = aggregates
        groups = GroupTable(keyTypes: keys.map(\.type), encodings: encodings)
        outputTypes = outputKeyTypes + aggregates.map(\.type)
        gids = .allocate(capacity: batchCapacity)
        mask = .allocate(capacity: batchCapacity)
        outputVectors = outputKeyTypes.map { Vector(type: $0) } + aggregates.map { Vector(type: $0.type) }
    }

    deinit {
        gids.deallocate()
        mask.deallocate()
    }

    func next() throws -> Batch? {
        if !consumed {
            try consume()
            consumed = true
        }
        guard position < order.count else { return nil }
        let n = min(batchCapacity, order.count - position)
        order.withUnsafeBufferPointer { o in
            groupList.indices.update(from: o.baseAddress! + position, count: n)
        }
        position += n
        var columns: [Vector] = []
        for k in keys.indices {
            let v = outputVectors[k]
            groups.emitKey(k, groups: groupList.indices, count: n, into: v)
            if case .truncated(let unit) = keyOutputs[k] {
                for j in 0..<n { v.ints[j] = TimeKernels.timestamp(ordinal: v.ints[j], unit) }
            }
            columns.append(v)
        }
        for (a, aggregate) in aggregates.enumerated() {
            let v = outputVectors[keys.count + a]
            try aggregate.state.emit(groups: groupList.indices, count: n, into: v)
            columns.append(v)
        }
        return Batch(count: n, columns: columns)
    }

    private func consume() throws {
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
            for a in aggregates {
                // count(*) of a grouped query is the group table's row count.
                if !keys.isEmpty, a.argument == nil, a.filter == nil, a.state is CountState { continue }
                let argument = try a.argument?.evaluate(batch)
                let filter = try a.filter?.evaluate(batch)
                let m = buildMask(argument, filter, n)
                try a.state.update(argument, mask: m, gids: keys.isEmpty ? nil : UnsafePointer(gids), count: n)
            }
        }
        if keys.isEmpty {
            order = [0]
        } else {
            for a in aggregates where a.argument == nil && a.filter == nil {
                (a.state as? CountState)?.counts = groups.rowCounts
            }
            order.reserveCapacity(groups.capacity)
            for (g, c) in groups.rowCounts.enumerated() where c > 0 { order.append(Int32(g)) }
        }
    }

    /// Rows that count for an aggregate: argument not NULL and FILTER true.
    private func buildMask(_ argument: Vector?, _ filter: Vector?, _ n: Int) -> UnsafePointer<UInt8>? {
        let nullable = argument?.hasNulls ?? false
        guard nullable || filter != nil else { return nil }
        if nullable {
            mask.update(from: argument!.validity, count: n)
        } else {
            mask.update(repeating: 1, count: n)
        }
        if let f = filter {
            for i in 0..<n { mask[i] &= f.bools[i] & 1 }
            if f.hasNulls { for i in 0..<n { mask[i] &= f.validity[i] } }
        }
        return UnsafePointer(mask)
    }
}
