import Foundation
import Columnar

/// Reads the period labels analytics exports write: Matomo's `2024-03-05`,
/// `2024-03`, `2024` and `2024-03-04,2024-03-10` (a week), GA4's `20240305`
/// (Date), `202403` (Year month) and `2024` (Year).
enum TrafficDate {
    /// The period a Matomo date label stands for, or nil when it is not one
    /// (or is an arbitrary range, which cannot be stored without double counting).
    static func matomo(_ label: String) -> (date: Int64, period: TrafficPeriod)? {
        let text = ExportText.trimmed(label)
        let digits = text.split(whereSeparator: { !$0.isNumber }).map(String.init)
        // Two full dates: a week, a month or a year given as a range.
        if digits.count == 6, digits.enumerated().allSatisfy({ $0.offset % 3 == 0 ? $0.element.count == 4 : $0.element.count == 2 }),
           let start = day(digits[0], digits[1], digits[2]), let end = day(digits[3], digits[4], digits[5]) {
            return span(from: start, to: end)
        }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else { return nil }
        switch digits.map(\.count) {
        case [4, 2, 2] where text.count == 10:
            return day(digits[0], digits[1], digits[2]).map { ($0, .day) }
        case [4, 2] where text.count == 7:
            return month(digits[0], digits[1]).map { ($0, .month) }
        case [4] where text.count == 4:
            return year(digits[0]).map { ($0, .year) }
        default:
            return nil
        }
    }

    /// The period a GA4 date cell stands for, given how its column is named.
    static func ga4(_ cell: String, as column: GA4DateColumn) -> (date: Int64, period: TrafficPeriod)? {
        let t = ExportText.trimmed(cell)
        let u = Array(t.utf8)
        guard u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            // Some downloads reformat dates; an ISO date is as good.
            if column == .day, t.count == 10, let (d, p) = matomo(t), p == .day { return (d, p) }
            return nil
        }
        switch (column, u.count) {
        case (.day, 8): return day(String(t.prefix(4)), String(t.dropFirst(4).prefix(2)), String(t.suffix(2))).map { ($0, .day) }
        case (.month, 6): return month(String(t.prefix(4)), String(t.suffix(2))).map { ($0, .month) }
        case (.year, 4): return year(t).map { ($0, .year) }
        default: return nil
        }
    }

    /// The columns GA4 dates a row by.
    enum GA4DateColumn {
        case day, month, year
    }

    private static let years = 1990...2100

    private static func day(_ y: String, _ m: String, _ d: String) -> Int64? {
        guard let y = Int(y), let m = Int(m), let d = Int(d), years.contains(y), (1...12).contains(m),
              d >= 1, d <= CivilTime.daysInMonth(year: y, month: m) else { return nil }
        return CivilTime.timestamp(year: y, month: m, day: d)
    }

    private static func month(_ y: String, _ m: String) -> Int64? { day(y, m, "01") }

    private static func year(_ y: String) -> Int64? { day(y, "01", "01") }

    /// A range as a week (Monday to Sunday), a whole month, a whole year or one day.
    private static func span(from start: Int64, to end: Int64) -> (date: Int64, period: TrafficPeriod)? {
        let first = CivilTime.day(of: start), last = CivilTime.day(of: end)
        let a = CivilTime.date(days: first), b = CivilTime.date(days: last)
        if first == last { return (start, .day) }
        if last - first == 6, CivilTime.isoWeekday(days: first) == 1 { return (start, .week) }
        if a.year == b.year, a.month == b.month, a.day == 1, b.day == CivilTime.daysInMonth(year: b.year, month: b.month) {
            return (start, .month)
        }
        if a.year == b.year, a.month == 1, a.day == 1, b.month == 12, b.day == 31 { return (start, .year) }
        return nil
    }
}
