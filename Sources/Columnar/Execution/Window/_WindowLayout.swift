/// The rows of a window operator's input in the order of one window
/// specification: sorted by the PARTITION BY keys, then the ORDER BY keys,
/// with the bounds of each partition and of each peer group (rows of a
/// partition with equal ORDER BY keys).
struct _WindowLayout {
    /// The input row at each sorted position.
    let rows: [Int]
    /// The first position of each partition, then the row count.
    let partitionStarts: [Int]
    /// The first position of each peer group, then the row count. Every
    /// partition start is a peer group start.
    let peerStarts: [Int]

    /// Sorts `input` by `partition` (slots) and `order`; ties keep input order.
    init(_ input: ResultCollector, partition: [Int], order: [SortKey]) {
        let n = input.count
        let keys = partition.map { SortKey(slot: $0, descending: false, nullsFirst: false) } + order
        guard n > 0 else {
            (rows, partitionStarts, peerStarts) = ([], [0], [0])
            return
        }
        guard !keys.isEmpty else {
            (rows, partitionStarts, peerStarts) = (Array(0..<n), [0, n], [0, n])
            return
        }
        // Row-major images: key j of row r at r * k + j; the direction is folded
        // into the image, NULL placement into a rank (0 first, 1 value, 2 last).
        let k = keys.count
        var images = [UInt64](repeating: 0, count: n * k)
        var nullRanks = [UInt8](repeating: 1, count: n * k)
        for (j, key) in keys.enumerated() {
            let (values, nulls) = _WindowLayout.images(input, slot: key.slot)
            for r in 0..<n {
                if let nulls, nulls[r] {
                    nullRanks[r * k + j] = key.nullsFirst ? 0 : 2
                } else {
                    images[r * k + j] = key.descending ? ~values[r] : values[r]
                }
            }
        }
        // The first key sits in the sorted entries themselves; the others are
        // read only when it ties.
        var entries = (0..<n).map { r in _Entry(image: images[r * k], row: Int32(truncatingIfNeeded: r), rank: nullRanks[r * k]) }
        images.withUnsafeBufferPointer { image in
            nullRanks.withUnsafeBufferPointer { rank in
                entries.sort { x, y in
                    if x.rank != y.rank { return x.rank < y.rank }
                    if x.image != y.image { return x.image < y.image }
                    let a = Int(x.row), b = Int(y.row)
                    var i = a * k + 1, j = b * k + 1
                    for _ in 1..<k {
                        if rank[i] != rank[j] { return rank[i] < rank[j] }
                        if image[i] != image[j] { return image[i] < image[j] }
                        i += 1
                        j += 1
                    }
                    return a < b
                }
            }
        }
        let sorted = entries.map { Int($0.row) }
        func differ(_ a: Int, _ b: Int, _ keyRange: Range<Int>) -> Bool {
            for j in keyRange where images[a * k + j] != images[b * k + j] || nullRanks[a * k + j] != nullRanks[b * k + j] { return true }
            return false
        }
        var partitions = [0], peers = [0]
        for p in 1..<n {
            let (a, b) = (sorted[p - 1], sorted[p])
            if differ(a, b, 0..<partition.count) {
                partitions.append(p)
                peers.append(p)
            } else if differ(a, b, partition.count..<k) {
                peers.append(p)
            }
        }
        partitions.append(n)
        peers.append(n)
        (rows, partitionStarts, peerStarts) = (sorted, partitions, peers)
    }

    /// A row with its first sort key.
    private struct _Entry {
        var image: UInt64
        var row: Int32
        var rank: UInt8
    }

    /// Per row of column `slot`: an unsigned image whose order is the value
    /// order (strings by their bytes, equal strings alike), and which rows
    /// are NULL (nil when none is).
    static func images(_ input: ResultCollector, slot c: Int) -> (values: [UInt64], nulls: [Bool]?) {
        let n = input.count
        var values = [UInt64](repeating: 0, count: n)
        switch input.types[c] {
        case .int64, .timestamp, .date:
            let column = input.integerColumn(c)
            for r in 0..<n { values[r] = UInt64(bitPattern: column[r]) ^ (1 << 63) }
        case .float64:
            let column = input.floatColumn(c)
            for r in 0..<n { values[r] = SortOperator.floatImage(column[r]) }
        case .bool:
            let column = input.boolColumn(c)
            for r in 0..<n { values[r] = UInt64(column[r] & 1) }
        case .string:
            let codes = input.codeColumn(c)
            let ranks = stringRanks(input, slot: c)
            for r in 0..<n where input.isValid(c, r) { values[r] = UInt64(ranks[Int(codes[r])]) }
        }
        var nulls: [Bool]?
        if input.hasNulls(c) {
            nulls = (0..<n).map { !input.isValid(c, $0) }
        }
        return (values, nulls)
    }

    /// The dense rank, in byte order, of every dictionary code the column
    /// uses (0 for codes it does not).
    private static func stringRanks(_ input: ResultCollector, slot c: Int) -> [UInt32] {
        guard let dictionary = input.dictionary(c) else { return [] }
        var used = [Bool](repeating: false, count: dictionary.count)
        let codes = input.codeColumn(c)
        for r in 0..<input.count where input.isValid(c, r) { used[Int(codes[r])] = true }
        var present = used.indices.filter { used[$0] }
        present.sort { dictionary.compare($0, $1) < 0 }
        var ranks = [UInt32](repeating: 0, count: dictionary.count)
        var rank: UInt32 = 0
        for (i, code) in present.enumerated() {
            if i > 0, dictionary.compare(present[i - 1], code) != 0 { rank += 1 }
            ranks[code] = rank
        }
        return ranks
    }
}
