/// IPv4 and IPv6 addresses as one 128-bit number (IPv4 as `::ffff:a.b.c.d`),
/// so ranges and networks of both families compare the same way.
enum IPAddress {
    static let v4Prefix: UInt128 = 0xFFFF << 32

    /// Reads an address from text bytes (`83.149.9.216`, `2001:db8::1`, `[::1]`, `::ffff:1.2.3.4`, `fe80::1%eth0`).
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> UInt128? {
        var s = 0, e = b.count
        if e - s >= 2, b[s] == UInt8(ascii: "["), b[e - 1] == UInt8(ascii: "]") { s += 1; e -= 1 }
        if let pct = (s..<e).first(where: { b[$0] == UInt8(ascii: "%") }) { e = pct }
        guard s < e else { return nil }
        if (s..<e).contains(where: { b[$0] == UInt8(ascii: ":") }) { return parseV6(b, s, e) }
        return parseV4(b, s, e).map { v4Prefix | UInt128($0) }
    }

    /// Whether `b` is a host name as DNS writes them: dot-separated labels of
    /// letters, digits and hyphens (1–63 bytes, no hyphen at either end),
    /// 253 bytes at most, with a letter somewhere (so that a damaged IPv4
    /// address such as `10.0.0.256` is not one).
    static func isHostName(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (1...253).contains(b.count) else { return false }
        var label = 0, letter = false
        var previous: UInt8 = UInt8(ascii: ".")
        for c in b {
            if c == UInt8(ascii: ".") {
                guard label > 0, previous != UInt8(ascii: "-") else { return false }
                label = 0
            } else {
                let isLetter = (c | 0x20) &- UInt8(ascii: "a") < 26
                guard isLetter || c &- UInt8(ascii: "0") < 10 || (c == UInt8(ascii: "-") && label > 0) else { return false }
                letter = letter || isLetter
                label += 1
                guard label <= 63 else { return false }
            }
            previous = c
        }
        return letter && label > 0 && previous != UInt8(ascii: "-")
    }

    /// Reads an address from a string.
    static func parse(_ text: String) -> UInt128? {
        var t = text
        return t.withUTF8 { parse($0) }
    }

    static func parseV4(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt32? {
        var value: UInt32 = 0, part = 0, digits = 0, parts = 0
        for i in s..<e {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | UInt32(part)
                parts += 1
                part = 0
                digits = 0
            } else {
                let d = Int(c &- 48)
                // No leading zero (`010` could be read as octal): refused, as inet_pton refuses it.
                guard d >= 0, d < 10, digits < 3, digits == 0 || part != 0 else { return nil }
                part = part * 10 + d
                digits += 1
                guard part <= 255 else { return nil }
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | UInt32(part)
    }

    static func parseV6(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt128? {
        var head: [UInt16] = [], tail: [UInt16] = []
        var afterGap = false
        var i = s
        if e - s >= 2, b[s] == UInt8(ascii: ":"), b[s + 1] == UInt8(ascii: ":") {
            afterGap = true
            i = s + 2
            if i == e { return 0 }
        }
        while i < e {
            var j = i
            var group = 0
            while j < e, let d = Self.hex(b[j]) {
                group = group << 4 | d
                j += 1
                guard j - i <= 4 else { return nil }
            }
            if j < e, b[j] == UInt8(ascii: "."), j - i <= 3 {
                // An embedded IPv4 address ends the address.
                guard let v4 = parseV4(b, i, e) else { return nil }
                let parts = [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                if afterGap { tail += parts } else { head += parts }
                i = e
                break
            }
            guard j > i else { return nil }
            if afterGap { tail.append(UInt16(group)) } else { head.append(UInt16(group)) }
            if j == e { i = e; break }
            guard b[j] == UInt8(ascii: ":") else { return nil }
            if j + 1 < e, b[j + 1] == UInt8(ascii: ":") {
                guard !afterGap else { return nil }
                afterGap = true
                i = j + 2
            } else {
                i = j + 1
                guard i < e else { return nil }
            }
        }
        let total = head.count + tail.count
        guard afterGap ? total <= 7 : total == 8 else { return nil }
        var groups = head + [UInt16](repeating: 0, count: 8 - total) + tail
        if !afterGap { groups = head }
        var value: UInt128 = 0
        for g in groups { value = value << 16 | UInt128(g) }
        return value
    }

    private static func hex(_ c: UInt8) -> Int? {
        switch c {
        case 48...57: Int(c - 48)
        case 65...70: Int(c - 55)
        case 97...102: Int(c - 87)
        default: nil
        }
    }
}

/// A network written `10.0.0.0/8`, `::1/128` or a single address.
struct IPNetwork: Sendable, Equatable {
    let first: UInt128
    let last: UInt128

    /// Reads a CIDR block; nil when it is not one.
    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let address = IPAddress.parse(parts[0]) else { return nil }
        let isV4 = !parts[0].contains(":")
        var bits = 128
        if parts.count == 2 {
            guard let n = Int(parts[1]), n >= 0, n <= (isV4 ? 32 : 128) else { return nil }
            bits = isV4 ? 96 + n : n
        }
        let hostBits = 128 - bits
        let mask: UInt128 = hostBits == 128 ? .max : hostBits == 0 ? 0 : (UInt128(1) << UInt128(hostBits)) - 1
        first = address & ~mask
        last = address | mask
    }

    func contains(_ address: UInt128) -> Bool { address >= first && address <= last }
}
