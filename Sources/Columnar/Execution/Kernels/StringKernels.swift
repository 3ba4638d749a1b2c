/// String functions. Most run once per dictionary entry (the expression
/// compiler maps them), so they favour clarity over per-row speed.
enum StringKernels {
    @inline(__always)
    static func string(_ v: Vector, _ i: Int) -> String {
        v.dictionary![Int(v.codes[i])]
    }

    /// Runs `body` on rows where every argument is valid; others are NULL.
    static func rows(_ a: [Vector], _ out: Vector, _ n: Int, _ body: (Int) throws -> Void) rethrows {
        NullPropagation.merge(a, into: out, n)
        for i in 0..<n where out.isValid(i) { try body(i) }
    }

    /// A kernel producing strings (or NULL) per row into its own dictionary.
    static func producing(_ f: @escaping ([Vector], Int) throws -> String?) -> Kernel {
        let strings = StringCollector()
        return { a, out, n in
            out.dictionary = strings.dictionary
            NullPropagation.merge(a, into: out, n)
            var produced = true
            for i in 0..<n where out.isValid(i) {
                if let s = try f(a, i) {
                    out.codes[i] = strings.intern(s)
                } else {
                    if produced { out.materializeValidity(); produced = false }
                    out.validity[i] = 0
                }
            }
        }
    }

    static func like(_ pattern: LikePattern, negated: Bool) -> Kernel {
        let matcher = LikeMatcher(pattern: pattern.pattern, caseInsensitive: pattern.caseInsensitive)
        return { a, out, n in
            let x = a[0]
            NullPropagation.merge(x, into: out, n)
            let d = x.dictionary!
            for i in 0..<n where x.isValid(i) {
                let m = d.withBytes(Int(x.codes[i])) { matcher.matches($0) }
                out.bools[i] = m != negated ? 1 : 0
            }
        }
    }

    static func likeDynamic(caseInsensitive: Bool, negated: Bool) -> Kernel {
        var cache: [String: LikeMatcher] = [:]
        return { a, out, n in
            try rows(a, out, n) { i in
                let p = string(a[1], i)
                let matcher = cache[p] ?? LikeMatcher(pattern: p, caseInsensitive: caseInsensitive)
                if cache.count < 1024 { cache[p] = matcher }
                let m = a[0].dictionary!.withBytes(Int(a[0].codes[i])) { matcher.matches($0) }
                out.bools[i] = m != negated ? 1 : 0
            }
        }
    }

