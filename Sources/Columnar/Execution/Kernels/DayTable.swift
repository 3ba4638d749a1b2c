/// Calendar fields of every day from 1900 to 2199, so that `year(ts)`,
/// `date_trunc('month', ts)` and friends cost one division and one load
/// per row. Days outside the table fall back to the civil-date algorithm.
struct DayTable: Sendable {
    static let shared = DayTable()

    /// Day number (since 1970-01-01) of the first entry.
    let firstDay: Int64
    let count: Int
    let year: [Int16]
    let month: [UInt8]
    let day: [UInt8]
    let dayOfYear: [UInt16]
    /// Months since January 1970 (negative before).
    let monthOrdinal: [Int32]

    private init() {
        let first = CivilTime.days(year: 1900, month: 1, day: 1)
        let last = CivilTime.days(year: 2200, month: 1, day: 1)
        let n = Int(last - first)
        var year = [Int16](repeating: 0, count: n)
        var month = [UInt8](repeating: 0, count: n)
        var day = [UInt8](repeating: 0, count: n)
        var dayOfYear = [UInt16](repeating: 0, count: n)
        var monthOrdinal = [Int32](repeating: 0, count: n)
        var i = 0
        for y in 1900..<2200 {
            var doy: UInt16 = 1
            for m in 1...12 {
                for d in 1...CivilTime.daysInMonth(year: y, month: m) {
                    year[i] = Int16(y)
                    month[i] = UInt8(m)
                    day[i] = UInt8(d)
                    dayOfYear[i] = doy
                    monthOrdinal[i] = Int32((y - 1970) * 12 + m - 1)
                    doy += 1
                    i += 1
                }
            }
        }
        firstDay = first
        count = n
        self.year = year
        self.month = month
        self.day = day
        self.dayOfYear = dayOfYear
        self.monthOrdinal = monthOrdinal
    }

    /// Year, month and day of a day number.
    @inline(__always)
    func civil(_ d: Int64) -> (year: Int, month: Int, day: Int) {
        let k = d &- firstDay
        if UInt64(bitPattern: k) < UInt64(count) {
            let i = Int(k)
            return (Int(year[i]), Int(month[i]), Int(day[i]))
        }
        let date = CivilTime.date(days: d)
        return (date.year, date.month, date.day)
    }

    /// Day of the year (1…366) of a day number.
    @inline(__always)
    func dayOfYear(_ d: Int64) -> Int {
        let k = d &- firstDay
        if UInt64(bitPattern: k) < UInt64(count) { return Int(dayOfYear[Int(k)]) }
        let date = CivilTime.date(days: d)
        return Int(d - CivilTime.days(year: date.year, month: 1, day: 1)) + 1
    }

    /// ISO 8601 week number and week-based year.
    func isoWeek(_ d: Int64) -> (year: Int, week: Int) {
        let weekday = CivilTime.isoWeekday(days: d)
        // The Thursday of the same ISO week decides the year.
        let thursday = d - Int64(weekday) + 4
        let y = civil(thursday).year
        let jan1 = CivilTime.days(year: y, month: 1, day: 1)
        return (y, Int((thursday - jan1) / 7) + 1)
    }

    /// Maps every timestamp of a batch through a per-day table.
    ///
    /// When all rows fall inside the table (the usual case) the loop is one
    /// division and one load per row with no branch; otherwise each row
    /// outside takes `fallback`.
    @inline(__always)
    func mapDays<T: BinaryInteger>(_ input: UnsafePointer<Int64>, _ output: UnsafeMutablePointer<Int64>, _ n: Int,
                                   _ table: [T], fallback: (Int64) -> Int64) {
        let first = firstDay, size = UInt64(count)
        table.withUnsafeBufferPointer { t in
            var outside: UInt64 = 0
            for i in 0..<n {
                let k = dayNumber(input[i]) &- first
                outside |= UInt64(bitPattern: k) >= size ? 1 : 0
                output[i] = Int64(t[UInt64(bitPattern: k) < size ? Int(k) : 0])
            }
            guard outside != 0 else { return }
            for i in 0..<n {
                let k = dayNumber(input[i]) &- first
                if UInt64(bitPattern: k) >= size { output[i] = fallback(input[i]) }
            }
        }
    }
}

/// Floor division of a timestamp by a day, without a branch.
///
/// Unsigned division by a constant compiles to a multiply and a shift,
/// while Swift's signed division does not (measured: 7× slower over 20M
/// rows). Shifting by a whole number of days keeps floor semantics for
/// times before 1970 (valid for |t| below about 9.5e16 s).
@inline(__always) func dayNumber(_ t: Int64) -> Int64 {
    let shift: UInt64 = 86_400 << 40
    return Int64(bitPattern: (UInt64(bitPattern: t) &+ shift) / 86_400) &- (1 << 40)
}

/// Floor division for timestamps before 1970.
@inline(__always) func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
