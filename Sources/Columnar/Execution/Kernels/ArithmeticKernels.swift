/// `+ - * / // %` and unary minus. Integer operations detect overflow and
/// integer division by zero is an error, as in DuckDB; float operations
/// follow IEEE 754.
enum ArithmeticKernels {
    static func kernel(_ f: ScalarFunction, argumentTypes t: [DataType], resultType: DataType) throws -> Kernel {
        if f == .negate {
            if t[0] == .float64 {
                return { a, out, n in
                    NullPropagation.merge(a[0], into: out, n)
                    for i in 0..<n { out.floats[i] = -a[0].floats[i] }
                }
            }
            return { a, out, n in
                NullPropagation.merge(a[0], into: out, n)
                var overflow: UInt8 = 0
                for i in 0..<n {
                    let (r, o) = Int64(0).subtractingReportingOverflow(a[0].ints[i])
                    out.ints[i] = r
                    overflow |= o ? out.isValid(i) ? 1 : 0 : 0
                }
                if overflow != 0 { throw runtimeError("integer overflow in negation") }
            }
        }
        if t[0] == .float64 {
            return floatKernel(f)
        }
        return integerKernel(f)
    }

    private static func floatKernel(_ f: ScalarFunction) -> Kernel {
        func loop(_ op: @escaping (Double, Double) -> Double) -> Kernel {
            { a, out, n in
                NullPropagation.merge(a[0], a[1], into: out, n)
                let x = a[0].floats, y = a[1].floats, r = out.floats
                for i in 0..<n { r[i] = op(x[i], y[i]) }
            }
        }
        switch f {
        case .add: return loop(+)
        case .subtract: return loop(-)
        case .multiply: return loop(*)
        case .divide: return loop(/)
        case .modulo: return loop { $0.truncatingRemainder(dividingBy: $1) }
        default: return loop { ($0 / $1).rounded(.towardZero) }
        }
    }

    private static func integerKernel(_ f: ScalarFunction) -> Kernel {
        func checked(_ name: String, _ op: @escaping (Int64, Int64) -> (partialValue: Int64, overflow: Bool)) -> Kernel {
            { a, out, n in
                NullPropagation.merge(a[0], a[1], into: out, n)
                let x = a[0].ints, y = a[1].ints, r = out.ints
                var overflow = false
                for i in 0..<n {
                    let (v, o) = op(x[i], y[i])
                    r[i] = v
                    overflow = overflow || o
                }
                if overflow {
                    for i in 0..<n where out.isValid(i) && op(x[i], y[i]).overflow {
                        throw runtimeError("integer overflow in \(x[i]) \(name) \(y[i])")
                    }
                }
            }
        }
        switch f {
        case .add: return checked("+") { $0.addingReportingOverflow($1) }
        case .subtract: return checked("-") { $0.subtractingReportingOverflow($1) }
        case .multiply: return checked("*") { $0.multipliedReportingOverflow(by: $1) }
        default:
            let isModulo = f == .modulo
            return { a, out, n in
                NullPropagation.merge(a[0], a[1], into: out, n)
                let x = a[0].ints, y = a[1].ints, r = out.ints
                for i in 0..<n {
                    let d = y[i]
                    if d == 0 || (d == -1 && x[i] == .min) {
                        guard out.isValid(i) else { r[i] = 0; continue }
                        if d == 0 { throw runtimeError("division by zero in \(x[i]) \(isModulo ? "%" : "//") 0") }
                        r[i] = isModulo ? 0 : .min
                        if !isModulo { throw runtimeError("integer overflow in \(x[i]) // -1") }
                        continue
                    }
                    r[i] = isModulo ? x[i] % d : x[i] / d
                }
            }
        }
    }
}
