/// Calendar arithmetic on UTC seconds: the proleptic Gregorian calendar,
/// as in SQL engines, without Foundation's time-zone machinery.
public enum CivilTime {
    /// Seconds in a day.
    public static let secondsPerDay: Int64 = 86_400

    /// A calendar date.
    public struct Date: Sendable, Hashable {
        /// The year, e.g. 2024.
        public var year: Int
        /// The month, 1…12.
        public var month: Int
        /// The day of the month, 1…31.
        public var day: Int

        /// Creates a date from its parts (not validated).
        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    @inlinable
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number (days since 1970-01-01).
    @inlinable
    public static func date(days z0: Int64) -> Date {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Date(year: Int(m <= 2 ? y + 1 : y), month: Int(m), day: Int(d))
    }

    /// Floor division of a timestamp into its day number.
    @inlinable
    public static func day(of t: Int64) -> Int64 {
        t >= 0 ? t / secondsPerDay : (t - secondsPerDay + 1) / secondsPerDay
    }

    /// Seconds since midnight of a timestamp.
    @inlinable
    public static func secondOfDay(_ t: Int64) -> Int64 {
        t - day(of: t) * secondsPerDay
    }

    /// The timestamp of a civil date and time of day.
    public static func timestamp(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64 {
        days(year: year, month: month, day: day) * secondsPerDay + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Whether `year` is a leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// ISO weekday: Monday = 1 … Sunday = 7.
    @inlinable
    public static func isoWeekday(days: Int64) -> Int {
        // 1970-01-01 was a Thursday (ISO 4).
        let r = Int((days + 3) % 7)
        return (r < 0 ? r + 7 : r) + 1
    }

    /// `YYYY-MM-DD HH:MM:SS`, the way DuckDB and SQLite print timestamps.
    public static func format(_ t: Int64) -> String {
        let s = secondOfDay(t)
        var out = formatDate(t)
        out.reserveCapacity(19)
        out.append(" ")
        appendPadded(&out, Int(s / 3600), width: 2)
        out.append(":")
        appendPadded(&out, Int(s / 60 % 60), width: 2)
        out.append(":")
        appendPadded(&out, Int(s % 60), width: 2)
        return out
    }

    /// The day of `t` as `YYYY-MM-DD` (how dates print).
    public static func formatDate(_ t: Int64) -> String {
        let d = date(days: day(of: t))
        var out = ""
        out.reserveCapacity(19)
        appendPadded(&out, d.year, width: 4)
        out.append("-")
        appendPadded(&out, d.month, width: 2)
        out.append("-")
        appendPadded(&out, d.day, width: 2)
        return out
    }

    /// The midnight (UTC) that starts the day of `t`.
    @inlinable
    public static func midnight(_ t: Int64) -> Int64 {
        day(of: t) &* secondsPerDay
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, for JSON and machine-readable outputs.
    public static func formatISO8601(_ t: Int64) -> String {
        var s = format(t)
        s = s.replacingFirstSpace(with: "T")
        return s + "Z"
    }

    static func appendPadded(_ out: inout String, _ v: Int, width: Int) {
        if v < 0 {
            out.append("-")
            appendPadded(&out, -v, width: width)
            return
        }
        let digits = String(v)
        if digits.count < width {
            out.append(String(repeating: "0", count: width - digits.count))
        }
        out.append(digits)
    }
}

extension String {
    fileprivate func replacingFirstSpace(with replacement: Character) -> String {
        guard let i = firstIndex(of: " ") else { return self }
        var copy = self
        copy.replaceSubrange(i...i, with: String(replacement))
        return copy
    }
}
