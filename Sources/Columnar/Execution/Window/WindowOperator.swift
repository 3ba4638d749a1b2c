/// Window functions: collects its input, sorts the rows once per distinct
/// (PARTITION BY, ORDER BY), computes every function over its sorted rows,
/// then replays the rows in input order with one column per function.
///
/// The input holds the `width` columns passed through, then the columns the
/// functions read (arguments, defaults, filters and keys, computed below).
final class WindowOperator: BatchOperator {
    /// PARTITION BY and ORDER BY over the input's slots.
    struct Ordering {
        var partition: [Int]
        var order: [SortKey]
    }

    /// One function call over the input's slots.
    struct Function {
        var function: WindowFunction
        /// The value argument's slot.
        var argument: Int?
        /// lag and lead: the slot of the default.
        var fallback: Int?
        /// FILTER's slot.
        var filter: Int?
        var frame: WindowFrame
        var type: DataType
        /// The index of its ordering.
        var ordering: Int
    }

    private let input: any BatchOperator
    private let width: Int
    private let orderings: [Ordering]
    private let functions: [Function]
    private var rows: ResultCollector
    private var results: [_WindowColumn]?
    /// Strings of a column whose values and defaults use different dictionaries, re-interned.
    private var collectors: [Int: StringCollector] = [:]
    private var position = 0
    private let vectors: [Vector]
    let outputTypes: [DataType]

    init(input: any BatchOperator, width: Int, orderings: [Ordering], functions: [Function]) {
        self.input = input
        self.width = width
        self.orderings = orderings
        self.functions = functions
        rows = ResultCollector(types: input.outputTypes)
        outputTypes = Array(input.outputTypes.prefix(width)) + functions.map(\.type)
        vectors = outputTypes.map { Vector(type: $0) }
    }

    func next() throws -> Batch? {
        if results == nil { try compute() }
        guard let results, position < rows.count else { return nil }
        let n = min(batchCapacity, rows.count - position)
        rows.emit(start: position, count: n, into: Array(vectors.prefix(width)))
        for (f, column) in results.enumerated() {
            write(column, of: f, into: vectors[width + f], start: position, count: n)
        }
        position += n
        return Batch(count: n, columns: vectors)
    }

    private func compute() throws {
        while let batch = try input.next() { rows.append(batch) }
        var out = [_WindowColumn?](repeating: nil, count: functions.count)
        for (o, ordering) in orderings.enumerated() {
            let layout = _WindowLayout(rows, partition: ordering.partition, order: ordering.order)
            // A RANGE frame with offsets measures distances in the one ORDER BY key.
            let rangeKey = ordering.order.count == 1 ? _RangeKey(rows, key: ordering.order[0]) : nil
            for (f, function) in functions.enumerated() where function.ordering == o {
                out[f] = try _WindowEvaluator(input: rows, layout: layout, function: function, rangeKey: rangeKey).evaluate()
            }
        }
        results = out.map { $0! }
    }

    /// Rows `start ..< start + n` of a function's values into `v`.
    private func write(_ column: _WindowColumn, of f: Int, into v: Vector, start: Int, count n: Int) {
        v.count = n
        v.hasNulls = false
        switch column {
        case .integers(let values, let valid):
            values.withUnsafeBufferPointer { v.ints.update(from: $0.baseAddress! + start, count: n) }
            if let valid { writeValidity(valid, into: v, start: start, count: n) }
        case .floats(let values, let valid):
            values.withUnsafeBufferPointer { v.floats.update(from: $0.baseAddress! + start, count: n) }
            if let valid { writeValidity(valid, into: v, start: start, count: n) }
        case .rows(let sources, let source, let fallback):
            v.materializeValidity()
            var collector: StringCollector?
            if v.type == .string {
                let d = rows.dictionary(source), e = fallback.flatMap { rows.dictionary($0) }
                if let e, d !== e {
                    if collectors[f] == nil { collectors[f] = StringCollector() }
                    collector = collectors[f]
                    v.dictionary = collector!.dictionary
                } else {
                    v.dictionary = d ?? e ?? StringDictionary()
                }
            }
            for j in 0..<n {
                let s = sources[start + j]
                let (slot, row) = s >= 0 ? (source, s) : (s == -2 ? fallback : nil, start + j)
                guard let slot, rows.isValid(slot, row) else {
                    v.validity[j] = 0
                    if v.type == .string { v.codes[j] = 0 }
                    continue
                }
                v.validity[j] = 1
                switch v.type {
                case .int64, .timestamp, .date: v.ints[j] = rows.integer(slot, row)
                case .float64: v.floats[j] = rows.float(slot, row)
                case .bool: v.bools[j] = rows.bool(slot, row)
                case .string:
                    let code = rows.code(slot, row)
                    v.codes[j] = collector.map { $0.code(for: code, in: rows.dictionary(slot)!) } ?? code
                }
            }
            v.compactValidity()
        }
    }

    private func writeValidity(_ valid: [Bool], into v: Vector, start: Int, count n: Int) {
        v.materializeValidity()
        for j in 0..<n { v.validity[j] = valid[start + j] ? 1 : 0 }
        v.compactValidity()
    }
}