    static func kernel(_ f: ScalarFunction) throws -> Kernel {
        switch f {
        case .lower: return producing { a, i in caseMapped(string(a[0], i), upper: false) }
        case .upper: return producing { a, i in caseMapped(string(a[0], i), upper: true) }
        case .length:
            return { a, out, n in try rows(a, out, n) { i in out.ints[i] = Int64(string(a[0], i).unicodeScalars.count) } }
        case .byteLength:
            return { a, out, n in try rows(a, out, n) { i in out.ints[i] = Int64(a[0].dictionary!.byteLength(Int(a[0].codes[i]))) } }
        case .substring:
            return producing { a, i in
                let s = Array(string(a[0], i).unicodeScalars)
                let start = a[1].ints[i]
                let length: Int64? = a.count > 2 ? a[2].ints[i] : nil
                return substring(s, start: start, length: length)
            }
        case .concat:
            return producing { a, i in string(a[0], i) + string(a[1], i) }
        case .trim, .leftTrim, .rightTrim:
            return producing { a, i in
                let chars = a.count > 1 ? Set(string(a[1], i).unicodeScalars) : [" "]
                var s = Array(string(a[0], i).unicodeScalars)[...]
                if f != .rightTrim { while let c = s.first, chars.contains(c) { s = s.dropFirst() } }
                if f != .leftTrim { while let c = s.last, chars.contains(c) { s = s.dropLast() } }
                var out = String.UnicodeScalarView()
                out.append(contentsOf: s)
                return String(out)
            }
        case .replace:
            return producing { a, i in
                let s = string(a[0], i), from = string(a[1], i), to = string(a[2], i)
                return from.isEmpty ? s : replaceAll(s, from, to)
            }
        case .startsWith:
            return { a, out, n in try rows(a, out, n) { i in out.bools[i] = Array(string(a[0], i).utf8).starts(with: Array(string(a[1], i).utf8)) ? 1 : 0 } }
        case .endsWith:
            return { a, out, n in try rows(a, out, n) { i in out.bools[i] = Array(string(a[0], i).utf8).reversed().starts(with: Array(string(a[1], i).utf8).reversed()) ? 1 : 0 } }
        case .contains:
            return { a, out, n in
                try rows(a, out, n) { i in
                    let needle = Array(string(a[1], i).utf8)
                    out.bools[i] = a[0].dictionary!.withBytes(Int(a[0].codes[i])) { LikeMatcher.find(needle, in: $0) } ? 1 : 0
                }
            }
        case .position:
            return { a, out, n in
                try rows(a, out, n) { i in
                    let s = Array(string(a[0], i).unicodeScalars), needle = Array(string(a[1], i).unicodeScalars)
                    out.ints[i] = 0
                    if needle.isEmpty { out.ints[i] = 1; return }
                    guard s.count >= needle.count else { return }
                    for k in 0...(s.count - needle.count) where Array(s[k..<(k + needle.count)]) == needle {
                        out.ints[i] = Int64(k + 1)
                        return
                    }
                }
            }
        case .left, .right:
            return producing { a, i in
                let s = Array(string(a[0], i).unicodeScalars)
                let k = Int(a[1].ints[i])
                let count = k >= 0 ? min(k, s.count) : max(0, s.count + k)
                let slice = f == .left ? s.prefix(count) : s.suffix(count)
                var out = String.UnicodeScalarView()
                out.append(contentsOf: slice)
                return String(out)
            }
        case .reverse:
            return producing { a, i in String(string(a[0], i).reversed()) }
        case .splitPart:
            return producing { a, i in
                let s = string(a[0], i), separator = string(a[1], i)
                let k = Int(a[2].ints[i])
                let parts = separator.isEmpty ? [s] : splitAll(s, separator)
                if k >= 1, k <= parts.count { return parts[k - 1] }
                if k <= -1, -k <= parts.count { return parts[parts.count + k] }
                return ""
            }
        case .repeatString:
            return producing { a, i in
                let k = a[1].ints[i]
                guard k > 0 else { return "" }
                let s = string(a[0], i)
                guard Int64(s.utf8.count) * k <= 1 << 26 else { throw runtimeError("repeat would build a string over 64 MiB") }
                return String(repeating: s, count: Int(k))
            }
        default:
            throw runtimeError("internal: \(f) is not a string function")
        }
    }

    /// DuckDB's SUBSTRING: 1-based, negative starts count from the end,
    /// start 0 is the position before the first character.
    static func substring(_ s: [Unicode.Scalar], start: Int64, length: Int64?) -> String {
        let n = Int64(s.count)
        let begin: Int64 = start > 0 ? start - 1 : (start < 0 ? n + start : -1)
        let end: Int64 = length.map { begin + $0 } ?? n
        let lo = max(0, min(n, min(begin, end))), hi = max(0, min(n, max(begin, end)))
        guard lo < hi else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s[Int(lo)..<Int(hi)])
        return String(out)
    }

    /// Simple (one-to-one) case mapping per character, as DuckDB does.
    static func caseMapped(_ s: String, upper: Bool) -> String {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if c.isASCII {
                let v = c.value
                if upper, v >= 0x61, v <= 0x7A { out.append(Unicode.Scalar(v - 32)!) } else if !upper, v >= 0x41, v <= 0x5A { out.append(Unicode.Scalar(v + 32)!) } else { out.append(c) }
                continue
            }
            if upper, c == "\u{00DF}" { out.append("\u{1E9E}"); continue }
            let mapped = upper ? c.properties.uppercaseMapping : c.properties.lowercaseMapping
            out.append(mapped.unicodeScalars.first ?? c)
        }
        return String(out)
    }

    static func replaceAll(_ s: String, _ from: String, _ to: String) -> String {
        splitAll(s, from).joined(separator: to)
    }

    static func splitAll(_ s: String, _ separator: String) -> [String] {
        let hay = Array(s.utf8), needle = Array(separator.utf8)
        var parts: [String] = []
        var start = 0, i = 0
        while i + needle.count <= hay.count {
            if hay[i..<(i + needle.count)].elementsEqual(needle) {
                parts.append(String(decoding: hay[start..<i], as: UTF8.self))
                i += needle.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: hay[start...], as: UTF8.self))
        return parts
    }
}
