/// Comparisons and IN over vectors of one type. Floats use the total order
/// DuckDB uses (NaN equals NaN and sorts after every number); strings
/// compare by UTF-8 bytes, or by code when both sides share a dictionary.
enum ComparisonKernels {
    static func kernel(_ f: ScalarFunction, operandType: DataType) -> Kernel {
        let nullSafe = f == .isDistinctFrom || f == .isNotDistinctFrom
        let test: (Int) -> Bool = switch f {
        case .equal, .isNotDistinctFrom: { $0 == 0 }
        case .notEqual, .isDistinctFrom: { $0 != 0 }
        case .less: { $0 < 0 }
        case .lessOrEqual: { $0 <= 0 }
        case .greater: { $0 > 0 }
        default: { $0 >= 0 }
        }
        let body: Kernel
        switch operandType {
        case .int64, .timestamp, .date:
            body = integerKernel(f)
        case .float64:
            body = { a, out, n in
                let x = a[0].floats, y = a[1].floats, r = out.bools
                for i in 0..<n { r[i] = test(FloatOrder.compare(x[i], y[i])) ? 1 : 0 }
            }
        case .bool:
            body = { a, out, n in
                let x = a[0].bools, y = a[1].bools, r = out.bools
                for i in 0..<n { r[i] = test(Int(x[i] & 1) - Int(y[i] & 1)) ? 1 : 0 }
            }
        case .string:
            let equality = f == .equal || f == .notEqual || nullSafe
            body = { a, out, n in
                let x = a[0], y = a[1], r = out.bools
                if equality, x.dictionary === y.dictionary {
                    let want: UInt8 = (f == .equal || f == .isNotDistinctFrom) ? 1 : 0
                    for i in 0..<n { r[i] = (x.codes[i] == y.codes[i]) == (want == 1) ? 1 : 0 }
                    return
                }
                let dx = x.dictionary!, dy = y.dictionary!
                for i in 0..<n where x.isValid(i) && y.isValid(i) {
                    let c = dx.withBytes(Int(x.codes[i])) { p in dy.withBytes(Int(y.codes[i])) { q in compareBytes(p, q) } }
                    r[i] = test(c) ? 1 : 0
                }
            }
        }
        if nullSafe {
            let distinct = f == .isDistinctFrom
            return { a, out, n in
                try body(a, out, n)
                out.hasNulls = false
                guard a[0].hasNulls || a[1].hasNulls else { return }
                for i in 0..<n {
                    let va = a[0].isValid(i), vb = a[1].isValid(i)
                    if !va || !vb { out.bools[i] = (va == vb) != distinct ? 1 : 0 }
                }
            }
        }
        return { a, out, n in
            NullPropagation.merge(a[0], a[1], into: out, n)
            try body(a, out, n)
        }
    }

    private static func integerKernel(_ f: ScalarFunction) -> Kernel {
        func loop(_ op: @escaping (Int64, Int64) -> Bool) -> Kernel {
            { a, out, n in
                let x = a[0].ints, y = a[1].ints, r = out.bools
                for i in 0..<n { r[i] = op(x[i], y[i]) ? 1 : 0 }
            }
        }
        switch f {
        case .equal, .isNotDistinctFrom: return loop(==)
        case .notEqual, .isDistinctFrom: return loop(!=)
        case .less: return loop(<)
        case .lessOrEqual: return loop(<=)
        case .greater: return loop(>)
        default: return loop(>=)
        }
    }

    /// `x [NOT] IN (constants)`; NULL when x is NULL, or when x is not
    /// found and the list holds a NULL.
    static func inSet(_ set: InSet, negated: Bool, operandType: DataType) -> Kernel {
        let member: (Vector, Int) -> Bool
        switch operandType {
        case .int64, .timestamp, .date:
            let small = Array(set.integers)
            if small.count <= 8 {
                return { a, out, n in
                    let x = a[0].ints, r = out.bools
                    for i in 0..<n {
                        var hit: UInt8 = 0
                        for v in small { hit |= x[i] == v ? 1 : 0 }
                        r[i] = hit
                    }
                    finish(a[0], out, n, set.containsNull, negated)
                }
            }
            member = { v, i in set.integers.contains(v.ints[i]) }
        case .float64:
            member = { v, i in set.floats.contains(v.floats[i]) || (v.floats[i].isNaN && set.floats.contains { $0.isNaN }) }
        case .bool:
            member = { v, i in set.bools.contains(v.bools[i] != 0) }
        case .string:
            member = { v, i in set.strings.contains(v.dictionary![Int(v.codes[i])]) }
        }
        return { a, out, n in
            let x = a[0], r = out.bools
            for i in 0..<n where x.isValid(i) { r[i] = member(x, i) ? 1 : 0 }
            finish(x, out, n, set.containsNull, negated)
        }
    }

    private static func finish(_ x: Vector, _ out: Vector, _ n: Int, _ containsNull: Bool, _ negated: Bool) {
        NullPropagation.merge(x, into: out, n)
        if containsNull {
            out.materializeValidity()
            for i in 0..<n where out.bools[i] == 0 { out.validity[i] = 0 }
        }
        if negated { for i in 0..<n { out.bools[i] ^= 1 } }
    }
}
