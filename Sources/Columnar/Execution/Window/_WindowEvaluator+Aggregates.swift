/// Aggregates over frames, each in one pass over the sorted rows whatever
/// the frame: frame bounds only move forward, so counts and integer sums
/// are differences of prefix sums, float sums slide over two stacks (no
/// subtraction, so no cancellation), and min/max keep a monotonic queue.
extension _WindowEvaluator {
    func aggregate() throws -> _WindowColumn {
        let n = input.count
        let included = includedPositions()
        // Rows counted before each position, and in all.
        var counted = [Int](repeating: 0, count: n + 1)
        for p in 0..<n { counted[p + 1] = counted[p] + (included[p] ? 1 : 0) }

        switch function.function {
        case .countStar, .count:
            var out = [Int64](repeating: 0, count: n)
            forEachRow { i, partition, peers, _ in
                let f = frame(i, partition, peers)
                out[layout.rows[i]] = Int64(counted[f.upperBound] - counted[f.lowerBound])
            }
            return .integers(out, valid: nil)
        case .sum where function.type == .int64, .avg where input.types[function.argument!] == .int64:
            return try integerSum(included, counted)
        case .sum, .avg:
            return floatSum(included, counted)
        default:
            return extremum(included)
        }
    }

    /// Whether each sorted position takes part: its argument is not NULL and
    /// its FILTER holds.
    private func includedPositions() -> [Bool] {
        let rows = layout.rows
        var out = [Bool](repeating: true, count: rows.count)
        if let a = function.argument, input.hasNulls(a) {
            for p in rows.indices where !input.isValid(a, rows[p]) { out[p] = false }
        }
        if let f = function.filter {
            let values = input.boolColumn(f)
            for p in rows.indices where !input.isValid(f, rows[p]) || values[rows[p]] == 0 { out[p] = false }
        }
        return out
    }

    /// sum and avg of integers: exact 128-bit prefix sums.
    private func integerSum(_ included: [Bool], _ counted: [Int]) throws -> _WindowColumn {
        let n = input.count
        let values = input.integerColumn(function.argument!)
        var prefix = [Int128](repeating: 0, count: n + 1)
        for p in 0..<n { prefix[p + 1] = included[p] ? prefix[p] + Int128(values[layout.rows[p]]) : prefix[p] }
        var valid = [Bool](repeating: true, count: n)
        if function.function == .avg {
            var out = [Double](repeating: 0, count: n)
            forEachRow { i, partition, peers, _ in
                let f = frame(i, partition, peers), r = layout.rows[i]
                let count = counted[f.upperBound] - counted[f.lowerBound]
                if count == 0 { valid[r] = false } else { out[r] = Double(prefix[f.upperBound] - prefix[f.lowerBound]) / Double(count) }
            }
            return .floats(out, valid: valid)
        }
        var out = [Int64](repeating: 0, count: n)
        try forEachRow { i, partition, peers, _ in
            let f = frame(i, partition, peers), r = layout.rows[i]
            guard counted[f.upperBound] > counted[f.lowerBound] else { valid[r] = false; return }
            guard let total = Int64(exactly: prefix[f.upperBound] - prefix[f.lowerBound]) else {
                throw SQLError(.runtime, "integer overflow: a windowed sum exceeds the 64-bit range; sum a float cast instead")
            }
            out[r] = total
        }
        return .integers(out, valid: valid)
    }

    /// sum and avg of floats: a sliding sum over two stacks per partition.
    private func floatSum(_ included: [Bool], _ counted: [Int]) -> _WindowColumn {
        let n = input.count
        let values = input.floatColumn(function.argument!)
        var out = [Double](repeating: 0, count: n)
        var valid = [Bool](repeating: true, count: n)
        var window = _SlidingSum()
        var pushed = 0, popped = 0
        forEachRow { i, partition, peers, _ in
            if i == partition.lowerBound { window = _SlidingSum(); pushed = i; popped = i }
            let f = frame(i, partition, peers), r = layout.rows[i]
            while pushed < f.upperBound || pushed < f.lowerBound {
                window.push(included[pushed] ? values[layout.rows[pushed]] : 0)
                pushed += 1
            }
            while popped < f.lowerBound { window.pop(); popped += 1 }
            let count = counted[f.upperBound] - counted[f.lowerBound]
            if count == 0 { valid[r] = false; return }
            out[r] = function.function == .avg ? window.total / Double(count) : window.total
        }
        return .floats(out, valid: valid)
    }

    /// min and max: a queue of candidate positions whose values only get
    /// worse from front to back; the front is the frame's extremum.
    private func extremum(_ included: [Bool]) -> _WindowColumn {
        let n = input.count
        let images = _WindowLayout.images(input, slot: function.argument!).values
        let isMax = function.function == .max
        var out = [Int](repeating: -1, count: n)
        var queue: [Int] = []
        var head = 0, pushed = 0
        forEachRow { i, partition, peers, _ in
            if i == partition.lowerBound { queue.removeAll(keepingCapacity: true); head = 0; pushed = i }
            let f = frame(i, partition, peers)
            while pushed < f.upperBound {
                if included[pushed] {
                    let v = images[layout.rows[pushed]]
                    while queue.count > head, isMax ? images[layout.rows[queue[queue.count - 1]]] <= v : images[layout.rows[queue[queue.count - 1]]] >= v {
                        queue.removeLast()
                    }
                    queue.append(pushed)
                }
                pushed += 1
            }
            while head < queue.count, queue[head] < f.lowerBound { head += 1 }
            if head < queue.count { out[layout.rows[i]] = layout.rows[queue[head]] }
        }
        return .rows(out, source: function.argument!, fallback: nil)
    }
}
