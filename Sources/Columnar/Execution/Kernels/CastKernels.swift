/// CAST between the engine's types. A failed conversion is an error, or
/// NULL under TRY_CAST.
enum CastKernels {
    static func kernel(from: DataType, to: DataType, tryCast: Bool) -> Kernel {
        if to == .string { return toString(from) }
        if from == .string { return fromString(to, tryCast: tryCast) }
        return { a, out, n in
            let x = a[0]
            NullPropagation.merge(x, into: out, n)
            switch (from, to) {
            case (.int64, .float64), (.timestamp, .float64):
                for i in 0..<n { out.floats[i] = Double(x.ints[i]) }
            case (.float64, .int64), (.float64, .timestamp):
                for i in 0..<n where out.isValid(i) {
                    let r = x.floats[i].rounded(.toNearestOrAwayFromZero)
                    guard r.isFinite, r >= -9.223372036854775808e18, r < 9.223372036854775808e18 else {
                        if tryCast { out.materializeValidity(); out.validity[i] = 0; continue }
                        throw runtimeError("cannot convert \(x.floats[i]) to \(to): out of range")
                    }
                    out.ints[i] = Int64(r)
                }
            case (.int64, .timestamp), (.timestamp, .int64), (.date, .timestamp):
                out.ints.update(from: x.ints, count: n)
            case (.timestamp, .date):
                for i in 0..<n { out.ints[i] = CivilTime.midnight(x.ints[i]) }
            case (.bool, .int64):
                for i in 0..<n { out.ints[i] = Int64(x.bools[i] & 1) }
            case (.bool, .float64):
                for i in 0..<n { out.floats[i] = Double(x.bools[i] & 1) }
            case (.int64, .bool):
                for i in 0..<n { out.bools[i] = x.ints[i] != 0 ? 1 : 0 }
            case (.float64, .bool):
                for i in 0..<n { out.bools[i] = x.floats[i] != 0 ? 1 : 0 }
            default:
                throw SQLError(.typeMismatch, "cannot cast \(from) to \(to)")
            }
        }
    }

    private static func toString(_ from: DataType) -> Kernel {
        let strings = StringCollector()
        return { a, out, n in
            let x = a[0]
            out.dictionary = strings.dictionary
            NullPropagation.merge(x, into: out, n)
            for i in 0..<n where out.isValid(i) {
                out.codes[i] = strings.intern(x.value(at: i).description)
            }
        }
    }

    private static func fromString(_ to: DataType, tryCast: Bool) -> Kernel {
        { a, out, n in
            let x = a[0]
            NullPropagation.merge(x, into: out, n)
            out.materializeValidity()
            for i in 0..<n where out.validity[i] != 0 {
                let s = StringKernels.string(x, i)
                guard let v = ValueConversion.convert(s, to: to) else {
                    if tryCast { out.validity[i] = 0; continue }
                    throw runtimeError("cannot convert '\(s)' to \(to)")
                }
                switch v {
                case .int(let k), .timestamp(let k), .date(let k): out.ints[i] = k
                case .float(let f): out.floats[i] = f
                case .bool(let b): out.bools[i] = b ? 1 : 0
                default: break
                }
            }
            out.compactValidity()
        }
    }
}
