/// Aggregates that need every value of a group: median, quantiles, mode
/// and string_agg. Values are kept per group in input order (a grouping set
/// derived from a finer one joins its groups' values in group order).
final class CollectingState: AggregateState {
    enum Kind {
        case continuous(Double)
        case discrete(Double, descending: Bool)
        case mode
        case concatenate(String, sorted: SortDirection?)
    }

    let kind: Kind
    let inputType: DataType
    let outputType: DataType
    private var values: [[UInt64]] = []
    private var dictionary: StringDictionary?
    /// The concatenated strings; shared with the states derived from this
    /// one (grouping sets), so that all rows of the column use one dictionary.
    private let strings: StringCollector

    init(kind: Kind, inputType: DataType, outputType: DataType, strings: StringCollector = StringCollector()) {
        self.strings = strings
        self.kind = kind
        self.inputType = inputType
        self.outputType = outputType
    }

    func reserve(groups: Int) { extend(&values, to: max(1, groups), with: []) }

    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count n: Int) throws {
        let v = input!
        if inputType == .string {
            if dictionary == nil { dictionary = v.dictionary }
            guard dictionary === v.dictionary else { throw SQLError(.runtime, "internal: string input changed dictionaries") }
        }
        for i in 0..<n where mask.map({ $0[i] != 0 }) ?? true {
            let g = gids.map { Int($0[i]) } ?? 0
            let bits: UInt64 = switch inputType {
            case .float64: v.floats[i].bitPattern
            case .bool: UInt64(v.bools[i] & 1)
            case .string: UInt64(v.codes[i])
            default: UInt64(bitPattern: v.ints[i])
            }
            values[g].append(bits)
        }
    }

    func emit(groups: UnsafePointer<Int32>, count n: Int, into out: Vector) throws {
        out.count = n
        out.hasNulls = true
        if outputType == .string { out.dictionary = kindIsConcatenation ? strings.dictionary : (dictionary ?? StringDictionary()) }
        for j in 0..<n {
            let g = Int(groups[j])
            let group = values[g]
            out.validity[j] = group.isEmpty ? 0 : 1
            guard !group.isEmpty else { continue }
            switch kind {
            case .continuous(let p):
                var numbers: [Double] = inputType == .float64 ? group.map { Double(bitPattern: $0) } : group.map { Double(Int64(bitPattern: $0)) }
                let less: (Double, Double) -> Bool = { FloatOrder.compare($0, $1) < 0 }
                let position = Double(numbers.count - 1) * p
                let lower = Int(position.rounded(.down))
                partialSelect(&numbers, lower, by: less)
                let lo = numbers[lower]
                // The next order statistic is the smallest element after `lower`.
                let hi = lower + 1 < numbers.count ? numbers[(lower + 1)...].min(by: less)! : lo
                let value = position == Double(lower) ? lo : lo + (hi - lo) * (position - Double(lower))
                if outputType == .timestamp { out.ints[j] = Int64(value.rounded(.down)) } else { out.floats[j] = value }
            case .discrete(let p, let descending):
                let rank = min(group.count - 1, max(0, Int((Double(group.count) * p).rounded(.up)) - 1))
                let index = descending ? group.count - 1 - rank : rank
                var images = group
                partialSelect(&images, index, by: imageOrder())
                write(images[index], j, out)
            case .mode:
                write(mode(group), j, out)
            case .concatenate(let separator, let sorted):
                let d = dictionary!
                var codes = group
                if let sorted {
                    // Stable, so equal strings keep their input order either way.
                    let order = imageOrder()
                    codes = sorted == .ascending ? codes.sorted(by: order) : codes.sorted { order($1, $0) }
                }
                let text = codes.map { d[Int($0)] }.joined(separator: separator)
                out.codes[j] = strings.intern(text)
            }
        }
        out.compactValidity()
    }

    func merge(_ other: any AggregateState, groups: GroupMapping?) throws {
        let o = other as! CollectingState
        if dictionary == nil { dictionary = o.dictionary }
        guard o.dictionary == nil || o.dictionary === dictionary else {
            throw SQLError(.runtime, "internal: partitions of an aggregate use different dictionaries")
        }
        if groups == nil { reserve(groups: max(values.count, o.values.count)) }
        for (g, into) in MergePairs(groups, count: o.values.count) where !o.values[g].isEmpty { values[into] += o.values[g] }
    }

    func emptyCopy() -> any AggregateState { CollectingState(kind: kind, inputType: inputType, outputType: outputType, strings: strings) }

    private var kindIsConcatenation: Bool {
        if case .concatenate = kind { true } else { false }
    }

    private func write(_ bits: UInt64, _ j: Int, _ out: Vector) {
        switch outputType {
        case .float64: out.floats[j] = Double(bitPattern: bits)
        case .bool: out.bools[j] = UInt8(bits)
        case .string: out.codes[j] = UInt32(bits)
        default: out.ints[j] = Int64(bitPattern: bits)
        }
    }

    /// The order of the type on value images (strings by bytes).
    private func imageOrder() -> (UInt64, UInt64) -> Bool {
        switch inputType {
        case .float64: return { FloatOrder.compare(Double(bitPattern: $0), Double(bitPattern: $1)) < 0 }
        case .string:
            let d = dictionary!
            return { d.compare(Int($0), Int($1)) < 0 }
        case .bool: return { $0 < $1 }
        default: return { Int64(bitPattern: $0) < Int64(bitPattern: $1) }
        }
    }

    /// The most frequent value; ties go to the value seen first, as DuckDB does.
    private func mode(_ group: [UInt64]) -> UInt64 {
        var map = IntegerMap(capacity: 16)
        var counts: [Int] = []
        for bits in group {
            let key = inputType == .float64 ? ValueBits.float(Double(bitPattern: bits)) : bits
            let o = Int(map.ordinal(of: key))
            if o == counts.count { counts.append(0) }
            counts[o] += 1
        }
        var best = 0
        for o in counts.indices where counts[o] > counts[best] { best = o }
        return map.ordered[best]
    }
}

