/// Numeric functions on int and float vectors.
enum NumericKernels {
    static func kernel(_ f: ScalarFunction, type: DataType) -> Kernel {
        if type == .int64 {
            switch f {
            case .abs:
                return { a, out, n in
                    NullPropagation.merge(a[0], into: out, n)
                    for i in 0..<n where out.isValid(i) {
                        guard a[0].ints[i] != .min else { throw runtimeError("integer overflow in abs(\(Int64.min))") }
                        out.ints[i] = Swift.abs(a[0].ints[i])
                    }
                }
            case .sign:
                return { a, out, n in
                    NullPropagation.merge(a[0], into: out, n)
                    for i in 0..<n { out.ints[i] = a[0].ints[i].signum() }
                }
            case .round(let digits) where digits < 0:
                var p: Int64 = 1
                for _ in 0..<min(18, -digits) { p *= 10 }
                let scale = p
                return { a, out, n in
                    NullPropagation.merge(a[0], into: out, n)
                    for i in 0..<n {
                        let v = a[0].ints[i]
                        let r = Double(v) / Double(scale)
                        out.ints[i] = Int64(r.rounded(.toNearestOrAwayFromZero)) * scale
                    }
                }
            default:
                // floor, ceil, trunc, round(x, n ≥ 0) of an integer is the integer.
                return { a, out, n in
                    NullPropagation.merge(a[0], into: out, n)
                    out.ints.update(from: a[0].ints, count: n)
                }
            }
        }
        let op: (Double) -> Double
        switch f {
        case .abs: op = { Swift.abs($0) }
        case .sign: op = { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
        case .floor: op = { $0.rounded(.down) }
        case .ceil: op = { $0.rounded(.up) }
        case .trunc: op = { $0.rounded(.towardZero) }
        case .round(let digits):
            let p = pow10(digits)
            op = digits == 0 ? { $0.rounded(.toNearestOrAwayFromZero) } : { ($0 * p).rounded(.toNearestOrAwayFromZero) / p }
        case .sqrt: op = { $0 < 0 ? .nan : $0.squareRoot() }
        case .ln: op = { naturalLog($0) }
        case .log10: op = { naturalLog($0) / naturalLog(10) }
        case .log2: op = { naturalLog($0) / naturalLog(2) }
        case .exp: op = { exponential($0) }
        case .power:
            return { a, out, n in
                NullPropagation.merge(a[0], a[1], into: out, n)
                for i in 0..<n { out.floats[i] = power(a[0].floats[i], a[1].floats[i]) }
            }
        default: op = { $0 }
        }
        return { a, out, n in
            NullPropagation.merge(a[0], into: out, n)
            let x = a[0].floats, r = out.floats
            for i in 0..<n { r[i] = op(x[i]) }
        }
    }

    static func pow10(_ k: Int) -> Double {
        var p = 1.0
        for _ in 0..<Swift.abs(k) { p *= 10 }
        return k >= 0 ? p : 1 / p
    }
}
