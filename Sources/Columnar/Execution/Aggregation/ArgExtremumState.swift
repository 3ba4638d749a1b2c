/// `arg_max(x, by)` and `arg_min(x, by)` (also `max_by`, `min_by`): per
/// group, the `x` of the row with the largest (smallest) `by`.
///
/// Rows where `x` or `by` is NULL do not count, as in DuckDB. `by` is
/// ordered as ORDER BY orders it (floats with NaN above every number,
/// strings by UTF-8 bytes). Of rows tied on `by`, the first in input order
/// wins: a later row replaces the best only when strictly better, and
/// partitions merge in row order. (DuckDB returns one of the tied rows,
/// not always the first.)
final class ArgExtremumState: PairedAggregateState {
    let isMax: Bool
    private var best: [Value] = []
    private var values: [Value] = []

    init(isMax: Bool) {
        self.isMax = isMax
    }

    func reserve(groups: Int) {
        let n = max(1, groups)
        extend(&best, to: n, with: .null)
        extend(&values, to: n, with: .null)
    }

    /// Whether `candidate` beats `current` (NULL: no row yet).
    @inline(__always)
    private func beats(_ candidate: Value, _ current: Value) -> Bool {
        if case .null = current { return true }
        let order = Value.compare(candidate, current)
        return isMax ? order > 0 : order < 0
    }

    func update(_ x: Vector, _ by: Vector, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count n: Int) throws {
        switch by.type {
        case .int64, .timestamp, .date, .float64:
            // Numbers compare without building a value per row.
            let isFloat = by.type == .float64, isMax = self.isMax
            for i in 0..<n {
                if let mask, mask[i] == 0 { continue }
                let g = gids.map { Int($0[i]) } ?? 0
                let better: Bool
                switch best[g] {
                case .null: better = true
                case .float(let b):
                    let c = FloatOrder.compare(by.floats[i], b)
                    better = isMax ? c > 0 : c < 0
                case .int(let b), .timestamp(let b), .date(let b):
                    better = isMax ? by.ints[i] > b : by.ints[i] < b
                default: better = beats(by.value(at: i), best[g])
                }
                if better {
                    best[g] = isFloat ? .float(by.floats[i]) : by.value(at: i)
                    values[g] = x.value(at: i)
                }
            }
        case .bool, .string:
            for i in 0..<n {
                if let mask, mask[i] == 0 { continue }
                let g = gids.map { Int($0[i]) } ?? 0
                let candidate = by.value(at: i)
                if beats(candidate, best[g]) {
                    best[g] = candidate
                    values[g] = x.value(at: i)
                }
            }
        }
    }

    func emit(groups: UnsafePointer<Int32>, count n: Int, into out: Vector) throws {
        out.count = n
        out.materializeValidity()
        for j in 0..<n {
            let v = values[Int(groups[j])]
            out.validity[j] = 1
            switch v {
            case .null: out.validity[j] = 0
            case .int(let i), .timestamp(let i), .date(let i): out.ints[j] = i
            case .float(let f): out.floats[j] = f
            case .bool(let b): out.bools[j] = b ? 1 : 0
            case .string(let s): out.codes[j] = out.dictionary!.intern(s)
            }
        }
        out.compactValidity()
    }

    func merge(_ other: any AggregateState, groups: GroupMapping?) throws {
        let o = other as! ArgExtremumState
        if groups == nil { reserve(groups: max(best.count, o.best.count)) }
        for (g, into) in MergePairs(groups, count: o.best.count) {
            if case .null = o.best[g] { continue }
            // The other partition's rows come later: on a tie the earlier row stays.
            if beats(o.best[g], best[into]) {
                best[into] = o.best[g]
                values[into] = o.values[g]
            }
        }
    }

    func emptyCopy() -> any AggregateState { ArgExtremumState(isMax: isMax) }
}
