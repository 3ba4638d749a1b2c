/// min and max of any type; floats order NaN above every number and
/// strings compare by UTF-8 bytes, as DuckDB does.
final class ExtremumState: AggregateState {
    let isMax: Bool
    let type: DataType
    private var seen: [UInt8] = []
    private var ints: [Int64] = []
    private var floats: [Double] = []
    private var dictionary: StringDictionary?

    init(isMax: Bool, type: DataType) {
        self.isMax = isMax
        self.type = type
    }

    func reserve(groups: Int) {
        let n = max(1, groups)
        extend(&seen, to: n, with: 0)
        if type == .float64 { extend(&floats, to: n, with: 0) } else { extend(&ints, to: n, with: 0) }
    }

    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count n: Int) throws {
        let v = input!
        switch type {
        case .int64, .timestamp, .date, .bool:
            let isBool = type == .bool, isMax = self.isMax
            // One borrow of each array for the batch: per-row access to a class's arrays would check exclusivity every time.
            seen.withUnsafeMutableBufferPointer { seen in
                ints.withUnsafeMutableBufferPointer { best in
                    for i in 0..<n {
                        if let mask, mask[i] == 0 { continue }
                        let g = gids.map { Int($0[i]) } ?? 0
                        let x = isBool ? Int64(v.bools[i] & 1) : v.ints[i]
                        if seen[g] == 0 || (isMax ? x > best[g] : x < best[g]) { best[g] = x; seen[g] = 1 }
                    }
                }
            }
        case .float64:
            let isMax = self.isMax
            seen.withUnsafeMutableBufferPointer { seen in
                floats.withUnsafeMutableBufferPointer { best in
                    for i in 0..<n {
                        if let mask, mask[i] == 0 { continue }
                        let g = gids.map { Int($0[i]) } ?? 0
                        let x = v.floats[i]
                        if seen[g] == 0 || (isMax ? FloatOrder.compare(x, best[g]) > 0 : FloatOrder.compare(x, best[g]) < 0) {
                            best[g] = x
                            seen[g] = 1
                        }
                    }
                }
            }
        case .string:
            if dictionary == nil { dictionary = v.dictionary }
            guard let d = dictionary, d === v.dictionary else {
                throw SQLError(.runtime, "internal: min/max input changed dictionaries between batches")
            }
            if gids == nil {
                // One group: mark the codes present; compare each distinct code once at the end.
                extend(&present, to: max(1, d.count), with: 0)
                let codes = v.codes
                present.withUnsafeMutableBufferPointer { p in
                    if let mask {
                        for i in 0..<n { p[Int(codes[i] & (0 &- UInt32(mask[i])))] |= mask[i] }
                    } else {
                        for i in 0..<n { p[Int(codes[i])] = 1 }
                    }
                }
                return
            }
            for i in 0..<n where mask.map({ $0[i] != 0 }) ?? true {
                let g = Int(gids![i])
                let c = Int64(v.codes[i])
                if seen[g] == 0 { ints[g] = c; seen[g] = 1; continue }
                guard c != ints[g] else { continue }
                let order = d.compare(Int(c), Int(ints[g]))
                if isMax ? order > 0 : order < 0 { ints[g] = c }
            }
        }
    }

    func merge(_ other: any AggregateState, groups: GroupMapping?) throws {
        let o = other as! ExtremumState
        if type == .string {
            if dictionary == nil { dictionary = o.dictionary }
            guard o.dictionary == nil || o.dictionary === dictionary else {
                throw SQLError(.runtime, "internal: partitions of min/max use different dictionaries")
            }
            if !o.present.isEmpty {
                extend(&present, to: o.present.count, with: 0)
                for c in o.present.indices { present[c] |= o.present[c] }
            }
        }
        if groups == nil { reserve(groups: max(seen.count, o.seen.count)) }
        for (g, t) in MergePairs(groups, count: o.seen.count) where o.seen[g] != 0 {
            switch type {
            case .float64:
                if seen[t] == 0 || (isMax ? FloatOrder.compare(o.floats[g], floats[t]) > 0 : FloatOrder.compare(o.floats[g], floats[t]) < 0) {
                    floats[t] = o.floats[g]
                }
            case .string:
                if seen[t] == 0 {
                    ints[t] = o.ints[g]
                } else if o.ints[g] != ints[t] {
                    let order = dictionary!.compare(Int(o.ints[g]), Int(ints[t]))
                    if isMax ? order > 0 : order < 0 { ints[t] = o.ints[g] }
                }
            default:
                if seen[t] == 0 || (isMax ? o.ints[g] > ints[t] : o.ints[g] < ints[t]) { ints[t] = o.ints[g] }
            }
            seen[t] = 1
        }
    }

    func emptyCopy() -> any AggregateState { ExtremumState(isMax: isMax, type: type) }

    /// Codes present in the single group (strings only).
    private var present: [UInt8] = []

    private func resolvePresent() {
        guard let d = dictionary, !present.isEmpty else { return }
        for c in present.indices where present[c] != 0 {
            if seen[0] == 0 {
                ints[0] = Int64(c)
                seen[0] = 1
                continue
            }
            let order = d.compare(c, Int(ints[0]))
            if isMax ? order > 0 : order < 0 { ints[0] = Int64(c) }
        }
        present = []
    }

    func emit(groups: UnsafePointer<Int32>, count n: Int, into out: Vector) throws {
        resolvePresent()
        out.count = n
        out.hasNulls = true
        for j in 0..<n {
            let g = Int(groups[j])
            out.validity[j] = seen[g]
            guard seen[g] != 0 else { continue }
            switch type {
            case .int64, .timestamp, .date: out.ints[j] = ints[g]
            case .bool: out.bools[j] = UInt8(ints[g])
            case .float64: out.floats[j] = floats[g]
            case .string: out.codes[j] = UInt32(ints[g])
            }
        }
        if type == .string { out.dictionary = dictionary ?? StringDictionary() }
        out.compactValidity()
    }
}

