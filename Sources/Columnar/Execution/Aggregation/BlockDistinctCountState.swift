/// count(DISTINCT x), exact, for 64-bit integers and timestamps whose
/// overall range is too wide for one bitmap but whose values cluster:
/// identifiers handed out in sequence per batch, seconds within periods.
///
/// Each group keeps 4096-bit blocks of the value space, found through one
/// hash table keyed by (group, value >> 12). Neighbouring rows nearly
/// always fall in the block of the previous row, so most rows cost a
/// compare, a bit test and an OR instead of a hash-set probe. When the
/// values turn out scattered (fewer than ``minimumDensity`` values per
/// block on average) the state moves to hashed sets.
final class BlockDistinctCountState: AggregateState {
    static let blockShift: UInt64 = 12
    static let wordsPerBlock = 1 << (blockShift - 6)
    /// Values per block below which blocks cost more memory than a hash set.
    static let minimumDensity = 24
    /// Blocks allowed before density is judged.
    static let freeBlocks = 1024

    private var table = _BlockTable()
    /// The blocks' words, `wordsPerBlock` per block, back to back.
    private var words: [UInt64] = []
    private var counts: [Int64] = []
    /// Distinct values inserted in all groups together.
    private var inserted = 0
    /// Scratch: the block of each row of the current batch.
    private var rowBlocks: [Int32] = []
    /// The hashed state once the values proved scattered.
    private var scattered: DistinctCountState?

