/// An equi-join: the right input is collected into a hash table on its
/// keys, then each batch of the left input probes it. LEFT JOIN emits
/// unmatched left rows with NULLs; without keys it is a cross join.
final class HashJoinOperator: BatchOperator {
    let outputTypes: [DataType]
    private let left: any BatchOperator
    private let right: any BatchOperator
    private let kind: JoinKind
    private let leftKeys: [any PhysicalExpression]
    private let rightKeys: [any PhysicalExpression]
    private var built = false
    private var rightRows: ResultCollector
    private var keyMaps: [IntegerMap]
    private var combined: [IntegerMap]
    /// First right row per combined key ordinal, and the next row with the same key.
    private var heads: [Int32] = []
    private var chain: [Int32] = []
    /// Strings of both sides interned together so that keys compare by content.
    private let strings = StringCollector()

    private var current: Batch?
    private var leftIndex = 0
    private var pendingRight: Int32 = -1
    private var leftMatches: [Int32?] = []
    private var leftPositions: [Int32] = []
    private var rightPositions: [Int32] = []
    private let leftVectors: [Vector]
    private let rightVectors: [Vector]
    private let pairsLeft = SelectionBuffer()

    init(left: any BatchOperator, right: any BatchOperator, kind: JoinKind,
         leftKeys: [BoundExpression], rightKeys: [BoundExpression]) throws {
        self.left = left
        self.right = right
        self.kind = kind
        let lc = ExpressionCompiler(inputTypes: left.outputTypes)
        let rc = ExpressionCompiler(inputTypes: right.outputTypes)
        self.leftKeys = try leftKeys.map { try lc.compile($0) }
        self.rightKeys = try rightKeys.map { try rc.compile($0) }
        outputTypes = left.outputTypes + right.outputTypes
        rightRows = ResultCollector(types: right.outputTypes)
        keyMaps = leftKeys.map { _ in IntegerMap() }
        combined = leftKeys.count > 1 ? leftKeys.dropFirst().map { _ in IntegerMap() } : []
        leftVectors = left.outputTypes.map { Vector(type: $0) }
        rightVectors = right.outputTypes.map { Vector(type: $0) }
    }

    /// The 64-bit image of key row i, strings by content.
    private func image(_ v: Vector, _ i: Int) -> UInt64 {
        v.type == .string ? UInt64(strings.code(for: v.codes[i], in: v.dictionary!)) : ValueBits.of(v, i)
    }

    private func build() throws {
        var row: Int32 = 0
        while let batch = try right.next() {
            rightRows.append(batch)
            let keys = try rightKeys.map { try $0.evaluate(batch) }
            for i in 0..<batch.count {
                defer { row += 1 }
                chain.append(-1)
                guard !keys.isEmpty else { continue }
                guard keys.allSatisfy({ $0.isValid(i) }) else { continue }
                var id = keyMaps[0].ordinal(of: image(keys[0], i))
                for k in 1..<max(1, keys.count) {
                    let o = keyMaps[k].ordinal(of: image(keys[k], i))
                    id = combined[k - 1].ordinal(of: UInt64(id) << 32 | UInt64(o))
                }
                if Int(id) >= heads.count { heads += [Int32](repeating: -1, count: Int(id) - heads.count + 1) }
                // Prepend; rows are later walked from the head, so keep insertion order by reversing at the end.
                chain[Int(row)] = heads[Int(id)]
                heads[Int(id)] = row
            }
        }
        // Reverse each chain so matches come out in right-side order.
        for h in heads.indices {
            var previous: Int32 = -1
            var r = heads[h]
            while r >= 0 {
                let next = chain[Int(r)]
                chain[Int(r)] = previous
                previous = r
                r = next
            }
            heads[h] = previous
        }
        built = true
    }

    /// The first right row matching left row i, or -1.
    private func firstMatch(_ keys: [Vector], _ i: Int) -> Int32 {
        if leftKeys.isEmpty { return rightRows.count > 0 ? 0 : -1 }
        guard keys.allSatisfy({ $0.isValid(i) }), var id = keyMaps[0].find(image(keys[0], i)) else { return -1 }
        for k in 1..<max(1, keys.count) {
            guard let o = keyMaps[k].find(image(keys[k], i)), let c = combined[k - 1].find(UInt64(id) << 32 | UInt64(o)) else { return -1 }
            id = c
        }
        return Int(id) < heads.count ? heads[Int(id)] : -1
    }

    private func nextMatch(after r: Int32) -> Int32 {
        if leftKeys.isEmpty { return Int(r) + 1 < rightRows.count ? r + 1 : -1 }
        return chain[Int(r)]
    }

    func next() throws -> Batch? {
        if !built { try build() }
        while true {
            if current == nil || leftIndex >= current!.count {
                guard let b = try left.next() else { return nil }
                current = b
                leftIndex = 0
                pendingRight = -2
                leftKeyVectors = try leftKeys.map { try $0.evaluate(b) }
            }
            let batch = current!
            leftPositions.removeAll(keepingCapacity: true)
            rightPositions.removeAll(keepingCapacity: true)
            while leftIndex < batch.count, leftPositions.count < batchCapacity {
                var r = pendingRight == -2 ? firstMatch(leftKeyVectors, leftIndex) : pendingRight
                if pendingRight == -2, r < 0 {
                    if kind == .left {
                        leftPositions.append(Int32(leftIndex))
                        rightPositions.append(-1)
                    }
                    leftIndex += 1
                    continue
                }
                while r >= 0, leftPositions.count < batchCapacity {
                    leftPositions.append(Int32(leftIndex))
                    rightPositions.append(r)
                    r = nextMatch(after: r)
                }
                if r >= 0 {
                    pendingRight = r
                } else {
                    pendingRight = -2
                    leftIndex += 1
                }
            }
            if leftPositions.isEmpty { continue }
            let n = leftPositions.count
            leftPositions.withUnsafeBufferPointer { p in
                pairsLeft.indices.update(from: p.baseAddress!, count: n)
            }
            for (v, source) in zip(leftVectors, batch.columns) { v.gather(from: source, pairsLeft.indices, n) }
            rightRows.gather(rows: rightPositions, into: rightVectors)
            return Batch(count: n, columns: leftVectors + rightVectors)
        }
    }

    private var leftKeyVectors: [Vector] = []
}