/// Sample and population variance and standard deviation (Welford's method).
final class VarianceState: AggregateState {
    let sample: Bool
    let root: Bool
    private var counts: [Double] = []
    private var means: [Double] = []
    private var squares: [Double] = []

    init(sample: Bool, root: Bool) {
        self.sample = sample
        self.root = root
    }

    func reserve(groups: Int) {
        let n = max(1, groups)
        extend(&counts, to: n, with: 0)
        extend(&means, to: n, with: 0)
        extend(&squares, to: n, with: 0)
    }

    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count n: Int) throws {
        let x = input!.floats
        for i in 0..<n where mask.map({ $0[i] != 0 }) ?? true {
            let g = gids.map { Int($0[i]) } ?? 0
            counts[g] += 1
            let delta = x[i] - means[g]
            means[g] += delta / counts[g]
            squares[g] += delta * (x[i] - means[g])
        }
    }

    func merge(_ other: any AggregateState, groups: GroupMapping?) throws {
        let o = other as! VarianceState
        if groups == nil { reserve(groups: max(counts.count, o.counts.count)) }
        for (g, t) in MergePairs(groups, count: o.counts.count) where o.counts[g] > 0 {
            // Chan et al.: combine counts, means and sums of squared deviations.
            let n = counts[t] + o.counts[g]
            let delta = o.means[g] - means[t]
            means[t] += delta * o.counts[g] / n
            squares[t] += o.squares[g] + delta * delta * counts[t] * o.counts[g] / n
            counts[t] = n
        }
    }

    func emptyCopy() -> any AggregateState { VarianceState(sample: sample, root: root) }

    func emit(groups: UnsafePointer<Int32>, count n: Int, into out: Vector) throws {
        out.count = n
        out.hasNulls = true
        for j in 0..<n {
            let g = Int(groups[j])
            let c = counts[g]
            let denominator = sample ? c - 1 : c
            out.validity[j] = denominator > 0 ? 1 : 0
            guard denominator > 0 else { continue }
            let variance = squares[g] / denominator
            out.floats[j] = root ? variance.squareRoot() : variance
        }
        out.compactValidity()
    }
}
