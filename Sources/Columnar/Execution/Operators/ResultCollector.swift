/// Accumulates batches into column chunks: for query results, for
/// materialised sub-queries, and for the build side of joins and sorts.
///
/// String columns keep the codes and dictionary of their input while every
/// batch shares one dictionary (the usual case: no string is copied); the
/// first batch with another dictionary switches the column to a private
/// dictionary that all strings are re-interned into.
struct ResultCollector {
    let types: [DataType]
    private(set) var count = 0
    private var ints: [[Int64]]
    private var floats: [[Double]]
    private var bools: [[UInt8]]
    private var codes: [[UInt32]]
    private var valid: [[UInt8]]
    private var hasNulls: [Bool]
    private var dictionaries: [StringDictionary?]
    private var collectors: [StringCollector?]

    init(types: [DataType]) {
        self.types = types
        let empty = types.map { _ in [Int64]() }
        ints = empty
        floats = types.map { _ in [] }
        bools = types.map { _ in [] }
        codes = types.map { _ in [] }
        valid = types.map { _ in [] }
        hasNulls = types.map { _ in false }
        dictionaries = types.map { _ in nil }
        collectors = types.map { _ in nil }
    }

    mutating func append(_ batch: Batch) {
        let n = batch.count
        for (c, v) in batch.columns.enumerated() where c < types.count {
            appendValidity(c, v, n)
            switch types[c] {
            case .int64, .timestamp, .date:
                if v.type == .float64 {
                    for i in 0..<n { ints[c].append(Int64(v.floats[i])) }
                } else {
                    ints[c].append(contentsOf: UnsafeBufferPointer(start: v.ints, count: n))
                }
            case .float64:
                if v.type == .int64 {
                    for i in 0..<n { floats[c].append(Double(v.ints[i])) }
                } else {
                    floats[c].append(contentsOf: UnsafeBufferPointer(start: v.floats, count: n))
                }
            case .bool:
                bools[c].append(contentsOf: UnsafeBufferPointer(start: v.bools, count: n))
            case .string:
                appendStrings(c, v, n)
            }
        }
        count += n
    }

    private mutating func appendValidity(_ c: Int, _ v: Vector, _ n: Int) {
        if v.hasNulls {
            if !hasNulls[c] {
                valid[c] = [UInt8](repeating: 1, count: count)
                hasNulls[c] = true
            }
            valid[c].append(contentsOf: UnsafeBufferPointer(start: v.validity, count: n))
        } else if hasNulls[c] {
            valid[c].append(contentsOf: repeatElement(1, count: n))
        }
    }

    private mutating func appendStrings(_ c: Int, _ v: Vector, _ n: Int) {
        let d = v.dictionary!
        if collectors[c] == nil {
            if dictionaries[c] == nil { dictionaries[c] = d }
            if dictionaries[c] === d {
                codes[c].append(contentsOf: UnsafeBufferPointer(start: v.codes, count: n))
                return
            }
            // A second dictionary: move what we have into a private one.
            let collector = StringCollector()
            let old = dictionaries[c]!
            for i in codes[c].indices { codes[c][i] = collector.code(for: codes[c][i], in: old) }
            collectors[c] = collector
            dictionaries[c] = collector.dictionary
        }
        let collector = collectors[c]!
        for i in 0..<n {
            let valid = !v.hasNulls || v.validity[i] != 0
            codes[c].append(valid ? collector.code(for: v.codes[i], in: d) : 0)
        }
    }

    /// The collected rows as column chunks.
    func chunks() -> [ColumnChunk] {
        types.indices.map { chunk($0, range: 0..<count) }
    }

    /// Rows `range` of column `c` as a chunk.
    func chunk(_ c: Int, range: Range<Int>) -> ColumnChunk {
        var builder = ColumnBuilder(type: types[c], dictionary: dictionaries[c] ?? StringDictionary())
        builder.reserveCapacity(range.count)
        let nullable = hasNulls[c]
        for i in range {
            if nullable, valid[c][i] == 0 { builder.appendNull(); continue }
            switch types[c] {
            case .int64, .timestamp, .date: builder.append(integer: ints[c][i])
            case .float64: builder.append(float: floats[c][i])
            case .bool: builder.append(bool: bools[c][i] != 0)
            case .string: builder.append(code: codes[c][i])
            }
        }
        return builder.build()
    }