/// bool_and, bool_or and any_value.
final class BooleanState: AggregateState {
    enum Kind { case all, any, first }
    let kind: Kind
    let type: DataType
    private var seen: [UInt8] = []
    private var values: [Value] = []
    private var dictionary: StringDictionary?

    init(kind: Kind, type: DataType) {
        self.kind = kind
        self.type = type
    }

    func reserve(groups: Int) {
        extend(&seen, to: max(1, groups), with: 0)
        extend(&values, to: max(1, groups), with: .null)
    }

    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count n: Int) throws {
        let v = input!
        if type == .string, dictionary == nil { dictionary = v.dictionary }
        for i in 0..<n where mask.map({ $0[i] != 0 }) ?? true {
            let g = gids.map { Int($0[i]) } ?? 0
            switch kind {
            case .first:
                if seen[g] == 0 {
                    seen[g] = 1
                    values[g] = type == .string ? .int(Int64(v.codes[i])) : v.value(at: i)
                }
            case .all, .any:
                let b = v.bools[i] != 0
                if seen[g] == 0 {
                    seen[g] = 1
                    values[g] = .bool(b)
                } else if case .bool(let current) = values[g] {
                    values[g] = .bool(kind == .all ? current && b : current || b)
                }
            }
        }
    }

    func merge(_ other: any AggregateState, groups: GroupMapping?) throws {
        let o = other as! BooleanState
        if dictionary == nil { dictionary = o.dictionary }
        if groups == nil { reserve(groups: max(seen.count, o.seen.count)) }
        for (g, t) in MergePairs(groups, count: o.seen.count) where o.seen[g] != 0 {
            guard seen[t] != 0 else {
                seen[t] = 1
                values[t] = o.values[g]
                continue
            }
            if case .bool(let a) = values[t], case .bool(let b) = o.values[g], kind != .first {
                values[t] = .bool(kind == .all ? a && b : a || b)
            }
        }
    }

    func emptyCopy() -> any AggregateState { BooleanState(kind: kind, type: type) }

    func emit(groups: UnsafePointer<Int32>, count n: Int, into out: Vector) throws {
        out.count = n
        out.hasNulls = true
        for j in 0..<n {
            let g = Int(groups[j])
            out.validity[j] = seen[g]
            guard seen[g] != 0 else { continue }
            switch values[g] {
            case .int(let v) where type == .string: out.codes[j] = UInt32(v)
            case .int(let v), .timestamp(let v), .date(let v): out.ints[j] = v
            case .float(let v): out.floats[j] = v
            case .bool(let b): out.bools[j] = b ? 1 : 0
            default: out.validity[j] = 0
            }
        }
        if type == .string { out.dictionary = dictionary ?? StringDictionary() }
        out.compactValidity()
    }
}
