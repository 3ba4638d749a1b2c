/// Regular-expression functions, on Swift's Regex engine.
extension StringKernels {
    static func regex(_ f: ScalarFunction) throws -> Kernel {
        switch f {
        case .regexpMatches(let p):
            let regex = try Regex(p.source)
            return { a, out, n in
                try rows(a, out, n) { i in out.bools[i] = string(a[0], i).contains(regex) ? 1 : 0 }
            }
        case .regexpExtract(let p, let group):
            let regex = try Regex(p.source)
            return producing { a, i in
                guard let m = try regex.firstMatch(in: string(a[0], i)) else { return "" }
                guard group < m.output.count, let sub = m.output[group].substring else { return "" }
                return String(sub)
            }
        case .regexpReplace(let p, let replacement, let global):
            let regex = try Regex(p.source)
            return producing { a, i in
                let s = string(a[0], i)
                return global ? s.replacing(regex, with: replacement) : s.replacing(regex, with: replacement, maxReplacements: 1)
            }
        default:
            throw runtimeError("internal: \(f) is not a regex function")
        }
    }
}
