/// Reads a table row group by row group, a batch at a time.
///
/// A filter first runs on encoded data (``EncodedFilter``); conjuncts it
/// cannot handle run on decoded values of just their columns. Columns the
/// operators above need are decoded only for batches where some row passed,
/// and then only those rows, through the selection vector. Columns that
/// serve only the filter are never decoded; a row group's chunks are loaded
/// on first use, so groups the filter rejects never load their other columns.
final class TableScanOperator: BatchOperator {
    let table: any TableProvider
    let columns: [Int]
    let outputTypes: [DataType]
    private let encoded: EncodedFilter?
    private let residual: (any PhysicalExpression)?
    private let residualSlots: [Int]
    private let residualSet: Set<Int>
    private let outputSlots: [Int]
    /// Slots neither needed above nor by the residual filter: handed up as NULLs.
    private let unusedSlots: [Int]
    private let rowGroups: [Int]
    private let vectors: [Vector]
    private let dictionaries: [StringDictionary?]
    private let selection = SelectionBuffer()
    private let mask: UnsafeMutablePointer<UInt8>

    private var groupPosition = -1
    private var group = 0
    private var groupRows = 0
    private var offset = 0
    private var chunks: [ColumnChunk?]

    /// - Parameters:
    ///   - columns: table column indexes, in output slot order.
    ///   - filter: a predicate over the output slots.
    ///   - outputSlots: the slots operators above read.
    ///   - rowGroups: the row groups to read (after pruning), in order.
    init(table: any TableProvider, columns: [Int], filter: BoundExpression?, outputSlots: Set<Int>, rowGroups: [Int],
         masks: DictionaryEvaluation = DictionaryEvaluation()) throws {
        self.table = table
        self.columns = columns
        let types = columns.map { table.schema.columns[$0].type }
        outputTypes = types
        self.rowGroups = rowGroups
        let dictionaries = try columns.map { c in
            table.schema.columns[c].type == .string ? try table.dictionary(ofColumn: c) : nil
        }
        self.dictionaries = dictionaries
        let rows = rowGroups.reduce(0) { $0 + table.rowGroups[$1].rowCount }
        let encoded = try filter.map { try EncodedFilter(filter: $0, types: types, dictionaries: dictionaries, rowsToScan: rows, masks: masks) }
        self.encoded = encoded
        let compiler = ExpressionCompiler(inputTypes: types)
        residual = try encoded.flatMap { Binder.conjunction($0.residual) }.map { try compiler.compile($0) }
        let residualSet = encoded?.residualSlots ?? []
        residualSlots = residualSet.sorted()
        self.residualSet = residualSet
        self.outputSlots = outputSlots.sorted()
        unusedSlots = columns.indices.filter { !outputSlots.contains($0) && !residualSet.contains($0) }
        vectors = types.map { Vector(type: $0) }
        chunks = columns.map { _ in nil }
        mask = .allocate(capacity: batchCapacity)
    }

    deinit { mask.deallocate() }

    private func chunk(_ slot: Int) throws -> ColumnChunk {
        if let c = chunks[slot] { return c }
        let c = try table.loadColumn(columns[slot], rowGroup: group)
        guard c.count == groupRows else {
            throw SQLError(.runtime, "table \(table.name): column \(table.schema.columns[columns[slot]].name) has \(c.count) rows in row group \(group), expected \(groupRows)")
        }
        chunks[slot] = c
        return c
    }

    private func read(_ slot: Int, count n: Int) throws {
        ChunkReader.read(try chunk(slot), start: offset, count: n, into: vectors[slot])
        if let d = dictionaries[slot] { vectors[slot].dictionary = d }
    }

    func next() throws -> Batch? {
        while true {
            if offset >= groupRows {
                groupPosition += 1
                guard groupPosition < rowGroups.count else { return nil }
                group = rowGroups[groupPosition]
                groupRows = table.rowGroups[group].rowCount
                offset = 0
                for i in chunks.indices { chunks[i] = nil }
                continue
            }
            let n = min(batchCapacity, groupRows - offset)
            defer { offset += n }
            guard let encoded else {
                for s in outputSlots { try read(s, count: n) }
                markUnused(n)
                return Batch(count: n, columns: vectors)
            }
            mask.update(repeating: 1, count: n)
            try encoded.apply({ try self.chunk($0) }, start: offset, count: n, mask: mask)
            if let residual {
                for s in residualSlots { try read(s, count: n) }
                let test = try residual.evaluate(Batch(count: n, columns: vectors))
                for i in 0..<n { mask[i] &= test.bools[i] & 1 }
                if test.hasNulls { for i in 0..<n { mask[i] &= test.validity[i] } }
            }
            selection.select(mask: mask, count: n)
            let k = selection.count
            if k == 0 { continue }
            let decoded = residualSet
            for s in outputSlots {
                if k == n {
                    if !decoded.contains(s) { try read(s, count: n) }
                } else if decoded.contains(s) {
                    vectors[s].compact(selection.indices, k)
                } else {
                    ChunkReader.gather(try chunk(s), start: offset, selection: selection.indices, count: k, into: vectors[s])
                    if let d = dictionaries[s] { vectors[s].dictionary = d }
                }
            }
            markUnused(k)
            return Batch(count: k, columns: vectors)
        }
    }

