/// Parses text with a strptime format (%Y %m %d %H %M %S %y %b %B %j %p %I %z %%).
struct StrptimeFormat: Sendable {
    let format: [Character]

    init(_ format: String) throws {
        self.format = Array(format)
        var chars = self.format[...]
        while let c = chars.popFirst() {
            guard c == "%" else { continue }
            guard let spec = chars.popFirst(), "YmdHMSybBjpIz%aA-".contains(spec) else {
                throw runtimeError("unsupported strptime specifier in '\(format)'")
            }
            if spec == "-" { _ = chars.popFirst() }
        }
    }

    /// The timestamp `text` denotes, or `nil` when it does not match.
    func parse(_ text: String) -> Int64? {
        let s = Array(text)
        var i = 0
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, offset = 0
        var dayOfYear: Int?
        var pm: Bool?
        func number(_ maxDigits: Int) -> Int? {
            var v = 0, k = 0
            var negative = false
            if i < s.count, s[i] == "-" || s[i] == "+", maxDigits >= 4 { negative = s[i] == "-"; i += 1 }
            while k < maxDigits, i < s.count, let d = s[i].wholeNumberValue, s[i].isASCII { v = v * 10 + d; i += 1; k += 1 }
            return k == 0 ? nil : (negative ? -v : v)
        }
        func name(_ names: [String]) -> Int? {
            for (k, full) in names.enumerated() {
                for candidate in [full, String(full.prefix(3))] {
                    let c = Array(candidate.lowercased())
                    if i + c.count <= s.count, Array(s[i..<(i + c.count)]).map({ Character($0.lowercased()) }) == c {
                        i += c.count
                        return k
                    }
                }
            }
            return nil
        }
        var f = 0
        while f < format.count {
            let c = format[f]
            f += 1
            if c != "%" {
                if c == " " { while i < s.count, s[i] == " " { i += 1 }; continue }
                guard i < s.count, s[i] == c else { return nil }
                i += 1
                continue
            }
            var spec = format[f]
            f += 1
            if spec == "-" { spec = format[f]; f += 1 }
            switch spec {
            case "Y": guard let v = number(4) else { return nil }; year = v
            case "y": guard let v = number(2) else { return nil }; year = v < 69 ? 2000 + v : 1900 + v
            case "m": guard let v = number(2) else { return nil }; month = v
            case "d": guard let v = number(2) else { return nil }; day = v
            case "H", "I": guard let v = number(2) else { return nil }; hour = v
            case "M": guard let v = number(2) else { return nil }; minute = v
            case "S": guard let v = number(2) else { return nil }; second = v
            case "j": guard let v = number(3) else { return nil }; dayOfYear = v
            case "b", "B": guard let v = name(StrftimeFormat.months) else { return nil }; month = v + 1
            case "a", "A": guard name(StrftimeFormat.weekdays) != nil else { return nil }
            case "p":
                guard i + 2 <= s.count else { return nil }
                let t = String(s[i..<(i + 2)]).uppercased()
                guard t == "AM" || t == "PM" else { return nil }
                pm = t == "PM"
                i += 2
            case "z":
                if i < s.count, s[i] == "Z" { i += 1; break }
                guard i < s.count, s[i] == "+" || s[i] == "-" else { return nil }
                let sign = s[i] == "-" ? -1 : 1
                i += 1
                guard let h = number(2) else { return nil }
                if i < s.count, s[i] == ":" { i += 1 }
                let m = number(2) ?? 0
                offset = sign * (h * 3600 + m * 60)
            default:
                guard i < s.count, s[i] == "%" else { return nil }
                i += 1
            }
        }
        guard i == s.count else { return nil }
        if let pm {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        guard (1...12).contains(month), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        if let doy = dayOfYear {
            let jan1 = CivilTime.days(year: year, month: 1, day: 1)
            return (jan1 + Int64(doy - 1)) * CivilTime.secondsPerDay + Int64(hour * 3600 + minute * 60 + second - offset)
        }
        guard day >= 1, day <= CivilTime.daysInMonth(year: year, month: month) else { return nil }
        return CivilTime.timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second) - Int64(offset)
    }
}
