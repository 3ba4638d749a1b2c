extension CivilTime {
    /// Parses the timestamp spellings found in data files and SQL literals.
    ///
    /// Accepted: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.fff]]`, the same with `T`,
    /// and an optional zone (`Z`, `+HH:MM`, `+HHMM`, `+HH`). A zone offset is
    /// applied so the result is UTC; fractional seconds are truncated.
    /// - Returns: UTC seconds, or `nil` when the text is not such a timestamp
    ///   or names an impossible date.
    public static func parse(_ text: some StringProtocol) -> Int64? {
        var text = String(text)
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Byte-level form of ``parse(_:)`` for readers that hold raw buffers.
    public static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        let n = b.count
        while i < n, b[i] == 0x20 { i += 1 }
        var end = n
        while end > i, b[end - 1] == 0x20 { end -= 1 }

        func digits(_ count: Int) -> Int? {
            guard i + count <= end else { return nil }
            var v = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 0x30, c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += count
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < end, b[i] == c else { return false }
            i += 1
            return true
        }

        var negativeYear = false
        if i < end, b[i] == 0x2D { negativeYear = true; i += 1 }
        guard let y0 = digits(4), expect(0x2D), let mo = digits(2), expect(0x2D), let d = digits(2) else { return nil }
        let year = negativeYear ? -y0 : y0
        guard mo >= 1, mo <= 12, d >= 1, d <= daysInMonth(year: year, month: mo) else { return nil }
        var seconds = days(year: year, month: mo, day: d) * secondsPerDay
        if i == end { return seconds }

        guard i < end, b[i] == 0x20 || b[i] == 0x54 || b[i] == 0x74 else { return nil }
        i += 1
        guard let h = digits(2), expect(0x3A), let mi = digits(2) else { return nil }
        var s = 0
        if i < end, b[i] == 0x3A {
            i += 1
            guard let ss = digits(2) else { return nil }
            s = ss
            if i < end, b[i] == 0x2E || b[i] == 0x2C {
                i += 1
                let start = i
                while i < end, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                guard i > start else { return nil }
            }
        }
        guard h <= 24, mi <= 59, s <= 60, !(h == 24 && (mi > 0 || s > 0)) else { return nil }
        seconds += Int64(h * 3600 + mi * 60 + s)
        while i < end, b[i] == 0x20 { i += 1 }
        if i == end { return seconds }

        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
            return i == end ? seconds : nil
        }
        guard b[i] == 0x2B || b[i] == 0x2D else { return nil }
        let sign: Int64 = b[i] == 0x2D ? -1 : 1
        i += 1
        guard let oh = digits(2) else { return nil }
        var om = 0
        if i < end {
            _ = expect(0x3A)
            guard let m = digits(2) else { return nil }
            om = m
        }
        guard i == end, oh <= 18, om <= 59 else { return nil }
        return seconds - sign * Int64(oh * 3600 + om * 60)
    }
}
