/// ORDER BY: collects its input, sorts, and replays it. With a LIMIT it
/// keeps only the best `limit` rows, re-sorting whenever the buffer fills,
/// so `ORDER BY ts DESC LIMIT 10` over millions of rows stays small.
final class SortOperator: BatchOperator {
    private let input: any BatchOperator
    private let keys: [SortKey]
    private let limit: Int?
    private var rows: ResultCollector
    private var sorted = false
    private var position = 0
    private let vectors: [Vector]
    var outputTypes: [DataType] { input.outputTypes }

    init(input: any BatchOperator, keys: [SortKey], limit: Int?) {
        self.input = input
        self.keys = keys
        self.limit = limit
        rows = ResultCollector(types: input.outputTypes)
        vectors = input.outputTypes.map { Vector(type: $0) }
    }

    func next() throws -> Batch? {
        if !sorted {
            let threshold = limit.map { max(2 * $0, 65_536) } ?? Int.max
            while let batch = try input.next() {
                rows.append(batch)
                if rows.count >= threshold { sortRows() }
            }
            sortRows()
            sorted = true
        }
        guard position < rows.count else { return nil }
        let n = min(batchCapacity, rows.count - position)
        rows.emit(start: position, count: n, into: vectors)
        position += n
        return Batch(count: n, columns: vectors)
    }

    /// Sorts the buffered rows and drops those beyond the limit.
    private func sortRows() {
        let n = rows.count
        guard n > 1 || limit != nil else { return }
        let images = keys.map { orderImages($0.slot) }
        let dictionaries = keys.map { rows.types[$0.slot] == .string ? rows.dictionary($0.slot) : nil }
        let less: (Int, Int) -> Bool = { a, b in
            for (k, key) in self.keys.enumerated() {
                let (va, ia) = images[k][a], (vb, ib) = images[k][b]
                if va != vb { return va ? key.nullsFirst : !key.nullsFirst }
                if va || ia == ib { continue }
                let ascending: Bool
                if let d = dictionaries[k] {
                    let order = d.compare(Int(ia), Int(ib))
                    if order == 0 { continue }
                    ascending = order < 0
                } else {
                    ascending = ia < ib
                }
                return key.descending ? !ascending : ascending
            }
            return a < b
        }
        var order = Array(0..<n)
        if let limit, limit < n {
            // Only the first `limit` rows matter: select them, then sort those.
            if limit > 0 { partialSelect(&order, limit - 1, by: less) }
            order.removeLast(n - limit)
        }
        order.sort(by: less)
        rows.reorder(order)
    }

    /// Per row: (is null, an unsigned image whose order is the value order).
    private func orderImages(_ c: Int) -> [(Bool, UInt64)] {
        let n = rows.count
        var out = [(Bool, UInt64)](repeating: (false, 0), count: n)
        switch rows.types[c] {
        case .int64, .timestamp, .date:
            for r in 0..<n { out[r] = (!rows.isValid(c, r), UInt64(bitPattern: rows.integer(c, r)) ^ (1 << 63)) }
        case .float64:
            for r in 0..<n { out[r] = (!rows.isValid(c, r), SortOperator.floatImage(rows.float(c, r))) }
        case .bool:
            for r in 0..<n { out[r] = (!rows.isValid(c, r), UInt64(rows.bool(c, r) & 1)) }
        case .string:
            // Codes stand in for the strings; `less` compares the bytes only
            // when two codes differ and earlier keys tie.
            for r in 0..<n {
                let valid = rows.isValid(c, r)
                out[r] = (!valid, valid ? UInt64(rows.code(c, r)) : 0)
            }
        }
        return out
    }

    /// An order-preserving unsigned image of a double; NaN above +inf.
    static func floatImage(_ d: Double) -> UInt64 {
        let bits = d.isNaN ? Double.nan.bitPattern : (d == 0 ? 0 : d.bitPattern)
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
}
