/// String functions that count or build characters: `lpad`, `rpad`,
/// `concat_ws`, `ascii` and `chr`. A character is a Unicode scalar (a code
/// point), as in DuckDB's `length`, not a byte.
extension StringKernels {
    static func characterKernel(_ f: ScalarFunction) throws -> Kernel {
        switch f {
        case .leftPad, .rightPad:
            let name = f == .leftPad ? "LPAD" : "RPAD"
            return producing { a, i in
                try pad(string(a[0], i), to: a[1].ints[i], with: string(a[2], i), left: f == .leftPad, name: name)
            }
        case .concatWithSeparator:
            return concatWithSeparator()
        case .ascii:
            return { a, out, n in
                rows(a, out, n) { i in out.ints[i] = Int64(string(a[0], i).unicodeScalars.first?.value ?? 0) }
            }
        case .chr:
            return producing { a, i in
                let code = a[0].ints[i]
                guard code >= 0, code <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(code)) else {
                    throw runtimeError("chr(\(code)): \(code) is not a Unicode code point")
                }
                return String(Character(scalar))
            }
        default:
            throw runtimeError("internal: \(f) is not a character function")
        }
    }

    /// DuckDB's LPAD / RPAD: `s` cut or padded with repetitions of `fill`
    /// to `length` characters; a length below zero gives the empty string.
    /// - Throws: when padding is needed and `fill` is empty.
    static func pad(_ s: String, to length: Int64, with fill: String, left: Bool, name: String) throws -> String {
        let characters = Array(s.unicodeScalars)
        guard length > 0 else { return "" }
        if Int64(characters.count) >= length {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: characters.prefix(Int(length)))
            return String(out)
        }
        let filler = Array(fill.unicodeScalars)
        guard !filler.isEmpty else { throw runtimeError("insufficient padding in \(name): the fill string is empty") }
        guard length <= 1 << 26 else { throw runtimeError("\(name) would build a string of over 64 Mi characters") }
        let missing = Int(length) - characters.count
        var padding = String.UnicodeScalarView()
        for k in 0..<missing { padding.append(filler[k % filler.count]) }
        var out = String.UnicodeScalarView()
        if left {
            out.append(contentsOf: padding)
            out.append(contentsOf: characters)
        } else {
            out.append(contentsOf: characters)
            out.append(contentsOf: padding)
        }
        return String(out)
    }

    /// `concat_ws(separator, parts…)`: NULL when the separator is NULL,
    /// otherwise the non-NULL parts joined (the empty string when none is).
    private static func concatWithSeparator() -> Kernel {
        let strings = StringCollector()
        return { a, out, n in
            out.dictionary = strings.dictionary
            NullPropagation.merge(a[0], into: out, n)
            var parts: [String] = []
            for i in 0..<n where out.isValid(i) {
                parts.removeAll(keepingCapacity: true)
                for part in a.dropFirst() where part.isValid(i) { parts.append(string(part, i)) }
                out.codes[i] = strings.intern(parts.joined(separator: string(a[0], i)))
            }
        }
    }
}
