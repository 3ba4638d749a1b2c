import Columnar
import Foundation

/// Reads the dates of a contribution log — an ISO 8601 calendar date, or a
/// date-time with its UTC offset — and says precisely why one is refused.
///
/// A date-time without an offset is refused: the log may have been kept in
/// any time zone, and guessing would move events across midnight (and so
/// across reporting periods). A bare date is taken as UTC midnight.
enum DateText {
    /// UTC seconds of `raw`, or why it is not a usable date (a phrase to put
    /// after the column name: `is not a real date (2023 has no February 29)`).
    static func parse(_ raw: String, years: ClosedRange<Int>) -> Result<Int64, DateProblem> {
        let text = FieldValue.trimmed(raw)
        if let t = CivilTime.parse(text) {
            let time = text.utf8.dropFirst(10)
            if !time.isEmpty, !(time.last == UInt8(ascii: "Z") || time.last == UInt8(ascii: "z")
                                 || time.contains(UInt8(ascii: "+")) || time.contains(UInt8(ascii: "-"))) {
                return .failure(DateProblem("\"\(text)\" has a time but no UTC offset (write 2024-03-05T14:30:00+01:00 or …Z, or the date alone)"))
            }
            let year = CivilTime.date(days: CivilTime.day(of: t)).year
            guard years.contains(year) else {
                return .failure(DateProblem("\"\(text)\" is outside the years \(years.lowerBound)–\(years.upperBound); a typing error?"))
            }
            return .success(t)
        }
        // Say why: a real-looking date with an impossible day, or another layout altogether.
        let digits = Array(text.utf8.prefix(10))
        if digits.count == 10, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-"),
           let y = Int(String(decoding: digits[0..<4], as: UTF8.self)),
           let m = Int(String(decoding: digits[5..<7], as: UTF8.self)),
           let d = Int(String(decoding: digits[8..<10], as: UTF8.self)) {
            if !(1...12).contains(m) { return .failure(DateProblem("\"\(text)\" is not a real date (there is no month \(m))")) }
            if d < 1 || d > CivilTime.daysInMonth(year: y, month: m) {
                return .failure(DateProblem("\"\(text)\" is not a real date (\(monthNames[m - 1]) \(y) has \(CivilTime.daysInMonth(year: y, month: m)) days)"))
            }
            return .failure(DateProblem("\"\(text)\" has a time or zone that is not ISO 8601 (write 2024-03-05T14:30:00+01:00)"))
        }
        return .failure(DateProblem("\"\(text)\" is not an ISO 8601 date (write YYYY-MM-DD, optionally with a time: 2024-03-05T14:30:00Z)"))
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]
}

/// Why a date was refused, as a phrase that follows the column name.
struct DateProblem: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}
