import Columnar
import Foundation

extension ReportLocale {
    /// A number with the language's separators: `12,345.6` in English,
    /// `12 345,6` in French. Rounds half away from zero.
    public func number(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let decimals = max(0, min(decimals, 6))
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let negative = value < 0 && scaled > 0
        let whole = UInt64(scaled / scale)
        let fraction = UInt64(scaled - Double(whole) * scale)
        var digits = String(whole)
        // Four-digit numbers are not grouped (UN editorial practice: 2015, 1500).
        if digits.count > 4 {
            var grouped = ""
            for (i, c) in digits.enumerated() {
                if i > 0, (digits.count - i) % 3 == 0 { grouped += groupSeparator }
                grouped.append(c)
            }
            digits = grouped
        }
        if decimals > 0 {
            var f = String(fraction)
            while f.count < decimals { f = "0" + f }
            digits += decimalSeparator + f
        }
        return (negative ? "\u{2212}" : "") + digits
    }

    /// A signed change: `+3.2`, `−1.0`.
    func signed(_ value: Double, decimals: Int) -> String {
        let s = number(value, decimals: decimals)
        return value > 0 && s.contains(where: { $0 != "0" && $0.isNumber }) ? "+" + s : s
    }

    /// A date in the language's form, e.g. "2 December 2026".
    public func date(_ timestamp: Int64) -> String {
        let d = CivilTime.date(days: CivilTime.day(of: timestamp))
        return dateFormat.replacingOccurrences(of: "{day}", with: "\(d.day)")
            .replacingOccurrences(of: "{month}", with: months.indices.contains(d.month - 1) ? months[d.month - 1] : "\(d.month)")
            .replacingOccurrences(of: "{year}", with: "\(d.year)")
    }

    /// "Jan 2024" style label for month `m` (1–12) of `year`.
    func monthLabel(_ m: Int, year: Int?) -> String {
        let name = monthsShort.indices.contains(m - 1) ? monthsShort[m - 1] : "\(m)"
        return year.map { "\(name) \($0)" } ?? name
    }
}

extension ReportLocale {
    /// "Twelfth" from the locale's list of ordinals, else the number.
    func ordinal(_ n: Int) -> String {
        ordinals.indices.contains(n - 1) ? ordinals[n - 1] : "\(n)"
    }
}
