/// Three-valued AND, OR and NOT; IS NULL; and the functions that choose one
/// of their arguments per row (COALESCE, NULLIF, GREATEST, LEAST).
enum LogicKernels {
    static func kernel(_ f: ScalarFunction) -> Kernel {
        switch f {
        case .and, .or:
            let isAnd = f == .and
            return { a, out, n in
                // Track per row: a definite false (AND) / true (OR), and whether any input is NULL.
                let r = out.bools, valid = out.validity
                r.update(repeating: isAnd ? 1 : 0, count: n)
                var anyNull = false
                valid.update(repeating: 1, count: n)
                for v in a {
                    let x = v.bools
                    if v.hasNulls {
                        anyNull = true
                        let vv = v.validity
                        for i in 0..<n {
                            let known = vv[i]
                            let bit = x[i] & 1
                            if isAnd {
                                // false & known dominates; unknown clears validity unless already false.
                                r[i] &= bit | (1 &- known)
                                valid[i] &= known | (1 &- r[i])
                            } else {
                                r[i] |= bit & known
                                valid[i] &= known | r[i]
                            }
                        }
                    } else {
                        if isAnd { for i in 0..<n { r[i] &= x[i] & 1 } } else { for i in 0..<n { r[i] |= x[i] & 1 } }
                    }
                }
                if anyNull {
                    // A decided row (false for AND, true for OR) is valid whatever came before.
                    for i in 0..<n {
                        let decided: UInt8 = isAnd ? (1 &- r[i]) : r[i]
                        valid[i] |= decided
                        r[i] &= valid[i]
                    }
                    out.hasNulls = true
                    out.compactValidity()
                } else {
                    out.hasNulls = false
                }
            }
        case .not:
            return { a, out, n in
                NullPropagation.merge(a[0], into: out, n)
                for i in 0..<n { out.bools[i] = (a[0].bools[i] & 1) ^ 1 }
            }
        default:
            let wantNull = f == .isNull
            return { a, out, n in
                out.hasNulls = false
                let x = a[0]
                if !x.hasNulls {
                    out.bools.update(repeating: wantNull ? 0 : 1, count: n)
                } else {
                    for i in 0..<n { out.bools[i] = wantNull ? 1 &- x.validity[i] : x.validity[i] }
                }
            }
        }
    }

    static func choice(_ f: ScalarFunction, type: DataType) -> Kernel {
        let strings = type == .string ? StringCollector() : nil
        /// Copies row i of `v` into row i of `out`.
        func take(_ v: Vector, _ i: Int, _ out: Vector) {
            switch type {
            case .int64, .timestamp, .date: out.ints[i] = v.ints[i]
            case .float64: out.floats[i] = v.floats[i]
            case .bool: out.bools[i] = v.bools[i]
            case .string: out.codes[i] = strings!.code(for: v.codes[i], in: v.dictionary!)
            }
            out.validity[i] = 1
        }
        func compare(_ x: Vector, _ y: Vector, _ i: Int) -> Int {
            switch type {
            case .int64, .timestamp, .date: return x.ints[i] < y.ints[i] ? -1 : (x.ints[i] == y.ints[i] ? 0 : 1)
            case .float64: return FloatOrder.compare(x.floats[i], y.floats[i])
            case .bool: return Int(x.bools[i]) - Int(y.bools[i])
            case .string:
                return x.dictionary!.withBytes(Int(x.codes[i])) { p in y.dictionary!.withBytes(Int(y.codes[i])) { q in compareBytes(p, q) } }
            }
        }
        switch f {
        case .coalesce:
            return { a, out, n in
                out.validity.update(repeating: 0, count: n)
                out.hasNulls = true
                if let strings { out.dictionary = strings.dictionary }
                for i in 0..<n {
                    for v in a where v.isValid(i) {
                        take(v, i, out)
                        break
                    }
                }
                out.compactValidity()
            }
        case .nullIf:
            return { a, out, n in
                out.validity.update(repeating: 0, count: n)
                out.hasNulls = true
                if let strings { out.dictionary = strings.dictionary }
                for i in 0..<n where a[0].isValid(i) {
                    if a[1].isValid(i), compare(a[0], a[1], i) == 0 { continue }
                    take(a[0], i, out)
                }
                out.compactValidity()
            }
        default:
            // GREATEST / LEAST ignore NULL arguments, as DuckDB does.
            let greatest = f == .greatest
            return { a, out, n in
                out.validity.update(repeating: 0, count: n)
                out.hasNulls = true
                if let strings { out.dictionary = strings.dictionary }
                for i in 0..<n {
                    var best: Vector?
                    for v in a where v.isValid(i) {
                        if let b = best {
                            let c = compare(v, b, i)
                            if greatest ? c > 0 : c < 0 { best = v }
                        } else {
                            best = v
                        }
                    }
                    if let best { take(best, i, out) }
                }
                out.compactValidity()
            }
        }
    }
}
