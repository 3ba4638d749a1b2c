/// SQL LIKE matching on UTF-8 bytes: `%` any run, `_` one character,
/// `\` escapes. Common shapes (prefix%, %suffix, %infix%, exact) take
/// byte-comparison fast paths.
struct LikeMatcher: Sendable {
    enum Shape: Sendable {
        case exact([UInt8])
        case prefix([UInt8])
        case suffix([UInt8])
        case infix([UInt8])
        case everything
        case general([Piece])
    }

    enum Piece: Sendable, Equatable {
        case literal(Unicode.Scalar)
        case one
        case any
    }

    let shape: Shape
    let caseInsensitive: Bool

    init(pattern: String, caseInsensitive: Bool) {
        self.caseInsensitive = caseInsensitive
        let text = caseInsensitive ? pattern.lowercased() : pattern
        var pieces: [Piece] = []
        var escaped = false
        for s in text.unicodeScalars {
            if escaped {
                pieces.append(.literal(s))
                escaped = false
            } else if s == "\\" {
                escaped = true
            } else if s == "%" {
                if pieces.last != .any { pieces.append(.any) }
            } else if s == "_" {
                pieces.append(.one)
            } else {
                pieces.append(.literal(s))
            }
        }
        if escaped { pieces.append(.literal("\\")) }
        shape = LikeMatcher.classify(pieces)
    }

    private static func classify(_ pieces: [Piece]) -> Shape {
        func bytes(_ p: ArraySlice<Piece>) -> [UInt8]? {
            var out: [UInt8] = []
            for piece in p {
                guard case .literal(let s) = piece else { return nil }
                out.append(contentsOf: Array(String(s).utf8))
            }
            return out
        }
        if pieces == [.any] { return .everything }
        if let b = bytes(pieces[...]) { return .exact(b) }
        let inner = pieces.dropFirst().dropLast()
        if pieces.last == .any, let b = bytes(pieces.dropLast()) { return .prefix(b) }
        if pieces.first == .any, let b = bytes(pieces.dropFirst()) { return .suffix(b) }
        if pieces.count >= 2, pieces.first == .any, pieces.last == .any, let b = bytes(inner) { return .infix(b) }
        return .general(pieces)
    }

    /// Whether `value` (UTF-8) matches.
    func matches(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        if caseInsensitive {
            let lowered = String(decoding: value, as: UTF8.self).lowercased()
            var copy = lowered
            return copy.withUTF8 { match($0) }
        }
        return match(value)
    }

    private func match(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        switch shape {
        case .everything:
            return true
        case .exact(let b):
            return v.count == b.count && zip(v, b).allSatisfy { $0 == $1 }
        case .prefix(let b):
            return v.count >= b.count && zip(v, b).allSatisfy { $0 == $1 }
        case .suffix(let b):
            return v.count >= b.count && zip(v[(v.count - b.count)...], b).allSatisfy { $0 == $1 }
        case .infix(let b):
            return LikeMatcher.find(b, in: v)
        case .general(let pieces):
            let scalars = Array(String(decoding: v, as: UTF8.self).unicodeScalars)
            return LikeMatcher.matchGeneral(pieces[...], scalars[...])
        }
    }

    static func find(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !needle.isEmpty else { return true }
        guard hay.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Backtracking match with the usual "remember the last %" linear strategy.
    static func matchGeneral(_ pattern: ArraySlice<Piece>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0
        var star = -1, mark = 0
        while ti < t.count {
            if pi < p.count {
                switch p[pi] {
                case .any:
                    star = pi
                    mark = ti
                    pi += 1
                    continue
                case .one:
                    pi += 1
                    ti += 1
                    continue
                case .literal(let s) where s == t[ti]:
                    pi += 1
                    ti += 1
                    continue
                default:
                    break
                }
            }
            if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == .any { pi += 1 }
        return pi == p.count
    }
}
