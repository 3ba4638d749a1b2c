/// How one GROUP BY key is turned into a small ordinal (0 = NULL).
enum KeyEncoding: Sendable {
    /// String codes of a dictionary that stays the same for the query;
    /// `fixedSize` when it cannot grow (a table column, the calendar).
    case dictionary(fixedSize: Int?)
    /// Integers known to lie in `lo ..< lo + size`.
    case range(lo: Int64, size: Int)
    /// Booleans.
    case boolean
    /// Anything else: ordinals assigned by a hash map.
    case hashed
}

/// Assigns group ids to rows from their key vectors.
///
/// One key: the group id is the key's ordinal, so dictionary codes and
/// small integer ranges index the aggregate states directly. Several keys
/// with fixed small domains: a mixed-radix number of their ordinals, the
/// slot; when slots are many (period × month × season…), mostly empty, a
/// slot's group is numbered in order of appearance, so that states hold the
/// groups that occur rather than every combination. Else keys are folded
/// pairwise through hash maps into dense ids.
struct GroupTable {
    private(set) var encodings: [KeyEncoding]
    private var maps: [_KeyOrdinals]
    private var dictionaries: [StringDictionary?]
    private var ordinals: [[UInt32]]
    /// Mixed-radix strides when every key has a fixed domain and the product is small.
    private let strides: [Int]?
    private var folds: [IntegerMap]
    /// Slots when group ids are numbered in order of appearance, else nil.
    private let compactedSlots: Int?
    /// Per slot, its group + 1 (0: not seen yet); allocated on first use.
    private var slotGroups: [UInt32] = []
    /// Per group, its slot (numbered in order of appearance).
    private var groupSlots: [UInt32] = []
    /// Rows per group id.
    private(set) var rowCounts: [Int64] = []
    /// The group of every row of the last batch assigned, when they all
    /// share one (time-ordered rows grouped by period mostly do).
    private(set) var uniformGroup: Int?
    let keyTypes: [DataType]

    static let denseLimit = 1 << 22
    /// Above this many slots, groups are numbered in order of appearance.
    static let compactionThreshold = 1 << 14

    init(keyTypes: [DataType], encodings: [KeyEncoding]) {
        self.keyTypes = keyTypes
        self.encodings = encodings
        maps = encodings.map { _ in _KeyOrdinals() }
        dictionaries = encodings.map { _ in nil }
        ordinals = encodings.map { _ in [UInt32](repeating: 0, count: batchCapacity) }
        folds = encodings.count > 1 ? encodings.dropFirst().map { _ in IntegerMap() } : []
        strides = GroupTable.denseStrides(encodings)
        let slots = strides.map { $0.last! * GroupTable.domainSize(encodings.last!)! }
        compactedSlots = slots.flatMap { $0 > GroupTable.compactionThreshold ? $0 : nil }
    }

    /// Ordinals a key of a fixed domain takes (NULL included), or nil.
    static func domainSize(_ e: KeyEncoding) -> Int? {
        switch e {
        case .dictionary(let fixed?): fixed + 1
        case .range(_, let s): s + 1
        case .boolean: 3
        default: nil
        }
    }

    /// Mixed-radix strides when there are several keys, each with a fixed
    /// domain, whose product fits the dense limit.
    static func denseStrides(_ encodings: [KeyEncoding]) -> [Int]? {
        guard encodings.count > 1 else { return nil }
        var strides: [Int] = []
        var stride = 1
        for e in encodings {
            guard let size = domainSize(e) else { return nil }
            strides.append(stride)
            let (product, overflow) = stride.multipliedReportingOverflow(by: size)
            guard !overflow, product <= denseLimit else { return nil }
            stride = product
        }
        return strides
    }

    /// Whether group ids depend only on the key values (not on the order rows
    /// arrived in), so two partitions' states can be merged index by index:
    /// one key of a fixed domain, or several whose product is dense.
    static func isMergeable(_ encodings: [KeyEncoding]) -> Bool {
        let fixed = encodings.allSatisfy {
            switch $0 {
            case .dictionary(let size): size != nil
            case .range, .boolean: true
            case .hashed: false
            }
        }
        return fixed && (encodings.count <= 1 || denseStrides(encodings) != nil)
    }

    /// The number of group ids in use (an upper bound for dense encodings).
    var capacity: Int { rowCounts.count }

