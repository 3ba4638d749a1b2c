/// A strftime-style timestamp layout (`%d/%b/%Y:%H:%M:%S %z`), compiled once
/// and read from raw bytes without building strings.
///
/// Supported: `%d %e %m %b %h %B %Y %y %H %M %S %z %Z %T %F %D %R %s %f %p %I` and `%%`;
/// a space in the layout matches one or more spaces. `%S` also takes a
/// fraction (`05.123`) that the layout does not mention.
struct TimeFormat: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case literal(UInt8)
        case space
        case day, month, monthName, year4, year2, hour, hour12, ampm, minute, second, offset, zoneName, epoch, fraction
    }

    /// The calendar fields read from one timestamp (or from a date and a time read apart).
    struct Reading {
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var pm: Bool?
        var offsetSeconds = 0
        var epoch: Int64?

        /// Seconds since 1970-01-01 UTC.
        var utcSeconds: Int64 {
            if let epoch { return epoch }
            var h = hour
            if let pm { h = h % 12 + (pm ? 12 : 0) }
            return TimeFormat.daysFromCivil(year, month, day) * 86_400 + Int64(h * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        }
    }

    let parts: [Part]
    let layout: String

    init(_ layout: String) throws {
        self.layout = layout
        var parts: [Part] = []
        let b = Array(layout.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: " ") { parts.append(.space); i += 1; continue }
            guard b[i] == UInt8(ascii: "%"), i + 1 < b.count else { parts.append(.literal(b[i])); i += 1; continue }
            let c = Character(Unicode.Scalar(b[i + 1]))
            i += 2
            switch c {
            case "d", "e": parts.append(.day)
            case "m": parts.append(.month)
            case "b", "h", "B": parts.append(.monthName)
            case "Y": parts.append(.year4)
            case "y": parts.append(.year2)
            case "H": parts.append(.hour)
            case "I": parts.append(.hour12)
            case "p": parts.append(.ampm)
            case "M": parts.append(.minute)
            case "S": parts.append(.second)
            case "z": parts.append(.offset)
            case "Z": parts.append(.zoneName)
            case "s": parts.append(.epoch)
            case "f": parts.append(.fraction)
            case "T": parts += [.hour, .literal(UInt8(ascii: ":")), .minute, .literal(UInt8(ascii: ":")), .second]
            case "R": parts += [.hour, .literal(UInt8(ascii: ":")), .minute]
            case "F": parts += [.year4, .literal(UInt8(ascii: "-")), .month, .literal(UInt8(ascii: "-")), .day]
            case "D": parts += [.month, .literal(UInt8(ascii: "/")), .day, .literal(UInt8(ascii: "/")), .year2]
            case "%": parts.append(.literal(UInt8(ascii: "%")))
            default:
                throw IngestError(.invalidOption, "unknown specifier %\(c) in the time layout \(layout); known: %d %e %m %b %B %Y %y %H %I %p %M %S %z %Z %T %F %D %R %s %f", file: "--date-format/--time-format")
            }
        }
        self.parts = parts
    }

    /// Reads `bytes` (the whole field) into `reading`; false when they do not fit the layout.
    func read(_ bytes: UnsafeBufferPointer<UInt8>, into r: inout Reading) -> Bool {
        var i = 0
        let n = bytes.count
        @inline(__always) func digits(_ maxCount: Int) -> Int? {
            var v = 0, k = 0
            while k < maxCount, i < n, bytes[i] &- 48 < 10 { v = v * 10 + Int(bytes[i] &- 48); i += 1; k += 1 }
            return k == 0 ? nil : v
        }
        for p in parts {
            switch p {
            case .literal(let c):
                guard i < n, bytes[i] == c else { return false }
                i += 1
            case .space:
                guard i < n, bytes[i] == 0x20 else { return false }
                while i < n, bytes[i] == 0x20 { i += 1 }
            case .day:
                if i < n, bytes[i] == 0x20 { i += 1 }
                guard let v = digits(2), (1...31).contains(v) else { return false }
                r.day = v
            case .month:
                guard let v = digits(2), (1...12).contains(v) else { return false }
                r.month = v
            case .monthName:
                guard i + 3 <= n, let m = Self.month(bytes[i], bytes[i + 1], bytes[i + 2]) else { return false }
                r.month = m
                i += 3
                while i < n, Self.isLetter(bytes[i]) { i += 1 }
            case .year4:
                guard let v = digits(4), v >= 1000 else { return false }
                r.year = v
            case .year2:
                guard let v = digits(2) else { return false }
                r.year = v < 69 ? 2000 + v : 1900 + v
            case .hour, .hour12:
                guard let v = digits(2), v <= 23 else { return false }
                r.hour = v
            case .ampm:
                guard i + 2 <= n else { return false }
                let c = bytes[i] | 0x20
                guard c == UInt8(ascii: "a") || c == UInt8(ascii: "p"), bytes[i + 1] | 0x20 == UInt8(ascii: "m") else { return false }
                r.pm = c == UInt8(ascii: "p")
                i += 2
            case .minute:
                guard let v = digits(2), v <= 59 else { return false }
                r.minute = v
            case .second:
                guard let v = digits(2), v <= 60 else { return false }
                r.second = min(v, 59)
                if i + 1 < n, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ","), bytes[i + 1] &- 48 < 10 {
                    i += 1
                    while i < n, bytes[i] &- 48 < 10 { i += 1 }
                }
            case .fraction:
                while i < n, bytes[i] &- 48 < 10 { i += 1 }
            case .offset:
                guard i < n else { return false }
                if bytes[i] == UInt8(ascii: "Z") { r.offsetSeconds = 0; i += 1; continue }
                let sign = bytes[i]
                guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return false }
                i += 1
                let start = i
                guard let hh = digits(2), i - start == 2 else { return false }
                // `+hh`, `+hhmm` or `+hh:mm`, as strptime takes them (`+000` is none of these).
                let colon = i < n && bytes[i] == UInt8(ascii: ":")
                if colon { i += 1 }
                let minutesAt = i
                let mm = digits(2) ?? 0
                guard i - minutesAt == 2 || (i == minutesAt && !colon) else { return false }
                guard hh <= 14, mm <= 59 else { return false }
                r.offsetSeconds = (hh * 3600 + mm * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            case .zoneName:
                while i < n, Self.isLetter(bytes[i]) { i += 1 }
            case .epoch:
                var negative = false
                if i < n, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
                var v: Int64 = 0, k = 0
                while i < n, bytes[i] &- 48 < 10, k < 18 { v = v * 10 + Int64(bytes[i] &- 48); i += 1; k += 1 }
                guard k > 0 else { return false }
                // Milliseconds or microseconds since the epoch (13 or 16 digits) read as seconds.
                if k >= 16 { v /= 1_000_000 } else if k >= 13 { v /= 1000 }
                if i + 1 < n, bytes[i] == UInt8(ascii: "."), bytes[i + 1] &- 48 < 10 {
                    i += 1
                    while i < n, bytes[i] &- 48 < 10 { i += 1 }
                }
                r.epoch = negative ? -v : v
            }
        }
        // 31/Feb and 29/Feb of a common year are not dates.
        guard r.epoch != nil || r.day <= Self.daysIn(month: r.month, year: r.year) else { return false }
        return i == n
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- UInt8(ascii: "a") < 26 }

    /// The month of a three-letter English abbreviation, any case.
    static func month(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int? {
        switch (UInt32(a | 0x20) << 16) | (UInt32(b | 0x20) << 8) | UInt32(c | 0x20) {
        case 0x6A616E: 1 // jan
        case 0x666562: 2 // feb
        case 0x6D6172: 3 // mar
        case 0x617072: 4 // apr
        case 0x6D6179: 5 // may
        case 0x6A756E: 6 // jun
        case 0x6A756C: 7 // jul
        case 0x617567: 8 // aug
        case 0x736570: 9 // sep
        case 0x6F6374: 10 // oct
        case 0x6E6F76: 11 // nov
        case 0x646563: 12 // dec
        default: nil
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
