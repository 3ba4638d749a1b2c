/// Chooses the row groups a scan must read, from the min/max, null counts
/// and dictionary-code ranges stored per segment: a query on one cycle
/// reads only that cycle's segments of a time-sorted table.
struct RowGroupPruner {
    let table: any TableProvider
    /// Table column index of each scan slot.
    let columns: [Int]
    /// Dictionary masks shared with the query's scans.
    var masks = DictionaryEvaluation()

    /// Largest dictionary evaluated whole to prune on a string predicate.
    static let dictionaryLimit = 1 << 18

    func candidates(filter: BoundExpression?) throws -> [Int] {
        let groups = table.rowGroups
        var keep = groups.indices.filter { groups[$0].rowCount > 0 }
        guard let filter else { return keep }
        for conjunct in Binder.conjuncts(filter) {
            if let test = try rowGroupTest(conjunct) {
                keep = keep.filter { test(groups[$0]) }
            }
        }
        return keep
    }

    /// A test that is false only for row groups where `c` cannot hold.
    private func rowGroupTest(_ c: BoundExpression) throws -> ((RowGroupInfo) -> Bool)? {
        if case .column(let ref) = c, ref.type == .bool {
            return { g in Self.booleans(g, ref.slot, columns).hasTrue }
        }
        guard case .call(let f, let args, _) = c else { return nil }
        if args.count == 1, case .column(let ref) = args[0] {
            let col = columns[ref.slot]
            switch f {
            case .not where ref.type == .bool:
                return { g in Self.booleans(g, ref.slot, columns).hasFalse }
            case .isNull:
                return { g in g.statistics[col].nullCount > 0 }
            case .isNotNull:
                return { g in g.statistics[col].nullCount < g.rowCount }
            case .inSet(let set, negated: false) where ref.type.isIntegerBacked:
                let values = set.integers
                return { g in
                    guard case .integers(let lo, let hi)? = g.statistics[col].bounds else { return false }
                    return values.contains { $0 >= lo && $0 <= hi }
                }
            default:
                break
            }
        }
        let comparisons: [ScalarFunction] = [.equal, .less, .lessOrEqual, .greater, .greaterOrEqual]
        if args.count == 2, comparisons.contains(f) {
            if case .column(let ref) = args[0], case .constant(let v, _) = args[1], ref.type != .string {
                return comparisonTest(f, slot: ref.slot, value: v)
            }
            if case .constant(let v, _) = args[0], case .column(let ref) = args[1], ref.type != .string {
                let mirrored: ScalarFunction = switch f {
                case .less: .greater
                case .lessOrEqual: .greaterOrEqual
                case .greater: .less
                case .greaterOrEqual: .lessOrEqual
                default: f
                }
                return comparisonTest(mirrored, slot: ref.slot, value: v)
            }
        }
        if let slot = ExpressionCompiler.singleStringSlot(c, columns.map { table.schema.columns[$0].type }) {
            return try stringTest(c, slot: slot)
        }
        return nil
    }

    private static func booleans(_ g: RowGroupInfo, _ slot: Int, _ columns: [Int]) -> (hasFalse: Bool, hasTrue: Bool) {
        if case .booleans(let f, let t)? = g.statistics[columns[slot]].bounds { return (f, t) }
        return (false, false)
    }

    private func comparisonTest(_ f: ScalarFunction, slot: Int, value: Value) -> ((RowGroupInfo) -> Bool)? {
        let col = columns[slot]
        func holds(_ lo: Double, _ hi: Double, _ v: Double) -> Bool {
            switch f {
            case .equal: lo <= v && v <= hi
            case .less: lo < v
            case .lessOrEqual: lo <= v
            case .greater: hi > v
            default: hi >= v
            }
        }
        switch value {
        case .int(let v), .timestamp(let v), .date(let v):
            return { g in
                switch g.statistics[col].bounds {
                case .integers(let lo, let hi)?:
                    switch f {
                    case .equal: return lo <= v && v <= hi
                    case .less: return lo < v
                    case .lessOrEqual: return lo <= v
                    case .greater: return hi > v
                    default: return hi >= v
                    }
                case .floats(let lo, let hi)?: return holds(lo, hi, Double(v))
                default: return false
                }
            }
        case .float(let v) where !v.isNaN:
            return { g in
                switch g.statistics[col].bounds {
                case .floats(let lo, let hi)?: return holds(lo, hi, v) || g.statistics[col].bounds == nil
                case .integers(let lo, let hi)?: return holds(Double(lo), Double(hi), v)
                default: return false
                }
            }
        default:
            return nil
        }
    }

    /// Evaluates a predicate on one string column over the whole dictionary
    /// and keeps row groups whose code range holds a passing entry.
    private func stringTest(_ c: BoundExpression, slot: Int) throws -> ((RowGroupInfo) -> Bool)? {
        let col = columns[slot]
        let dictionary = try table.dictionary(ofColumn: col)
        guard dictionary.count > 0, dictionary.count <= RowGroupPruner.dictionaryLimit else { return nil }
        let types = columns.map { table.schema.columns[$0].type }
        let (mask, null) = try masks.mask(of: c, slot: slot, types: types, dictionary: dictionary)
        var passing = [Int](repeating: 0, count: dictionary.count + 1)
        for (i, m) in mask.enumerated() { passing[i + 1] = passing[i] + Int(m) }
        return { g in
            let s = g.statistics[col]
            if s.nullCount > 0, null != 0 { return true }
            guard case .codes(let lo, let hi)? = s.bounds else { return s.nullCount > 0 && null != 0 }
            guard Int(hi) < dictionary.count else { return true }
            return passing[Int(hi) + 1] - passing[Int(lo)] > 0
        }
    }
}
