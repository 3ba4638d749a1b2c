/// `CASE WHEN c1 THEN v1 … ELSE e END`, evaluating each branch only on the
/// rows that reach it, so that a guarded expression (a cast, a division)
/// never runs on rows its condition excludes.
final class CaseNode: PhysicalExpression {
    let type: DataType
    private let conditions: [any PhysicalExpression]
    private let values: [any PhysicalExpression]
    private let output: Vector
    private let strings: StringCollector?
    /// Rows not yet matched by a condition, as indices into the batch.
    private let remaining = SelectionBuffer()
    private let matched = SelectionBuffer()
    private let nextRemaining = SelectionBuffer()
    private var conditionBatch: BatchSubset
    private var valueBatch: BatchSubset

    init(arguments: [BoundExpression], type: DataType, compiler: ExpressionCompiler) throws {
        self.type = type
        var conditions: [any PhysicalExpression] = []
        var values: [any PhysicalExpression] = []
        var i = 0
        while i + 1 < arguments.count {
            conditions.append(try compiler.compile(arguments[i]))
            values.append(try compiler.compile(arguments[i + 1]))
            i += 2
        }
        values.append(try compiler.compile(arguments[arguments.count - 1]))
        self.conditions = conditions
        self.values = values
        output = Vector(type: type)
        strings = type == .string ? StringCollector() : nil
        // Literal results get their codes up front, in a fixed order: every
        // partition of a parallel aggregation then gives a string the same
        // code, so their group ids merge (see RangeAnalysis.dictionarySize).
        if let strings, let literals = RangeAnalysis.literalResults(ofCase: arguments) {
            for s in literals { _ = strings.intern(s) }
        }
        conditionBatch = BatchSubset(types: compiler.inputTypes)
        valueBatch = BatchSubset(types: compiler.inputTypes)
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        let n = batch.count
        output.count = n
        output.hasNulls = true
        output.validity.update(repeating: 0, count: n)
        if let strings { output.dictionary = strings.dictionary }
        for i in 0..<n { remaining.indices[i] = Int32(i) }
        remaining.count = n

        for (k, value) in values.enumerated() {
            guard remaining.count > 0 else { break }
            let rows = remaining.count == n ? batch : conditionBatch.restrict(batch, to: remaining)
            if k == conditions.count {
                try assign(value, rows: rows, positions: remaining.indices, count: remaining.count)
                break
            }
            let test = try conditions[k].evaluate(rows)
            matched.count = 0
            nextRemaining.count = 0
            for j in 0..<rows.count {
                if test.isValid(j) && test.bools[j] != 0 {
                    matched.indices[matched.count] = Int32(j)
                    matched.count += 1
                } else {
                    nextRemaining.indices[nextRemaining.count] = remaining.indices[j]
                    nextRemaining.count += 1
                }
            }
            if matched.count > 0 {
                let chosen = valueBatch.restrict(rows, to: matched)
                // Positions in the full batch of the matched rows.
                for j in 0..<matched.count { matched.indices[j] = remaining.indices[Int(matched.indices[j])] }
                try assign(value, rows: chosen, positions: matched.indices, count: matched.count)
            }
            remaining.indices.update(from: nextRemaining.indices, count: nextRemaining.count)
            remaining.count = nextRemaining.count
        }
        output.compactValidity()
        return output
    }

    /// Evaluates `value` over `rows` and writes result j to output row `positions[j]`.
    private func assign(_ value: any PhysicalExpression, rows: Batch, positions: UnsafeMutablePointer<Int32>, count: Int) throws {
        let v = try value.evaluate(rows)
        let out = output
        let checked = v.hasNulls
        // One loop per type, with the vectors' buffers read once: this runs for every row of every batch.
        switch type {
        case .int64, .timestamp, .date:
            let fromFloat = v.type == .float64
            for j in 0..<count where !checked || v.validity[j] != 0 {
                let p = Int(positions[j])
                out.validity[p] = 1
                out.ints[p] = fromFloat ? Int64(v.floats[j]) : v.ints[j]
            }
        case .float64:
            let fromInt = v.type == .int64
            for j in 0..<count where !checked || v.validity[j] != 0 {
                let p = Int(positions[j])
                out.validity[p] = 1
                out.floats[p] = fromInt ? Double(v.ints[j]) : v.floats[j]
            }
        case .bool:
            for j in 0..<count where !checked || v.validity[j] != 0 {
                let p = Int(positions[j])
                out.validity[p] = 1
                out.bools[p] = v.bools[j]
            }
        case .string:
            let collector = strings!, source = v.dictionary!
            // Branch values are mostly literals: translate a run of equal codes once.
            var lastCode = UInt32.max, lastMapped: UInt32 = 0
            for j in 0..<count where !checked || v.validity[j] != 0 {
                let p = Int(positions[j])
                out.validity[p] = 1
                let c = v.codes[j]
                if c != lastCode {
                    lastCode = c
                    lastMapped = collector.code(for: c, in: source)
                }
                out.codes[p] = lastMapped
            }
        }
    }
}

/// The rows of a batch picked by a selection, copied into vectors owned
/// here (one per input slot, allocated on first use).
struct BatchSubset {
    private var vectors: [Vector?]

    init(types: [DataType]) {
        vectors = types.map { _ in nil }
    }

    mutating func restrict(_ batch: Batch, to selection: SelectionBuffer) -> Batch {
        var columns: [Vector] = []
        columns.reserveCapacity(batch.columns.count)
        for (slot, source) in batch.columns.enumerated() {
            if slot >= vectors.count { vectors.append(nil) }
            let target = vectors[slot] ?? Vector(type: source.type)
            vectors[slot] = target
            target.gather(from: source, selection.indices, selection.count)
            columns.append(target)
        }
        return Batch(count: selection.count, columns: columns)
    }
}

/// Re-encodes string codes from any dictionary into one dictionary owned
/// by an operator, remembering each source code's translation.
///
/// A final class because expression nodes and kernels share it by
/// reference across batches while it grows.
final class StringCollector {
    let dictionary = StringDictionary()
    /// Translations per source dictionary (kept alive so identities stay unique).
    private var tables: [ObjectIdentifier: (source: StringDictionary, codes: [UInt32])] = [:]
    private var lastSource: StringDictionary?
    private var last: [UInt32] = []
    private static let unknown = UInt32.max

    /// The code in ``dictionary`` of entry `code` of `from`.
    @inline(__always)
    func code(for code: UInt32, in from: StringDictionary) -> UInt32 {
        if from === dictionary { return code }
        if from !== lastSource { switchSource(to: from) }
        if last.count < from.count {
            last += [UInt32](repeating: StringCollector.unknown, count: from.count - last.count)
        }
        let c = Int(code)
        let t = last[c]
        if t != StringCollector.unknown { return t }
        let mapped = from.withBytes(c) { dictionary.intern(bytes: $0) }
        last[c] = mapped
        return mapped
    }

    private func switchSource(to from: StringDictionary) {
        if let previous = lastSource {
            tables[ObjectIdentifier(previous)] = (previous, last)
        }
        lastSource = from
        last = tables.removeValue(forKey: ObjectIdentifier(from))?.codes ?? []
    }

    /// Interns a string built by a kernel.
    @inline(__always)
    func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 { dictionary.intern(bytes: bytes) }

    /// Interns a Swift string.
    func intern(_ s: String) -> UInt32 { dictionary.intern(s) }
}
