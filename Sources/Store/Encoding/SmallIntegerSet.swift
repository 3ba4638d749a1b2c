/// The distinct values of a run when there are few of them, found with a
/// small open-addressing set that gives up past a limit.
struct _SmallIntegerSet {
    private var keys: [Int64]
    private var used: [Bool]
    private var slotIndex: [UInt16]
    private(set) var count = 0
    private let mask: Int

    /// Collects the distinct values of `values`; `nil` when there are more than `limit`.
    init?(_ values: UnsafeBufferPointer<Int64>, limit: Int) {
        var size = 16
        while size < limit * 4 { size <<= 1 }
        keys = [Int64](repeating: 0, count: size)
        used = [Bool](repeating: false, count: size)
        slotIndex = [UInt16](repeating: 0, count: size)
        mask = size - 1
        for v in values where !contains(v) {
            guard count < limit else { return nil }
            insert(v)
        }
    }

    @inline(__always)
    private func slot(of v: Int64) -> Int {
        let h = UInt64(bitPattern: v) &* 0x9E37_79B9_7F4A_7C15
        var s = Int(truncatingIfNeeded: h >> 40) & mask
        while used[s], keys[s] != v { s = (s + 1) & mask }
        return s
    }

    private func contains(_ v: Int64) -> Bool { used[slot(of: v)] }

    private mutating func insert(_ v: Int64) {
        let s = slot(of: v)
        used[s] = true
        keys[s] = v
        count += 1
    }

    /// The distinct values, ascending.
    var sortedValues: [Int64] { zip(keys, used).filter(\.1).map(\.0).sorted() }

    /// This set with each value's position in `sorted` attached, for encoding rows.
    func indexing(_ sorted: [Int64]) -> _SmallIntegerSet {
        var copy = self
        for (i, v) in sorted.enumerated() { copy.slotIndex[copy.slot(of: v)] = UInt16(i) }
        return copy
    }

    /// The position of `v` (which must be in the set) in the sorted list given to ``indexing(_:)``.
    @inline(__always)
    func index(of v: Int64) -> Int { Int(slotIndex[slot(of: v)]) }
}