    /// Hands the columns nobody above reads up as NULLs, never as stale values.
    private func markUnused(_ n: Int) {
        for s in unusedSlots {
            let v = vectors[s]
            v.count = n
            v.hasNulls = true
            v.validity.update(repeating: 0, count: n)
            if let d = dictionaries[s] { v.dictionary = d }
        }
    }
}

/// One row without columns: the input of `SELECT 1 + 1`.
final class SingleRowOperator: BatchOperator {
    let outputTypes: [DataType] = []
    private var done = false

    func next() throws -> Batch? {
        if done { return nil }
        done = true
        return Batch(count: 1, columns: [])
    }
}

/// Rows of the input for which a predicate is true.
final class FilterOperator: BatchOperator {
    private let input: any BatchOperator
    private let predicate: any PhysicalExpression
    private let selection = SelectionBuffer()
    private let vectors: [Vector]
    var outputTypes: [DataType] { input.outputTypes }

    init(input: any BatchOperator, predicate: BoundExpression) throws {
        self.input = input
        self.predicate = try ExpressionCompiler(inputTypes: input.outputTypes).compile(predicate)
        vectors = input.outputTypes.map { Vector(type: $0) }
    }

    func next() throws -> Batch? {
        while let batch = try input.next() {
            let test = try predicate.evaluate(batch)
            selection.select(from: test)
            if selection.count == 0 { continue }
            if selection.count == batch.count { return batch }
            for (v, source) in zip(vectors, batch.columns) { v.gather(from: source, selection.indices, selection.count) }
            return Batch(count: selection.count, columns: vectors)
        }
        return nil
    }
}

/// Computes one output column per expression.
final class ProjectOperator: BatchOperator {
    private let input: any BatchOperator
    private let expressions: [any PhysicalExpression]
    let outputTypes: [DataType]

    init(input: any BatchOperator, expressions: [BoundExpression]) throws {
        self.input = input
        let compiler = ExpressionCompiler(inputTypes: input.outputTypes)
        self.expressions = try expressions.map { try compiler.compile($0) }
        outputTypes = expressions.map(\.type)
    }

    func next() throws -> Batch? {
        guard let batch = try input.next() else { return nil }
        var columns: [Vector] = []
        columns.reserveCapacity(expressions.count)
        for e in expressions {
            let v = try e.evaluate(batch)
            v.count = batch.count
            columns.append(v)
        }
        return Batch(count: batch.count, columns: columns)
    }
}

/// Skips `offset` rows, then passes at most `limit` rows and stops pulling.
final class LimitOperator: BatchOperator {
    private let input: any BatchOperator
    private var toSkip: Int
    private var left: Int
    private let selection = SelectionBuffer()
    private let vectors: [Vector]
    var outputTypes: [DataType] { input.outputTypes }

    init(input: any BatchOperator, limit: Int?, offset: Int) {
        self.input = input
        toSkip = offset
        left = limit ?? Int.max
        vectors = input.outputTypes.map { Vector(type: $0) }
    }

    func next() throws -> Batch? {
        while left > 0, let batch = try input.next() {
            let skip = min(toSkip, batch.count)
            toSkip -= skip
            let take = min(left, batch.count - skip)
            if take <= 0 { continue }
            left -= take
            if skip == 0, take == batch.count { return batch }
            for k in 0..<take { selection.indices[k] = Int32(skip + k) }
            for (v, source) in zip(vectors, batch.columns) { v.gather(from: source, selection.indices, take) }
            return Batch(count: take, columns: vectors)
        }
        return nil
    }
}

/// Runs its inputs one after the other.
final class UnionAllOperator: BatchOperator {
    private let inputs: [any BatchOperator]
    private var current = 0
    let outputTypes: [DataType]

    init(inputs: [any BatchOperator], types: [DataType]) {
        self.inputs = inputs
        outputTypes = types
    }

    func next() throws -> Batch? {
        while current < inputs.count {
            if let b = try inputs[current].next() { return b }
            current += 1
        }
        return nil
    }
}
