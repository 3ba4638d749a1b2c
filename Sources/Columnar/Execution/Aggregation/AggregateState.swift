/// The running state of one aggregate for every group.
///
/// `update` receives the argument vector (nil for count(*)), a mask of the
/// rows that count (validity AND the FILTER clause; nil when all do) and the
/// group id of each row (nil when there is a single group).
protocol AggregateState: AnyObject {
    /// Makes room for group ids below `groups`.
    func reserve(groups: Int)
    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count: Int) throws
    /// `update` for a batch whose rows all belong to `group` (`gids` holds it
    /// for every row, for states without a faster way).
    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, group: Int, gids: UnsafePointer<UInt32>, count: Int) throws
    /// Writes the final values of the listed groups into `out`.
    func emit(groups: UnsafePointer<Int32>, count: Int, into out: Vector) throws
    /// Adds the state of another partition of the same aggregate, whose
    /// rows come after this one's.
    /// - Parameter groups: the group of this state that each group of
    ///   `other` goes into (negative: none), for grouping sets derived from
    ///   a finer one; nil when group ids mean the same groups in both.
    func merge(_ other: any AggregateState, groups: GroupMapping?) throws
    /// A state of the same aggregate that has seen no rows.
    func emptyCopy() -> any AggregateState
}

extension AggregateState {
    /// Adds the state of another partition whose group ids mean the same groups.
    func merge(_ other: any AggregateState) throws { try merge(other, groups: nil) }

    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, group: Int, gids: UnsafePointer<UInt32>, count n: Int) throws {
        try update(input, mask: mask, gids: gids, count: n)
    }
}

/// Which group of this state each group of a merged state goes into, for
/// grouping sets derived from a finer one: only the finer set's groups that
/// have rows, so a merge walks them rather than every id a dense key allows.
struct GroupMapping {
    var pairs: [(from: Int, into: Int)]

    /// The target of every source group, indexed by source (-1: none).
    func targets() -> [Int] {
        var t = [Int](repeating: -1, count: (pairs.map(\.from).max() ?? -1) + 1)
        for p in pairs { t[p.from] = p.into }
        return t
    }
}

/// The (merged state's group, this state's group) pairs of a merge: each
/// group onto itself without a mapping, else the mapping's pairs.
struct MergePairs: Sequence, IteratorProtocol {
    let mapping: GroupMapping?
    /// Groups the merged state holds.
    let count: Int
    private var i = 0

    init(_ mapping: GroupMapping?, count: Int) {
        self.mapping = mapping
        self.count = count
    }

    mutating func next() -> (Int, Int)? {
        guard let pairs = mapping?.pairs else {
            guard i < count else { return nil }
            defer { i += 1 }
            return (i, i)
        }
        while i < pairs.count {
            defer { i += 1 }
            // Groups past the merged state's arrays have no rows there (a state sized before they appeared).
            if pairs[i].from < count { return pairs[i] }
        }
        return nil
    }
}

/// Grows an array to `n` elements.
@inline(__always)
func extend<T>(_ a: inout [T], to n: Int, with value: T) {
    if a.count < n { a += [T](repeating: value, count: n - a.count) }
}

/// count(*) and count(x): rows (with x not NULL) per group.
final class CountState: AggregateState {
    var counts: [Int64] = []

    func reserve(groups: Int) { extend(&counts, to: max(1, groups), with: 0) }

    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count n: Int) throws {
        counts.withUnsafeMutableBufferPointer { c in
            switch (gids, mask) {
            case (nil, nil): c[0] &+= Int64(n)
            case (nil, let m?):
                var s: Int64 = 0
                for i in 0..<n { s &+= Int64(m[i]) }
                c[0] &+= s
            case (let g?, nil): for i in 0..<n { c[Int(g[i])] &+= 1 }
            case (let g?, let m?): for i in 0..<n { c[Int(g[i])] &+= Int64(m[i]) }
            }
        }
    }

    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, group: Int, gids: UnsafePointer<UInt32>, count n: Int) throws {
        var s = Int64(n)
        if let mask {
            s = 0
            for i in 0..<n { s &+= Int64(mask[i]) }
        }
        counts[group] &+= s
    }

    func emit(groups: UnsafePointer<Int32>, count n: Int, into out: Vector) throws {
        out.count = n
        out.hasNulls = false
        for j in 0..<n { out.ints[j] = counts[Int(groups[j])] }
    }

    func merge(_ other: any AggregateState, groups: GroupMapping?) throws {
        let o = other as! CountState
        if groups == nil { extend(&counts, to: o.counts.count, with: 0) }
        for (g, t) in MergePairs(groups, count: o.counts.count) { counts[t] &+= o.counts[g] }
    }

    func emptyCopy() -> any AggregateState { CountState() }
}

