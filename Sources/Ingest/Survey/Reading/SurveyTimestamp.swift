import Columnar

/// Submission times as the survey tools write them, read as UTC seconds:
/// ISO 8601 with `Z` or an offset (ODK Central, KoBo `start`/`end`), ISO
/// without a zone (LimeSurvey `submitdate`, KoBo `_submission_time`: the
/// instrument's `timezone`, UTC by default), `MM/DD/YYYY hh:mm:ss AM`
/// (SurveyMonkey) and `Apr 26, 2018 8:58:20 AM` (ODK Briefcase).
enum SurveyTimestamp {
    /// Seconds east of UTC for `UTC`, `Z`, `+02:00`, `-0430`; `nil` otherwise.
    static func offset(_ text: String) -> Int? {
        let t = SurveyText.trimmed(text)
        if t.uppercased() == "UTC" || t.uppercased() == "Z" || t.uppercased() == "GMT" { return 0 }
        var s = Substring(t)
        if s.uppercased().hasPrefix("UTC") { s = s.dropFirst(3) }
        guard let sign = s.first, sign == "+" || sign == "-" else { return nil }
        let digits = s.dropFirst().filter { $0 != ":" }
        guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), digits.count == 2 || digits.count == 4,
              let n = Int(digits) else { return nil }
        let hours = digits.count == 2 ? n : n / 100
        let minutes = digits.count == 2 ? 0 : n % 100
        guard hours <= 14, minutes < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// UTC seconds of `text`, or `nil` when it is no time chm knows.
    /// - Parameter utcOffset: applied to times written without a zone.
    static func parse(_ text: String, utcOffset: Int) -> Int64? {
        let t = SurveyText.trimmed(text)
        guard !t.isEmpty else { return nil }
        if let first = t.first, first.isLetter { return parseMonthName(t, utcOffset: utcOffset) }
        if t.contains("/") { return parseSlashed(t, utcOffset: utcOffset) }
        return parseISO(t, utcOffset: utcOffset)
    }

    /// `2018-04-26T08:58:20.525Z`, `2017-10-23T05:40:39.000-04:00`, `2024-03-01 10:15:00`, `2024-03-01`.
    private static func parseISO(_ t: String, utcOffset: Int) -> Int64? {
        let chars = Array(t)
        guard chars.count >= 10, chars[4] == "-", chars[7] == "-",
              let y = Int(String(chars[0..<4])), let mo = Int(String(chars[5..<7])), let d = Int(String(chars[8..<10])) else { return nil }
        var rest = String(chars[10...])
        var offset = utcOffset
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            offset = 0
            rest.removeLast()
        } else if rest.count > 6, let z = rest.lastIndex(where: { $0 == "+" || $0 == "-" }),
                  let o = Self.offset(String(rest[z...])) {
            offset = o
            rest = String(rest[..<z])
        }
        if rest.hasPrefix("T") || rest.hasPrefix(" ") { rest.removeFirst() }
        guard let clock = clock(rest, meridiem: nil) else { return nil }
        return make(y, mo, d, clock, offset)
    }

    /// `11/03/2026 10:14:05 AM` (month first, as SurveyMonkey writes by default).
    private static func parseSlashed(_ t: String, utcOffset: Int) -> Int64? {
        let parts = t.split(separator: " ", maxSplits: 1).map(String.init)
        let date = parts[0].split(separator: "/").compactMap { Int($0) }
        guard date.count == 3 else { return nil }
        let (time, meridiem) = splitMeridiem(parts.count > 1 ? parts[1] : "")
        guard let clock = clock(time, meridiem: meridiem) else { return nil }
        return make(date[2], date[0], date[1], clock, utcOffset)
    }

    /// `Apr 26, 2018 8:58:20 AM` (ODK Briefcase).
    private static func parseMonthName(_ t: String, utcOffset: Int) -> Int64? {
        let words = t.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        guard words.count >= 3, let m = months.firstIndex(of: String(words[0].lowercased().prefix(3))),
              let d = Int(words[1]), let y = Int(words[2]) else { return nil }
        let (time, meridiem) = splitMeridiem(words.dropFirst(3).joined(separator: " "))
        guard let clock = clock(time, meridiem: meridiem) else { return nil }
        return make(y, m + 1, d, clock, utcOffset)
    }

    private static func splitMeridiem(_ text: String) -> (String, String?) {
        let words = text.split(separator: " ").map(String.init)
        if let last = words.last, ["AM", "PM"].contains(last.uppercased()) {
            return (words.dropLast().joined(separator: " "), last.uppercased())
        }
        return (text, nil)
    }

    /// Seconds since midnight of `HH:MM[:SS[.fff]]`, 0 for an empty clock.
    private static func clock(_ text: String, meridiem: String?) -> Int? {
        let t = SurveyText.trimmed(text)
        if t.isEmpty { return meridiem == nil ? 0 : nil }
        let parts = t.split(separator: ":")
        guard parts.count == 2 || parts.count == 3, var h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        let s = parts.count == 3 ? Int(Double(parts[2]) ?? -1) : 0
        if let meridiem {
            guard h >= 1, h <= 12 else { return nil }
            if meridiem == "AM", h == 12 { h = 0 } else if meridiem == "PM", h != 12 { h += 12 }
        }
        guard h < 24, m < 60, s >= 0, s < 61 else { return nil }
        return h * 3600 + m * 60 + s
    }

    private static func make(_ y: Int, _ mo: Int, _ d: Int, _ clock: Int, _ offset: Int) -> Int64? {
        guard y >= 1900, y <= 2200, mo >= 1, mo <= 12, d >= 1, d <= CivilTime.daysInMonth(year: y, month: mo) else { return nil }
        return CivilTime.timestamp(year: y, month: mo, day: d) + Int64(clock - offset)
    }
}
