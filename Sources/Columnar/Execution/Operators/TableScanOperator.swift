/// Reads a table row group by row group, a batch at a time.
///
/// With a filter, only the columns the filter reads are decoded first;
/// the other columns are decoded only for batches where some row passes,
/// and then only those rows (through the selection vector). A row group's
/// chunks are loaded on first use, so groups the filter rejects entirely
/// never load their other columns.
final class TableScanOperator: BatchOperator {
    let table: any TableProvider
    let columns: [Int]
    let outputTypes: [DataType]
    private let filter: (any PhysicalExpression)?
    private let filterSlots: [Int]
    private let otherSlots: [Int]
    private let rowGroups: [Int]
    private let vectors: [Vector]
    private let dictionaries: [StringDictionary?]
    private let selection = SelectionBuffer()

    private var groupPosition = -1
    private var group = 0
    private var groupRows = 0
    private var offset = 0
    private var chunks: [ColumnChunk?]

    /// - Parameters:
    ///   - columns: table column indexes, in output slot order.
    ///   - filter: a predicate over the output slots.
    ///   - rowGroups: the row groups to read (after pruning), in order.
    init(table: any TableProvider, columns: [Int], filter: BoundExpression?, rowGroups: [Int]) throws {
        self.table = table
        self.columns = columns
        outputTypes = columns.map { table.schema.columns[$0].type }
        self.rowGroups = rowGroups
        let compiler = ExpressionCompiler(inputTypes: outputTypes)
        self.filter = try filter.map { try compiler.compile($0) }
        let read = filter?.referencedSlots ?? []
        filterSlots = read.sorted()
        otherSlots = (0..<columns.count).filter { !read.contains($0) }
        vectors = outputTypes.map { Vector(type: $0) }
        dictionaries = try columns.map { c in
            table.schema.columns[c].type == .string ? try table.dictionary(ofColumn: c) : nil
        }
        chunks = columns.map { _ in nil }
    }

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
            guard let filter else {
                for s in vectors.indices { try read(s, count: n) }
                return Batch(count: n, columns: vectors)
            }
            for s in filterSlots { try read(s, count: n) }
            let predicate = try filter.evaluate(Batch(count: n, columns: vectors))
            selection.select(from: predicate)
            let k = selection.count
            if k == 0 { continue }
            if k == n {
                for s in otherSlots { try read(s, count: n) }
            } else {
                for s in filterSlots { vectors[s].compact(selection.indices, k) }
                for s in otherSlots {
                    ChunkReader.gather(try chunk(s), start: offset, selection: selection.indices, count: k, into: vectors[s])
                    if let d = dictionaries[s] { vectors[s].dictionary = d }
                }
            }
            return Batch(count: k, columns: vectors)
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