/// sum, avg (and their NULL-when-empty rule) over integers, floats or timestamps.
///
/// Integers accumulate in 128 bits and are checked when emitted; floats use
/// Neumaier's compensated summation so that long sums stay exact to the
/// last digit that matters.
final class SumState: AggregateState {
    enum Output { case sum, average }
    let output: Output
    let inputType: DataType
    let outputType: DataType
    private var integerSums: [Int128] = []
    private var floatSums: [Double] = []
    private var compensations: [Double] = []
    private var counts: [Int64] = []

    init(output: Output, inputType: DataType, outputType: DataType) {
        self.output = output
        self.inputType = inputType
        self.outputType = outputType
    }

    func reserve(groups: Int) {
        let n = max(1, groups)
        extend(&counts, to: n, with: 0)
        if inputType == .float64 {
            extend(&floatSums, to: n, with: 0)
            extend(&compensations, to: n, with: 0)
        } else {
            extend(&integerSums, to: n, with: 0)
        }
    }

    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count n: Int) throws {
        let v = input!
        if inputType == .float64 {
            let x = v.floats
            floatSums.withUnsafeMutableBufferPointer { s in
                compensations.withUnsafeMutableBufferPointer { c in
                    counts.withUnsafeMutableBufferPointer { k in
                        for i in 0..<n {
                            let m = mask.map { $0[i] } ?? 1
                            let g = gids.map { Int($0[i]) } ?? 0
                            let value = m != 0 ? x[i] : 0
                            let t = s[g] + value
                            c[g] += Swift.abs(s[g]) >= Swift.abs(value) ? (s[g] - t) + value : (value - t) + s[g]
                            s[g] = t
                            k[g] &+= Int64(m)
                        }
                    }
                }
            }
            return
        }
        let x = v.ints
        integerSums.withUnsafeMutableBufferPointer { s in
            counts.withUnsafeMutableBufferPointer { k in
                switch (gids, mask) {
                case (nil, nil):
                    var total: Int128 = 0
                    for i in 0..<n { total &+= Int128(x[i]) }
                    s[0] &+= total
                    k[0] &+= Int64(n)
                case (nil, let m?):
                    var total: Int128 = 0
                    var c: Int64 = 0
                    for i in 0..<n {
                        total &+= Int128(x[i] & (0 &- Int64(m[i])))
                        c &+= Int64(m[i])
                    }
                    s[0] &+= total
                    k[0] &+= c
                case (let g?, nil):
                    for i in 0..<n {
                        let j = Int(g[i])
                        s[j] &+= Int128(x[i])
                        k[j] &+= 1
                    }
                case (let g?, let m?):
                    for i in 0..<n {
                        let j = Int(g[i])
                        s[j] &+= Int128(x[i] & (0 &- Int64(m[i])))
                        k[j] &+= Int64(m[i])
                    }
                }
            }
        }
    }

    func emit(groups: UnsafePointer<Int32>, count n: Int, into out: Vector) throws {
        out.count = n
        out.hasNulls = true
        for j in 0..<n {
            let g = Int(groups[j])
            let c = counts[g]
            out.validity[j] = c > 0 ? 1 : 0
            guard c > 0 else { continue }
            switch (inputType, output) {
            case (.float64, .sum):
                out.floats[j] = floatSums[g] + compensations[g]
            case (.float64, .average):
                out.floats[j] = (floatSums[g] + compensations[g]) / Double(c)
            case (_, .sum):
                guard let v = Int64(exactly: integerSums[g]) else {
                    throw SQLError(.runtime, "integer overflow: sum exceeds the 64-bit range; sum a float cast instead")
                }
                out.ints[j] = v
            case (.timestamp, .average):
                out.ints[j] = Int64(integerSums[g] / Int128(c))
            case (_, .average):
                out.floats[j] = SumState.divide(integerSums[g], c)
            }
        }
        out.compactValidity()
    }

    func merge(_ other: any AggregateState, groups: GroupMapping?) throws {
        let o = other as! SumState
        if groups == nil { reserve(groups: max(counts.count, o.counts.count)) }
        for (g, into) in MergePairs(groups, count: o.counts.count) {
            counts[into] &+= o.counts[g]
            if inputType == .float64 {
                // Two-sum keeps the rounding error of adding the partial sums.
                let a = floatSums[into], b = o.floatSums[g], t = a + b
                let error = Swift.abs(a) >= Swift.abs(b) ? (a - t) + b : (b - t) + a
                floatSums[into] = t
                compensations[into] += o.compensations[g] + error
            } else {
                integerSums[into] &+= o.integerSums[g]
            }
        }
    }

    func emptyCopy() -> any AggregateState { SumState(output: output, inputType: inputType, outputType: outputType) }

    /// A 128-bit sum divided by a count, correctly rounded to a Double.
    static func divide(_ sum: Int128, _ count: Int64) -> Double {
        let q = sum / Int128(count)
        let r = sum % Int128(count)
        return Double(q) + Double(r) / Double(count)
    }
}