    /// The collected rows as an in-memory table with row groups of 64K rows.
    func table(named name: String, columnNames: [String]) -> Table {
        let schema = TableSchema(zip(columnNames, types).map { ColumnSchema(name: $0, type: $1) })
        var groups: [[ColumnChunk]] = []
        var start = 0
        while start < count {
            let end = min(count, start + 65_536)
            groups.append(types.indices.map { chunk($0, range: start..<end) })
            start = end
        }
        return Table(name: name, schema: schema, rowGroups: groups)
    }

    /// Typed access for sorting and joins.
    func integer(_ c: Int, _ row: Int) -> Int64 { ints[c][row] }
    func float(_ c: Int, _ row: Int) -> Double { floats[c][row] }
    func bool(_ c: Int, _ row: Int) -> UInt8 { bools[c][row] }
    func code(_ c: Int, _ row: Int) -> UInt32 { codes[c][row] }
    func isValid(_ c: Int, _ row: Int) -> Bool { !hasNulls[c] || valid[c][row] != 0 }
    func dictionary(_ c: Int) -> StringDictionary? { dictionaries[c] }
    /// Whether column `c` holds a NULL.
    func hasNulls(_ c: Int) -> Bool { hasNulls[c] }

    /// Whole columns, for operators that sweep them (window functions).
    func integerColumn(_ c: Int) -> [Int64] { ints[c] }
    func floatColumn(_ c: Int) -> [Double] { floats[c] }
    func boolColumn(_ c: Int) -> [UInt8] { bools[c] }
    func codeColumn(_ c: Int) -> [UInt32] { codes[c] }

    /// Keeps only the rows listed, in that order.
    mutating func reorder(_ rows: [Int]) {
        for c in types.indices {
            switch types[c] {
            case .int64, .timestamp, .date: ints[c] = rows.map { ints[c][$0] }
            case .float64: floats[c] = rows.map { floats[c][$0] }
            case .bool: bools[c] = rows.map { bools[c][$0] }
            case .string: codes[c] = rows.map { codes[c][$0] }
            }
            if hasNulls[c] { valid[c] = rows.map { valid[c][$0] } }
        }
        count = rows.count
    }

    /// Writes rows `start ..< start + n` into vectors (for operators that
    /// replay collected rows as batches).
    func emit(start: Int, count n: Int, into vectors: [Vector]) {
        for (c, v) in vectors.enumerated() {
            v.count = n
            switch types[c] {
            case .int64, .timestamp, .date: ints[c].withUnsafeBufferPointer { v.ints.update(from: $0.baseAddress! + start, count: n) }
            case .float64: floats[c].withUnsafeBufferPointer { v.floats.update(from: $0.baseAddress! + start, count: n) }
            case .bool: bools[c].withUnsafeBufferPointer { v.bools.update(from: $0.baseAddress! + start, count: n) }
            case .string:
                codes[c].withUnsafeBufferPointer { v.codes.update(from: $0.baseAddress! + start, count: n) }
                v.dictionary = dictionaries[c] ?? StringDictionary()
            }
            if hasNulls[c] {
                valid[c].withUnsafeBufferPointer { v.validity.update(from: $0.baseAddress! + start, count: n) }
                v.hasNulls = true
            } else {
                v.hasNulls = false
            }
        }
    }
}

extension ResultCollector {
    /// Writes the listed rows (-1 = a row of NULLs) into vectors.
    func gather(rows: [Int32], into vectors: [Vector]) {
        let n = rows.count
        for (c, v) in vectors.enumerated() {
            v.count = n
            v.hasNulls = true
            if types[c] == .string { v.dictionary = dictionary(c) ?? StringDictionary() }
            for (j, r) in rows.enumerated() {
                guard r >= 0, isValid(c, Int(r)) else {
                    v.validity[j] = 0
                    if types[c] == .string { v.codes[j] = 0 }
                    continue
                }
                v.validity[j] = 1
                let row = Int(r)
                switch types[c] {
                case .int64, .timestamp, .date: v.ints[j] = integer(c, row)
                case .float64: v.floats[j] = float(c, row)
                case .bool: v.bools[j] = bool(c, row)
                case .string: v.codes[j] = code(c, row)
                }
            }
            v.compactValidity()
        }
    }
}
