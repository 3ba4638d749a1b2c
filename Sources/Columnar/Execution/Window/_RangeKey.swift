/// The one ORDER BY key of a window whose RANGE frame has offsets: finds
/// where the rows within a distance of each row's value begin and end.
struct _RangeKey {
    private enum Values {
        case integers([Int64])
        case floats([Double])
    }

    private let values: Values
    /// NULL keys by input row (nil when there are none).
    private let nulls: [Bool]?
    private let descending: Bool
    private let nullsFirst: Bool

    /// nil when the key is not a number, a timestamp or a date.
    init?(_ input: ResultCollector, key: SortKey) {
        switch input.types[key.slot] {
        case .int64, .timestamp, .date: values = .integers(input.integerColumn(key.slot))
        case .float64: values = .floats(input.floatColumn(key.slot))
        default: return nil
        }
        nulls = input.hasNulls(key.slot) ? (0..<input.count).map { !input.isValid(key.slot, $0) } : nil
        descending = key.descending
        nullsFirst = key.nullsFirst
    }

    /// Where `bound` (with an offset) falls for every sorted position: a
    /// start is the first row at least the offset away in sort order, an end
    /// the first row beyond it. The thresholds only grow along a partition,
    /// so one pointer per partition finds them all. A NULL (or NaN) key's
    /// frame is its peer group.
    func positions(of bound: FrameBound, isEnd: Bool, layout: _WindowLayout) -> [Int] {
        let offset: Double
        switch bound {
        case .preceding(let k): offset = -k
        case .following(let k): offset = k
        default: preconditionFailure("only bounds with an offset are measured")
        }
        let rows = layout.rows, parts = layout.partitionStarts, peers = layout.peerStarts
        var out = [Int](repeating: 0, count: rows.count)
        var g = 0
        for p in 0..<(parts.count - 1) {
            let partition = parts[p]..<parts[p + 1]
            // Non-null keys are contiguous: NULLs sit at one end of the partition.
            var lo = partition.lowerBound, hi = partition.upperBound
            if nulls != nil {
                if nullsFirst { lo = search(partition) { !isNull(rows[$0]) } } else { hi = search(partition) { isNull(rows[$0]) } }
            }
            var pointer = lo
            while peers[g] < partition.upperBound {
                let group = peers[g]..<peers[g + 1]
                let current = rows[group.lowerBound]
                if isNull(current) || isNaN(current) {
                    for i in group { out[i] = isEnd ? group.upperBound : group.lowerBound }
                } else {
                    while pointer < hi {
                        let d = distance(rows[pointer], from: current)
                        if isEnd ? d > offset : d >= offset { break }
                        pointer += 1
                    }
                    for i in group { out[i] = pointer }
                }
                g += 1
            }
        }
        return out
    }

    /// The first position of `range` where `holds` is true (it stays true after).
    private func search(_ range: Range<Int>, _ holds: (Int) -> Bool) -> Int {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if holds(mid) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// How far row `r` lies after row `current` in sort order (negative: before).
    private func distance(_ r: Int, from current: Int) -> Double {
        let d: Double
        switch values {
        case .integers(let v): d = Double(Int128(v[r]) - Int128(v[current]))
        case .floats(let v): d = v[r].isNaN ? .infinity : v[r] - v[current]
        }
        return descending ? -d : d
    }

    private func isNull(_ r: Int) -> Bool { nulls?[r] ?? false }

    private func isNaN(_ r: Int) -> Bool {
        if case .floats(let v) = values { return v[r].isNaN }
        return false
    }
}