    func reserve(groups: Int) {
        if let scattered { scattered.reserve(groups: groups); return }
        extend(&counts, to: max(1, groups), with: 0)
    }

    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count n: Int) throws {
        if let scattered { try scattered.update(input, mask: mask, gids: gids, count: n); return }
        insert(input!, mask: mask, gids: gids, uniformGroup: gids == nil ? 0 : nil, count: n)
    }

    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, group: Int, gids: UnsafePointer<UInt32>, count n: Int) throws {
        if let scattered { try scattered.update(input, mask: mask, group: group, gids: gids, count: n); return }
        insert(input!, mask: mask, gids: gids, uniformGroup: group, count: n)
    }

    /// Sets the rows' bits; with `uniformGroup` every row's new values are
    /// added to that group's count once, after the loop.
    private func insert(_ v: Vector, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, uniformGroup: Int?, count n: Int) {
        locateBlocks(v.ints, mask: mask, gids: gids, count: n)
        // Every row masked out and no block yet: nothing to set.
        guard !words.isEmpty else { return }
        let shift = Self.blockShift
        var added = 0
        words.withUnsafeMutableBufferPointer { w in
            counts.withUnsafeMutableBufferPointer { c in
                rowBlocks.withUnsafeBufferPointer { blocks in
                    // Branch-free: a masked-out row (block -1, read as block 0) sets no bit and adds nothing.
                    for i in 0..<n {
                        let counted = UInt64(mask?[i] ?? 1)
                        let value = UInt64(bitPattern: v.ints[i])
                        let index = max(Int(blocks[i]), 0) &* Self.wordsPerBlock &+ Int(truncatingIfNeeded: (value >> 6) & ((1 << (shift - 6)) - 1))
                        let bit: UInt64 = counted << (value & 63)
                        let fresh = Int((~w[index] & bit) >> (value & 63))
                        w[index] |= bit
                        if uniformGroup == nil { c[Int(gids![i])] &+= Int64(fresh) }
                        added &+= fresh
                    }
                    if let g = uniformGroup { c[g] &+= Int64(added) }
                }
            }
        }
        inserted += added
        if table.count > Self.freeBlocks, inserted < table.count * Self.minimumDensity { scatter() }
    }

    /// Fills ``rowBlocks`` with each row's block (-1 for a row that does
    /// not count and opens no block), creating blocks as needed.
    private func locateBlocks(_ values: UnsafeMutablePointer<Int64>, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count n: Int) {
        if rowBlocks.count < n { rowBlocks = [Int32](repeating: -1, count: max(n, batchCapacity)) }
        var lastGroup: UInt32 = .max
        var lastKey: UInt64 = .max
        var lastBlock: Int32 = -1
        var created = 0
        // One borrow of the buffer: per-row accesses to a class's stored array would each pay an exclusivity check.
        rowBlocks.withUnsafeMutableBufferPointer { out in
            for i in 0..<n {
                let g = gids?[i] ?? 0
                let key = UInt64(bitPattern: values[i]) >> Self.blockShift
                if g != lastGroup || key != lastKey {
                    // Only a row that counts opens a block; a masked-out row in the
                    // previous row's block keeps it (it sets no bit), so the mask
                    // is read only where the block changes.
                    if let mask, mask[i] == 0 { out[i] = -1; continue }
                    let (block, isNew) = table.block(group: g, key: key)
                    if isNew { created += 1 }
                    lastGroup = g
                    lastKey = key
                    lastBlock = block
                }
                out[i] = lastBlock
            }
        }
        if created > 0 { words += repeatElement(0, count: created * Self.wordsPerBlock) }
    }

    /// Moves every block's values into hashed sets.
    private func scatter() {
        let hashed = DistinctCountState(domain: .hashed)
        hashed.reserve(groups: counts.count)
        let values = Vector(type: .int64)
        var groups = [UInt32](repeating: 0, count: batchCapacity)
        var pending = 0
        func flush() {
            values.count = pending
            groups.withUnsafeBufferPointer { g in try! hashed.update(values, mask: nil, gids: g.baseAddress, count: pending) }
            pending = 0
        }
        table.forEach { group, key, block in
            for w in 0..<Self.wordsPerBlock {
                var word = words[Int(block) * Self.wordsPerBlock + w]
                while word != 0 {
                    let bit = UInt64(word.trailingZeroBitCount)
                    word &= word - 1
                    values.ints[pending] = Int64(bitPattern: key << Self.blockShift | UInt64(w) << 6 | bit)
                    groups[pending] = group
                    pending += 1
                    if pending == batchCapacity { flush() }
                }
            }
        }
        if pending > 0 { flush() }
        scattered = hashed
        table = _BlockTable()
        words = []
        counts = []
        rowBlocks = []
    }

    func merge(_ other: any AggregateState, groups: GroupMapping?) throws {
        let o = other as! BlockDistinctCountState
        if scattered == nil, o.scattered == nil {
            if groups == nil { extend(&counts, to: o.counts.count, with: 0) }
            let targets = groups?.targets()
            o.table.forEach { group, key, theirs in
                let into = targets.map { Int(group) < $0.count ? $0[Int(group)] : -1 } ?? Int(group)
                guard into >= 0 else { return }
                let (mine, isNew) = table.block(group: UInt32(into), key: key)
                if isNew { words += repeatElement(0, count: Self.wordsPerBlock) }
                var fresh = 0
                for w in 0..<Self.wordsPerBlock {
                    let a = words[Int(mine) * Self.wordsPerBlock + w], b = o.words[Int(theirs) * Self.wordsPerBlock + w]
                    fresh += (b & ~a).nonzeroBitCount
                    words[Int(mine) * Self.wordsPerBlock + w] = a | b
                }
                counts[into] += Int64(fresh)
                inserted += fresh
            }
            return
        }
        if scattered == nil { scatter() }
        if o.scattered == nil { o.scatter() }
        try scattered!.merge(o.scattered!, groups: groups)
    }

    func emptyCopy() -> any AggregateState { BlockDistinctCountState() }

    func emit(groups: UnsafePointer<Int32>, count n: Int, into out: Vector) throws {
        if let scattered { try scattered.emit(groups: groups, count: n, into: out); return }
        out.count = n
        out.hasNulls = false
        for j in 0..<n {
            let g = Int(groups[j])
            out.ints[j] = g < counts.count ? counts[g] : 0
        }
    }
}
