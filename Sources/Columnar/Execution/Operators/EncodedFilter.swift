/// The part of a scan's filter that runs on encoded column data: integer
/// comparisons on the packed offsets at their native width, boolean tests
/// on the stored bytes, NULL tests on the validity bits, and predicates on
/// a string column through a per-code mask. Rows are tested without
/// decoding, and columns only the filter reads are never decoded at all.
struct EncodedFilter {
    enum Test {
        case integers(slot: Int, ScalarFunction, Int64)
        case integerSet(slot: Int, [Int64])
        case floats(slot: Int, ScalarFunction, Double)
        case boolean(slot: Int, expected: UInt8)
        case null(slot: Int, wantNull: Bool)
        case codes(slot: Int, mask: [UInt8], null: UInt8)
    }

    var tests: [Test] = []
    /// Conjuncts that need decoded values.
    var residual: [BoundExpression] = []

    /// Largest dictionary whose mask is computed up front.
    static let dictionaryLimit = 1 << 20

    /// Splits `filter` into encoded tests and the rest.
    init(filter: BoundExpression, types: [DataType], dictionaries: [StringDictionary?], rowsToScan: Int, masks: DictionaryEvaluation) throws {
        let comparisons: [ScalarFunction] = [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]
        for c in Binder.conjuncts(filter) {
            if case .column(let r) = c, r.type == .bool {
                tests.append(.boolean(slot: r.slot, expected: 1))
                continue
            }
            if case .call(let f, let args, _) = c {
                if args.count == 1, case .column(let r) = args[0] {
                    switch f {
                    case .not where r.type == .bool:
                        tests.append(.boolean(slot: r.slot, expected: 0)); continue
                    case .isNull:
                        tests.append(.null(slot: r.slot, wantNull: true)); continue
                    case .isNotNull:
                        tests.append(.null(slot: r.slot, wantNull: false)); continue
                    case .inSet(let set, negated: false) where r.type.isIntegerBacked && set.integers.count <= 16 && !set.containsNull:
                        tests.append(.integerSet(slot: r.slot, Array(set.integers))); continue
                    default: break
                    }
                }
                if args.count == 2, comparisons.contains(f) {
                    var column: ColumnReference?, constant: Value?, op = f
                    if case .column(let r) = args[0], case .constant(let v, _) = args[1] { column = r; constant = v }
                    if case .constant(let v, _) = args[0], case .column(let r) = args[1] {
                        column = r
                        constant = v
                        op = switch f {
                        case .less: .greater
                        case .lessOrEqual: .greaterOrEqual
                        case .greater: .less
                        case .greaterOrEqual: .lessOrEqual
                        default: f
                        }
                    }
                    if let column, let constant {
                        switch (column.type, constant) {
                        case (.int64, .int(let v)), (.timestamp, .timestamp(let v)), (.int64, .timestamp(let v)), (.timestamp, .int(let v)), (.date, .date(let v)):
                            tests.append(.integers(slot: column.slot, op, v)); continue
                        case (.float64, .float(let v)):
                            tests.append(.floats(slot: column.slot, op, v)); continue
                        default: break
                        }
                    }
                }
            }
            if let slot = ExpressionCompiler.singleStringSlot(c, types), let d = dictionaries[slot],
               d.count <= min(EncodedFilter.dictionaryLimit, max(65_536, rowsToScan)) {
                let (mask, null) = try masks.mask(of: c, slot: slot, types: types, dictionary: d)
                tests.append(.codes(slot: slot, mask: mask, null: null))
                continue
            }
            residual.append(c)
        }
    }

    /// Slots the residual conjuncts read (they must be decoded).
    var residualSlots: Set<Int> {
        residual.reduce(into: Set<Int>()) { $0.formUnion($1.referencedSlots) }
    }

