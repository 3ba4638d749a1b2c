/// count(DISTINCT x), exact.
///
/// When x has a small dense domain (dictionary codes, small integer
/// ranges, booleans) each group that has rows keeps a bitmap over the
/// domain (all in one flat array) and the count is a population count.
/// Otherwise — or once the bitmaps would exceed their memory budget — each
/// group keeps a hash set of the values' 64-bit images.
final class DistinctCountState: AggregateState {
    /// Domain of the argument, when dense.
    enum Domain {
        case codes
        case range(lo: Int64, size: Int)
        case booleans
        case hashed
    }

    let domain: Domain
    private var usingBitmaps: Bool
    /// Bitmaps of `words` words each, back to back.
    private var bits: [UInt64] = []
    /// Start of each group's bitmap in `bits`, or -1.
    private var base: [Int] = []
    /// The groups that have a bitmap, in the order of their bitmaps.
    private var owners: [Int] = []
    private var words = 0
    private var counts: [Int64] = []
    private var sets: [IntegerMap] = []
    /// Bits all bitmaps may hold together (512 MiB).
    static let bitmapBudget = 1 << 32

    init(domain: Domain) {
        self.domain = domain
        if case .hashed = domain { usingBitmaps = false } else { usingBitmaps = true }
    }

    func reserve(groups: Int) {
        let n = max(1, groups)
        extend(&counts, to: n, with: 0)
        if usingBitmaps { extend(&base, to: n, with: -1) } else { extend(&sets, to: n, with: IntegerMap(capacity: 4)) }
    }

    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count n: Int) throws {
        let v = input!
        if usingBitmaps {
            let size: Int = switch domain {
            case .codes: v.dictionary!.count
            case .range(_, let size): size
            default: 2
            }
            if prepareBitmaps(size: size, gids: gids, count: n) {
                try setBits(v, size: size, mask: mask, gids: gids, count: n)
                return
            }
            convertToSets()
        }
        for i in 0..<n where mask.map({ $0[i] != 0 }) ?? true {
            let g = gids.map { Int($0[i]) } ?? 0
            let before = sets[g].count
            _ = sets[g].ordinal(of: ValueBits.of(v, i))
            counts[g] &+= Int64(sets[g].count - before)
        }
    }

    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, group: Int, gids: UnsafePointer<UInt32>, count n: Int) throws {
        // Dictionary codes always lie inside the domain: one bitmap, no range checks.
        guard usingBitmaps, case .codes = domain, let v = input, let size = v.dictionary?.count,
              prepareBitmaps(size: size, gids: gids, count: n) else {
            return try update(input, mask: mask, gids: gids, count: n)
        }
        try setBits(v, size: size, mask: mask, gids: gids, group: group, count: n)
    }

    /// Widens every bitmap to the domain and allocates those of new groups.
    /// - Returns: false when that would exceed the budget.
    private func prepareBitmaps(size: Int, gids: UnsafePointer<UInt32>?, count n: Int) -> Bool {
        let needed = max(1, (size + 63) >> 6)
        if needed > words {
            // A dictionary that grows batch by batch would widen every bitmap every
            // batch: grow by half again at least, so widening happens O(log) times.
            var target = max(needed, words + words / 2)
            if owners.count * target * 64 > DistinctCountState.bitmapBudget { target = needed }
            guard owners.count * target * 64 <= DistinctCountState.bitmapBudget else { return false }
            var widened = [UInt64](repeating: 0, count: owners.count * target)
            for (k, g) in owners.enumerated() {
                for w in 0..<words { widened[k * target + w] = bits[base[g] + w] }
                base[g] = k * target
            }
            bits = widened
            words = target
        }
        var fresh: [Int] = []
        if let gids {
            // Most batches bring no new group: check that without branching first.
            var unseen = 0
            base.withUnsafeBufferPointer { b in
                for i in 0..<n { unseen |= b[Int(gids[i])] >> 63 }
            }
            if unseen != 0 {
                for i in 0..<n where base[Int(gids[i])] == -1 {
                    base[Int(gids[i])] = -2
                    fresh.append(Int(gids[i]))
                }
            }
        } else if base[0] == -1 {
            fresh = [0]
        }
        guard !fresh.isEmpty else { return true }
        guard (owners.count + fresh.count) * words * 64 <= DistinctCountState.bitmapBudget else {
            for g in fresh { base[g] = -1 }
            return false
        }
        for g in fresh { allocateBitmap(g) }
        return true
    }

    /// Gives group `g` a cleared bitmap at the end of `bits`.
    private func allocateBitmap(_ g: Int) {
        base[g] = bits.count
        owners.append(g)
        bits += repeatElement(0, count: words)
    }

    /// - Parameter group: the one group of every row, when the caller knows it (else group 0 without `gids`).
    private func setBits(_ v: Vector, size: Int, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, group: Int? = nil,
                         count n: Int) throws {
        var outside: UInt64 = 0
        let limit = UInt64(size)
        bits.withUnsafeMutableBufferPointer { b in
            base.withUnsafeBufferPointer { start in
                @inline(__always) func set(_ i: Int, _ o: UInt64) {
                    let s = gids.map { start[Int($0[i])] } ?? start[0]
                    let m = mask.map { UInt64($0[i]) } ?? 1
                    outside |= (o >= limit ? 1 : 0) & m
                    let idx = s + Int(truncatingIfNeeded: (o >> 6) & 0x03FF_FFFF_FFFF)
                    b[min(idx, b.count - 1)] |= m << (o & 63)
                }
                switch domain {
                case .codes:
                    let codes = v.codes
                    if let single = group ?? (gids == nil ? 0 : nil) {
                        // One bitmap for the whole batch; a masked-out row ORs in 0.
                        let words = b.baseAddress! + start[single]
                        for i in 0..<n {
                            let o = Int(codes[i])
                            words[o >> 6] |= UInt64(mask?[i] ?? 1) << UInt64(o & 63)
                        }
                    } else if let g = gids, mask == nil {
                        for i in 0..<n {
                            let o = Int(codes[i])
                            b[start[Int(g[i])] + (o >> 6)] |= 1 << UInt64(o & 63)
                        }
                    } else if let g = gids, let m = mask {
                        // Every row's group has a bitmap (prepareBitmaps saw them all): a masked-out row ORs in 0.
                        for i in 0..<n {
                            let o = Int(codes[i])
                            b[start[Int(g[i])] + (o >> 6)] |= UInt64(m[i]) << UInt64(o & 63)
                        }
                    } else {
                        for i in 0..<n { set(i, UInt64(codes[i])) }
                    }
                case .range(let lo, _):
                    for i in 0..<n { set(i, UInt64(bitPattern: v.ints[i] &- lo)) }
                default:
                    for i in 0..<n { set(i, UInt64(v.bools[i] & 1)) }
                }
            }
        }
        if outside != 0 { throw SQLError(.runtime, "internal: a distinct value left its known range") }
    }

    private func convertToSets() {
        let lo: Int64 = if case .range(let lo, _) = domain { lo } else { 0 }
        sets = base.map { _ in IntegerMap(capacity: 4) }
        for g in base.indices where base[g] >= 0 {
            for w in 0..<words {
                let word = bits[base[g] + w]
                guard word != 0 else { continue }
                for b in 0..<64 where word & (1 << UInt64(b)) != 0 {
                    let o = w * 64 + b
                    let image: UInt64 = if case .range = domain { UInt64(bitPattern: lo + Int64(o)) } else { UInt64(o) }
                    _ = sets[g].ordinal(of: image)
                }
            }
            counts[g] = Int64(sets[g].count)
        }
        bits = []
        base = []
        owners = []
        usingBitmaps = false
    }

    func merge(_ other: any AggregateState, groups: GroupMapping?) throws {
        let o = other as! DistinctCountState
        if groups == nil { reserve(groups: max(counts.count, o.counts.count, base.count, o.base.count)) }
        // Widen this state's bitmaps to the other's domain; over the budget, count through sets.
        if usingBitmaps, o.usingBitmaps, o.words > words, !prepareBitmaps(size: o.words * 64, gids: nil, count: 0) {
            convertToSets()
        }
        if usingBitmaps, o.usingBitmaps {
            for (g, into) in MergePairs(groups, count: o.base.count) where o.base[g] >= 0 {
                if base[into] < 0 { allocateBitmap(into) }
                let (to, from) = (base[into], o.base[g])
                // Through buffers: a class's array indexed in a loop checks exclusivity every time.
                bits.withUnsafeMutableBufferPointer { mine in
                    o.bits.withUnsafeBufferPointer { theirs in
                        for w in 0..<o.words { mine[to + w] |= theirs[from + w] }
                    }
                }
            }
            return
        }
        // Otherwise count through sets: bring both sides to sets and unite them.
        if usingBitmaps { convertToSets() }
        let theirs: [IntegerMap] = o.usingBitmaps ? o.setsFromBitmaps() : o.sets
        extend(&sets, to: max(sets.count, theirs.count), with: IntegerMap(capacity: 4))
        extend(&counts, to: sets.count, with: 0)
        for (g, into) in MergePairs(groups, count: theirs.count) {
            for key in theirs[g].ordered { _ = sets[into].ordinal(of: key) }
            counts[into] = Int64(sets[into].count)
        }
    }

    func emptyCopy() -> any AggregateState { DistinctCountState(domain: domain) }

    /// This partition's bitmaps as sets, without changing its state.
    private func setsFromBitmaps() -> [IntegerMap] {
        let lo: Int64 = if case .range(let lo, _) = domain { lo } else { 0 }
        var out = base.map { _ in IntegerMap(capacity: 4) }
        for g in base.indices where base[g] >= 0 {
            for w in 0..<words {
                let word = bits[base[g] + w]
                guard word != 0 else { continue }
                for b in 0..<64 where word & (1 << UInt64(b)) != 0 {
                    let o = w * 64 + b
                    let image: UInt64 = if case .range = domain { UInt64(bitPattern: lo + Int64(o)) } else { UInt64(o) }
                    _ = out[g].ordinal(of: image)
                }
            }
        }
        return out
    }

    func emit(groups: UnsafePointer<Int32>, count n: Int, into out: Vector) throws {
        out.count = n
        out.hasNulls = false
        for j in 0..<n {
            let g = Int(groups[j])
            if usingBitmaps {
                guard g < base.count, base[g] >= 0 else { out.ints[j] = 0; continue }
                var c = 0
                for w in 0..<words { c += bits[base[g] + w].nonzeroBitCount }
                out.ints[j] = Int64(c)
            } else {
                out.ints[j] = counts[g]
            }
        }
    }
}