    /// Writes the group id of each row into `gids` and counts rows per group.
    mutating func assign(_ keys: [Vector], count n: Int, into gids: UnsafeMutablePointer<UInt32>) throws {
        var needed = 0
        if keys.count == 1 {
            try encode(0, keys[0], n, into: gids)
            needed = sizeOf(0)
        } else {
            for (k, v) in keys.enumerated() {
                // Take the buffer out so encoding (which mutates self) does not overlap its access.
                var buffer = ordinals[k]
                ordinals[k] = []
                try buffer.withUnsafeMutableBufferPointer { try encode(k, v, n, into: $0.baseAddress!) }
                ordinals[k] = buffer
            }
            if let strides, keys.count == 2 {
                // The common pair (period, cell): two flat buffers, no inner loop.
                let stride = strides[1]
                ordinals[0].withUnsafeBufferPointer { a in
                    ordinals[1].withUnsafeBufferPointer { b in
                        for i in 0..<n { gids[i] = UInt32(truncatingIfNeeded: Int(a[i]) &+ Int(b[i]) &* stride) }
                    }
                }
                needed = compactedSlots == nil ? strides.last! * sizeOf(keys.count - 1) : compact(gids, n)
            } else if let strides {
                // Key by key over flat buffers: each loop is a multiply-add the compiler vectorises.
                ordinals[0].withUnsafeBufferPointer { a in
                    for i in 0..<n { gids[i] = a[i] }
                }
                for k in 1..<keys.count {
                    let stride = UInt32(truncatingIfNeeded: strides[k])
                    ordinals[k].withUnsafeBufferPointer { a in
                        for i in 0..<n { gids[i] &+= a[i] &* stride }
                    }
                }
                needed = compactedSlots == nil ? strides.last! * sizeOf(keys.count - 1) : compact(gids, n)
            } else {
                for i in 0..<n { gids[i] = ordinals[0][i] }
                for k in 1..<keys.count {
                    for i in 0..<n {
                        let packed = UInt64(gids[i]) << 32 | UInt64(ordinals[k][i])
                        gids[i] = folds[k - 1].ordinal(of: packed)
                    }
                }
                needed = folds[keys.count - 2].count
            }
        }
        if needed > rowCounts.count { rowCounts += [Int64](repeating: 0, count: needed - rowCounts.count) }
        // A branch-free pass tells whether the batch has one group: then one add
        // replaces a chain of increments of the same counter.
        let first = n > 0 ? gids[0] : 0
        var differs: UInt32 = 0
        for i in 0..<n { differs |= gids[i] ^ first }
        uniformGroup = n > 0 && differs == 0 ? Int(first) : nil
        rowCounts.withUnsafeMutableBufferPointer { c in
            if let g = uniformGroup {
                c[g] &+= Int64(n)
            } else {
                for i in 0..<n { c[Int(gids[i])] &+= 1 }
            }
        }
    }

    /// Turns each row's slot in `gids` into its group, numbering new slots'
    /// groups as they appear. Returns the number of groups.
    private mutating func compact(_ gids: UnsafeMutablePointer<UInt32>, _ n: Int) -> Int {
        if slotGroups.isEmpty { slotGroups = [UInt32](repeating: 0, count: compactedSlots!) }
        // Out of self while the loop writes them: no per-row access checks.
        var table = slotGroups, slots = groupSlots
        slotGroups = []
        groupSlots = []
        table.withUnsafeMutableBufferPointer { t in
            // Time-ordered rows repeat their slot: one comparison instead of a load.
            var last = UInt32.max, lastGroup: UInt32 = 0
            for i in 0..<n {
                let slot = gids[i]
                if slot != last {
                    var g = t[Int(slot)]
                    if g == 0 {
                        slots.append(slot)
                        g = UInt32(slots.count)
                        t[Int(slot)] = g
                    }
                    last = slot
                    lastGroup = g &- 1
                }
                gids[i] = lastGroup
            }
        }
        slotGroups = table
        groupSlots = slots
        return groupSlots.count
    }

    private func sizeOf(_ k: Int) -> Int {
        switch encodings[k] {
        case .dictionary(let fixed): (fixed ?? dictionaries[k]?.count ?? 0) + 1
        case .range(_, let size): size + 1
        case .boolean: 3
        case .hashed: maps[k].count + 1
        }
    }

    private func boundOfSingleKey() -> Int { sizeOf(0) }