    /// ANDs the encoded tests for rows `start ..< start + n` into `mask`.
    func apply(_ chunk: (Int) throws -> ColumnChunk, start: Int, count n: Int, mask: UnsafeMutablePointer<UInt8>) throws {
        for test in tests {
            switch test {
            case .integers(let slot, let op, let value):
                let c = try chunk(slot)
                guard case .integers(let base, let offsets) = c.storage else { continue }
                EncodedFilter.compare(offsets, base: base, op, value, start, n, mask)
                EncodedFilter.requireValid(c.validity, start, n, mask)
            case .integerSet(let slot, let values):
                let c = try chunk(slot)
                guard case .integers(let base, let offsets) = c.storage else { continue }
                EncodedFilter.member(offsets, base: base, values, start, n, mask)
                EncodedFilter.requireValid(c.validity, start, n, mask)
            case .floats(let slot, let op, let value):
                let c = try chunk(slot)
                guard case .floats(let a) = c.storage else { continue }
                a.withUnsafeBufferPointer { p in
                    let q = p.baseAddress! + start
                    for i in 0..<n {
                        let order = FloatOrder.compare(q[i], value)
                        mask[i] &= EncodedFilter.holds(op, order) ? 1 : 0
                    }
                }
                EncodedFilter.requireValid(c.validity, start, n, mask)
            case .boolean(let slot, let expected):
                let c = try chunk(slot)
                guard case .booleans(let b) = c.storage else { continue }
                let flip: UInt8 = expected == 1 ? 0 : 1
                b.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for i in 0..<n { mask[i] &= (q[i] & 1) ^ flip } }
                EncodedFilter.requireValid(c.validity, start, n, mask)
            case .null(let slot, let wantNull):
                let c = try chunk(slot)
                guard let validity = c.validity else {
                    if wantNull { mask.update(repeating: 0, count: n) }
                    continue
                }
                validity.words.withUnsafeBufferPointer { w in
                    for i in 0..<n {
                        let bit = UInt8(truncatingIfNeeded: w[(start &+ i) >> 6] >> UInt64((start &+ i) & 63)) & 1
                        mask[i] &= wantNull ? bit ^ 1 : bit
                    }
                }
            case .codes(let slot, let table, let null):
                let c = try chunk(slot)
                guard case .strings(let codes, _) = c.storage else { continue }
                table.withUnsafeBufferPointer { m in
                    let top = m.count - 1
                    switch codes {
                    case .uint8(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for i in 0..<n { mask[i] &= m[min(Int(q[i]), top)] } }
                    case .uint16(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for i in 0..<n { mask[i] &= m[min(Int(q[i]), top)] } }
                    case .uint32(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for i in 0..<n { mask[i] &= m[min(Int(q[i]), top)] } }
                    case .uint64(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for i in 0..<n { mask[i] &= m[min(Int(q[i]), top)] } }
                    }
                }
                if let validity = c.validity {
                    // NULL rows take the predicate's value for NULL instead of their (meaningless) code's.
                    validity.words.withUnsafeBufferPointer { w in
                        for i in 0..<n where (w[(start &+ i) >> 6] >> UInt64((start &+ i) & 63)) & 1 == 0 { mask[i] = null }
                    }
                }
            }
        }
    }

    @inline(__always)
    static func holds(_ op: ScalarFunction, _ order: Int) -> Bool {
        switch op {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        default: order >= 0
        }
    }

    private static func requireValid(_ validity: Bitmap?, _ start: Int, _ n: Int, _ mask: UnsafeMutablePointer<UInt8>) {
        guard let validity else { return }
        validity.words.withUnsafeBufferPointer { w in
            for i in 0..<n { mask[i] &= UInt8(truncatingIfNeeded: w[(start &+ i) >> 6] >> UInt64((start &+ i) & 63)) & 1 }
        }
    }

    /// `value op constant` on packed offsets from `base`, at their stored width.
    private static func compare(_ offsets: PackedIntegers, base: Int64, _ op: ScalarFunction, _ constant: Int64, _ start: Int, _ n: Int, _ mask: UnsafeMutablePointer<UInt8>) {
        let (delta, overflow) = constant.subtractingReportingOverflow(base)
        let limit: UInt64 = switch offsets {
        case .uint8: UInt64(UInt8.max)
        case .uint16: UInt64(UInt16.max)
        case .uint32: UInt64(UInt32.max)
        case .uint64: UInt64.max
        }
        // Constants outside what the segment can hold decide every row at once.
        if overflow || delta < 0 || (UInt64(delta) > limit) {
            let below = overflow ? constant < 0 : delta < 0
            let all: Bool = switch op {
            case .equal: false
            case .notEqual: true
            case .less, .lessOrEqual: !below
            default: below
            }
            if !all { mask.update(repeating: 0, count: n) }
            return
        }
        let k = UInt64(delta)
        func loop<T: FixedWidthInteger & UnsignedInteger>(_ a: [T], _ k: T) {
            a.withUnsafeBufferPointer { p in
                // Offsetting the base once keeps the loops free of overflow checks, so they vectorise.
                let q = p.baseAddress! + start
                switch op {
                case .equal: for i in 0..<n { mask[i] &= q[i] == k ? 1 : 0 }
                case .notEqual: for i in 0..<n { mask[i] &= q[i] != k ? 1 : 0 }
                case .less: for i in 0..<n { mask[i] &= q[i] < k ? 1 : 0 }
                case .lessOrEqual: for i in 0..<n { mask[i] &= q[i] <= k ? 1 : 0 }
                case .greater: for i in 0..<n { mask[i] &= q[i] > k ? 1 : 0 }
                default: for i in 0..<n { mask[i] &= q[i] >= k ? 1 : 0 }
                }
            }
        }
        switch offsets {
        case .uint8(let a): loop(a, UInt8(k))
        case .uint16(let a): loop(a, UInt16(k))
        case .uint32(let a): loop(a, UInt32(k))
        case .uint64(let a): loop(a, k)
        }
    }

    private static func member(_ offsets: PackedIntegers, base: Int64, _ values: [Int64], _ start: Int, _ n: Int, _ mask: UnsafeMutablePointer<UInt8>) {
        for i in 0..<n {
            let v = base &+ Int64(bitPattern: offsets[start + i])
            var hit: UInt8 = 0
            for x in values { hit |= v == x ? 1 : 0 }
            mask[i] &= hit
        }
    }
}
