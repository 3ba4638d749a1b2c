/// The values of one window function, by input row.
enum _WindowColumn {
    case integers([Int64], valid: [Bool]?)
    case floats([Double], valid: [Bool]?)
    /// Input rows whose `source` value is the result: -1 gives NULL, -2 the
    /// `fallback` column's value in the same row (lag and lead defaults).
    case rows([Int], source: Int, fallback: Int?)
}

/// Computes one window function over the rows of a layout: ranking and
/// navigation here, aggregates in `_WindowEvaluator+Aggregates`.
struct _WindowEvaluator {
    let input: ResultCollector
    let layout: _WindowLayout
    let function: WindowOperator.Function
    /// Where each sorted position's frame starts and ends, for RANGE bounds
    /// with an offset (distances in the ORDER BY key).
    private let rangeStarts: [Int]?
    private let rangeEnds: [Int]?

    init(input: ResultCollector, layout: _WindowLayout, function: WindowOperator.Function, rangeKey: _RangeKey?) {
        self.input = input
        self.layout = layout
        self.function = function
        let f = function.frame
        let measured = f.unit == .range ? rangeKey : nil
        rangeStarts = f.start.hasOffset ? measured?.positions(of: f.start, isEnd: false, layout: layout) : nil
        rangeEnds = f.end.hasOffset ? measured?.positions(of: f.end, isEnd: true, layout: layout) : nil
    }

    func evaluate() throws -> _WindowColumn {
        let n = input.count
        switch function.function {
        case .rowNumber, .rank, .denseRank, .ntile:
            var out = [Int64](repeating: 0, count: n)
            if case .ntile(nil) = function.function {
                return .integers(out, valid: [Bool](repeating: false, count: n))
            }
            forEachRow { i, partition, peers, peerNumber in
                let value: Int
                switch function.function {
                case .rowNumber: value = i - partition.lowerBound + 1
                case .rank: value = peers.lowerBound - partition.lowerBound + 1
                case .denseRank: value = peerNumber
                case .ntile(let buckets): value = _WindowEvaluator.ntile(Int(clamping: buckets!), row: i - partition.lowerBound, of: partition.count)
                default: value = 0
                }
                out[layout.rows[i]] = Int64(value)
            }
            return .integers(out, valid: nil)
        case .percentRank, .cumeDist:
            var out = [Double](repeating: 0, count: n)
            let cumulative = function.function == .cumeDist
            forEachRow { i, partition, peers, _ in
                let size = Double(partition.count)
                out[layout.rows[i]] = cumulative ? Double(peers.upperBound - partition.lowerBound) / size
                    : (partition.count > 1 ? Double(peers.lowerBound - partition.lowerBound) / (size - 1) : 0)
            }
            return .floats(out, valid: nil)
        case .lag(let offset), .lead(let offset):
            var out = [Int](repeating: -1, count: n)
            if let offset {
                let isLead = if case .lead = function.function { true } else { false }
                let step = isLead ? offset : (offset == .min ? .max : -offset)
                forEachRow { i, partition, _, _ in
                    // Offsets beyond the partition (however large) read the default.
                    let before = i - partition.lowerBound, after = partition.upperBound - 1 - i
                    let inside = step >= 0 ? step <= Int64(after) : step >= -Int64(before)
                    out[layout.rows[i]] = inside ? layout.rows[i + Int(step)] : -2
                }
            }
            return .rows(out, source: function.argument!, fallback: function.fallback)
        case .firstValue, .lastValue, .nthValue:
            var out = [Int](repeating: -1, count: n)
            forEachRow { i, partition, peers, _ in
                let f = frame(i, partition, peers)
                guard !f.isEmpty else { return }
                switch function.function {
                case .firstValue: out[layout.rows[i]] = layout.rows[f.lowerBound]
                case .lastValue: out[layout.rows[i]] = layout.rows[f.upperBound - 1]
                case .nthValue(let k):
                    if let k, k >= 1, k <= Int64(f.count) { out[layout.rows[i]] = layout.rows[f.lowerBound + Int(k) - 1] }
                default: break
                }
            }
            return .rows(out, source: function.argument!, fallback: nil)
        case .countStar, .count, .sum, .avg, .min, .max:
            return try aggregate()
        }
    }

    /// Calls `body(position, partition, peer group, peer group number)` for
    /// every sorted position, partition by partition.
    func forEachRow(_ body: (Int, Range<Int>, Range<Int>, Int) throws -> Void) rethrows {
        let parts = layout.partitionStarts, peers = layout.peerStarts
        var g = 0
        for p in 0..<(parts.count - 1) {
            let partition = parts[p]..<parts[p + 1]
            var number = 0
            while peers[g] < partition.upperBound {
                let group = peers[g]..<peers[g + 1]
                number += 1
                for i in group { try body(i, partition, group, number) }
                g += 1
            }
        }
    }

    /// The positions of the frame of the row at position `i`.
    func frame(_ i: Int, _ partition: Range<Int>, _ peers: Range<Int>) -> Range<Int> {
        let f = function.frame
        var start: Int, end: Int
        switch f.start {
        case .unboundedPreceding: start = partition.lowerBound
        case .preceding(let k): start = i - min(_WindowEvaluator.rows(k), i - partition.lowerBound)
        case .currentRow: start = f.unit == .rows ? i : peers.lowerBound
        case .following(let k): start = i + min(_WindowEvaluator.rows(k), partition.upperBound - i)
        case .unboundedFollowing: start = partition.upperBound
        }
        switch f.end {
        case .unboundedPreceding: end = partition.lowerBound
        case .preceding(let k): end = i + 1 - min(_WindowEvaluator.rows(k), i + 1 - partition.lowerBound)
        case .currentRow: end = f.unit == .rows ? i + 1 : peers.upperBound
        case .following(let k): end = i + 1 + min(_WindowEvaluator.rows(k), partition.upperBound - i - 1)
        case .unboundedFollowing: end = partition.upperBound
        }
        if let rangeStarts { start = rangeStarts[i] }
        if let rangeEnds { end = rangeEnds[i] }
        return start..<max(start, end)
    }

    /// A ROWS offset as a count of rows, however large.
    private static func rows(_ k: Double) -> Int {
        k >= Double(Int.max) ? Int.max : Int(k)
    }

    /// The bucket (from 1) of row `row` of `size` rows split into `buckets`
    /// as evenly as possible, the first buckets one row larger (as DuckDB).
    static func ntile(_ buckets: Int, row: Int, of size: Int) -> Int {
        let groups = min(buckets, size)
        let small = size / groups
        let large = size - groups * small
        let inLarge = large * (small + 1)
        return row < inLarge ? 1 + row / (small + 1) : 1 + large + (row - inLarge) / small
    }
}