    /// Writes the ordinal of key `k` of each row into `o`.
    private mutating func encode(_ k: Int, _ v: Vector, _ n: Int, into o: UnsafeMutablePointer<UInt32>) throws {
        switch encodings[k] {
        case .dictionary(let fixed):
            if dictionaries[k] == nil { dictionaries[k] = v.dictionary }
            guard v.dictionary === dictionaries[k] else {
                throw SQLError(.runtime, "internal: a group key changed dictionaries between batches")
            }
            if let fixed, v.dictionary!.count > fixed {
                throw SQLError(.runtime, "internal: a fixed dictionary grew during a query")
            }
            let codes = v.codes
            for i in 0..<n { o[i] = codes[i] &+ 1 }
        case .range(let lo, let size):
            var outside: UInt8 = 0
            let limit = UInt64(size)
            let x = v.ints
            for i in 0..<n {
                let d = x[i] &- lo
                outside |= UInt64(bitPattern: d) >= limit ? 1 : 0
                o[i] = UInt32(truncatingIfNeeded: d &+ 1)
            }
            // Null rows may hold anything; only a valid row out of range is a fault.
            if outside != 0, (0..<n).contains(where: { v.isValid($0) && UInt64(bitPattern: x[$0] &- lo) >= limit }) {
                throw SQLError(.runtime, "internal: a group key left its known range")
            }
        case .boolean:
            let b = v.bools
            for i in 0..<n { o[i] = UInt32(b[i] & 1) + 1 }
        case .hashed:
            // Through the buffer: each row's insertion mutates the map in place, with no per-row access checks.
            let valid: UnsafeMutablePointer<UInt8>? = v.hasNulls ? v.validity : nil
            maps.withUnsafeMutableBufferPointer { m in
                for i in 0..<n where valid.map({ $0[i] != 0 }) ?? true { o[i] = m[k].ordinal(of: ValueBits.of(v, i)) + 1 }
            }
        }
        if v.hasNulls {
            let valid = v.validity
            for i in 0..<n { o[i] &= 0 &- UInt32(valid[i]) }
        }
    }

    /// Adds another partition's groups and row counts (see ``isMergeable(_:)``).
    /// - Returns: where each of its groups went, when groups are numbered in
    ///   order of appearance; nil when group ids mean the same in both.
    mutating func merge(_ other: GroupTable) -> GroupMapping? {
        for k in dictionaries.indices where dictionaries[k] == nil { dictionaries[k] = other.dictionaries[k] }
        if let slotCount = compactedSlots {
            if slotGroups.isEmpty { slotGroups = [UInt32](repeating: 0, count: slotCount) }
            var pairs: [(from: Int, into: Int)] = []
            pairs.reserveCapacity(other.groupSlots.count)
            for (g, slot) in other.groupSlots.enumerated() {
                var into = Int(slotGroups[Int(slot)]) - 1
                if into < 0 {
                    groupSlots.append(slot)
                    into = groupSlots.count - 1
                    slotGroups[Int(slot)] = UInt32(groupSlots.count)
                }
                if into >= rowCounts.count { rowCounts += [Int64](repeating: 0, count: into + 1 - rowCounts.count) }
                rowCounts[into] &+= other.rowCounts[g]
                pairs.append((g, into))
            }
            return GroupMapping(pairs: pairs)
        }
        if other.rowCounts.count > rowCounts.count {
            rowCounts += [Int64](repeating: 0, count: other.rowCounts.count - rowCounts.count)
        }
        for g in other.rowCounts.indices { rowCounts[g] &+= other.rowCounts[g] }
        return nil
    }

    /// The dictionary of string key `k`, once a batch has brought it.
    func dictionary(ofKey k: Int) -> StringDictionary? { dictionaries[k] }

    /// The ordinal of key `k` in group `g` (0 = NULL).
    func ordinal(ofKey k: Int, group g: Int) -> Int {
        if encodings.count == 1 { return g }
        if let strides {
            let slot = compactedSlots == nil ? g : Int(groupSlots[g])
            return (slot / strides[k]) % sizeOf(k)
        }
        // Unfold the pairwise maps from the last key back to the first.
        var id = UInt64(g)
        for stage in stride(from: encodings.count - 2, through: 0, by: -1) {
            let packed = folds[stage].ordered[Int(id)]
            if stage + 1 == k { return Int(packed & 0xFFFF_FFFF) }
            id = packed >> 32
        }
        return Int(id)
    }

    /// Writes key `k` of the listed groups into `out`.
    func emitKey(_ k: Int, groups: UnsafePointer<Int32>, count n: Int, into out: Vector) {
        out.count = n
        out.hasNulls = true
        for j in 0..<n {
            let o = ordinal(ofKey: k, group: Int(groups[j]))
            out.validity[j] = o == 0 ? 0 : 1
            guard o > 0 else { continue }
            switch encodings[k] {
            case .dictionary: out.codes[j] = UInt32(o - 1)
            case .range(let lo, _): out.ints[j] = lo + Int64(o - 1)
            case .boolean: out.bools[j] = UInt8(o - 1)
            case .hashed:
                let bits = maps[k].key(o - 1)
                switch keyTypes[k] {
                case .float64: out.floats[j] = Double(bitPattern: bits)
                case .bool: out.bools[j] = UInt8(bits)
                case .string: out.codes[j] = UInt32(bits)
                default: out.ints[j] = Int64(bitPattern: bits)
                }
            }
        }
        if keyTypes[k] == .string { out.dictionary = dictionaries[k] ?? StringDictionary() }
        out.compactValidity()
    }
}
