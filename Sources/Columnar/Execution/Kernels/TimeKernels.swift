/// Date and time functions on UTC-second timestamps.
enum TimeKernels {
    static let day = CivilTime.secondsPerDay

    /// Applies `op` to each timestamp, producing an integer or timestamp.
    static func integers(_ op: @escaping (Int64) -> Int64) -> Kernel {
        { a, out, n in
            NullPropagation.merge(a[0], into: out, n)
            let x = a[0].ints, r = out.ints
            for i in 0..<n { r[i] = op(x[i]) }
        }
    }

    static func kernel(_ f: ScalarFunction, argumentTypes: [DataType]) throws -> Kernel {
        let table = DayTable.shared
        switch f {
        case .datePart(let part):
            switch part {
            case .year: return days(table.year) { datePart(.year, table)($0) }
            case .month: return days(table.month) { datePart(.month, table)($0) }
            case .day: return days(table.day) { datePart(.day, table)($0) }
            case .dayOfYear: return days(table.dayOfYear) { datePart(.dayOfYear, table)($0) }
            default: return integers(datePart(part, table))
            }
        case .dateTrunc(let unit):
            if unit == .month {
                return { a, out, n in
                    NullPropagation.merge(a[0], into: out, n)
                    table.mapDays(a[0].ints, out.ints, n, table.monthOrdinal) { ordinal($0, .month, table) }
                    for i in 0..<n { out.ints[i] = timestamp(ordinal: out.ints[i], .month) }
                }
            }
            return integers { truncate($0, unit, table) }
        case .truncOrdinal(let unit):
            switch unit {
            case .month: return days(table.monthOrdinal) { ordinal($0, .month, table) }
            case .year: return days(table.year) { ordinal($0, .year, table) }
            case .day:
                return { a, out, n in
                    NullPropagation.merge(a[0], into: out, n)
                    for i in 0..<n { out.ints[i] = dayNumber(a[0].ints[i]) }
                }
            default: return integers { ordinal($0, unit, table) }
            }
        case .ordinalTimestamp(let unit):
            return integers { timestamp(ordinal: $0, unit) }
        case .dateDiff(let unit):
            return { a, out, n in
                NullPropagation.merge(a[0], a[1], into: out, n)
                for i in 0..<n { out.ints[i] = ordinal(a[1].ints[i], unit, table) &- ordinal(a[0].ints[i], unit, table) }
            }
        case .epoch:
            return integers { $0 }
        case .epochMilliseconds:
            return { a, out, n in
                NullPropagation.merge(a[0], into: out, n)
                for i in 0..<n where out.isValid(i) {
                    let (ms, overflow) = a[0].ints[i].multipliedReportingOverflow(by: 1000)
                    guard !overflow else { throw runtimeError("epoch_ms of timestamp \(a[0].ints[i]) is out of range") }
                    out.ints[i] = ms
                }
            }
        case .fromEpochMilliseconds:
            // Timestamps are whole seconds: the second a millisecond falls in.
            return integers { floorDivide($0, 1000) }
        case .toTimestamp:
            if argumentTypes[0] == .float64 {
                return { a, out, n in
                    NullPropagation.merge(a[0], into: out, n)
                    for i in 0..<n where out.isValid(i) {
                        let v = a[0].floats[i].rounded(.down)
                        guard v.isFinite, abs(v) < 9.2e18 else { throw runtimeError("to_timestamp(\(a[0].floats[i])) is out of range") }
                        out.ints[i] = Int64(v)
                    }
                }
            }
            return integers { $0 }
        case .makeTimestamp:
            return { a, out, n in
                NullPropagation.merge(a, into: out, n)
                for i in 0..<n where out.isValid(i) {
                    let parts = a.map { Int($0.ints[i]) }
                    let (y, m, d) = (parts[0], parts[1], parts[2])
                    let h = parts.count > 3 ? parts[3] : 0, mi = parts.count > 4 ? parts[4] : 0, s = parts.count > 5 ? parts[5] : 0
                    guard m >= 1, m <= 12, d >= 1, d <= CivilTime.daysInMonth(year: y, month: m), (0...23).contains(h), (0...59).contains(mi), (0...60).contains(s) else {
                        throw runtimeError("make_timestamp(\(parts.map(String.init).joined(separator: ", "))) is not a valid date and time")
                    }
                    out.ints[i] = CivilTime.timestamp(year: y, month: m, day: d, hour: h, minute: mi, second: s)
                }
            }
        case .strftime(let format):
            return try strftime(StrftimeFormat(format))
        case .strptime(let format):
            let parser = try StrptimeFormat(format)
            return { a, out, n in
                NullPropagation.merge(a[0], into: out, n)
                for i in 0..<n where out.isValid(i) {
                    let s = StringKernels.string(a[0], i)
                    guard let t = parser.parse(s) else { throw runtimeError("cannot read '\(s)' with the format '\(format)'") }
                    out.ints[i] = t
                }
            }
        case .cycle(let calendar), .phase(let calendar):
            let isCycle: Bool = if case .cycle = f { true } else { false }
            let periods = isCycle ? calendar.cycles : calendar.phases
            let ids = StringDictionary(periods.map(\.id))
            let lookup = isCycle ? calendar.cycleDays : calendar.phaseDays
            // Periods that start and end at midnight need no check within the day.
            let aligned = periods.allSatisfy { $0.start % day == 0 && $0.end % day == 0 }
            return { a, out, n in
                out.dictionary = ids
                NullPropagation.merge(a[0], into: out, n)
                let x = a[0].ints, codes = out.codes
                let first = lookup.firstDay, size = UInt64(lookup.table.count)
                var missing: UInt32 = 0
                // The period of the previous row: rows in time order stay in it for
                // months, so most rows cost two comparisons instead of a day number.
                var from = Int64.max, to = Int64.min, code: UInt32 = 0
                lookup.table.withUnsafeBufferPointer { t in
                    for i in 0..<n {
                        let time = x[i]
                        if time >= from && time < to {
                            codes[i] = code
                            continue
                        }
                        let k = dayNumber(time) &- first
                        let v = UInt32(t[UInt64(bitPattern: k) < size ? Int(k) : 0]) & (UInt64(bitPattern: k) < size ? ~0 : 0)
                        codes[i] = v &- 1
                        missing |= v == 0 ? 1 : 0
                        if v != 0 {
                            (from, to, code) = (periods[Int(v) - 1].start, periods[Int(v) - 1].end, v &- 1)
                        }
                    }
                }
                if !aligned {
                    for i in 0..<n {
                        let k = isCycle ? calendar.cycleIndex(of: x[i]) : calendar.phaseIndex(of: x[i])
                        codes[i] = k.map { UInt32($0) } ?? UInt32.max
                        if k == nil { missing = 1 }
                    }
                }
                guard missing != 0 else { return }
                out.materializeValidity()
                for i in 0..<n where codes[i] == UInt32.max {
                    codes[i] = 0
                    out.validity[i] = 0
                }
            }
        case .cycleStart(let calendar), .phaseStart(let calendar):
            let isCycle: Bool = if case .cycleStart = f { true } else { false }
            return { a, out, n in
                NullPropagation.merge(a[0], into: out, n)
                var missing = false
                for i in 0..<n {
                    let t = a[0].ints[i]
                    let k = isCycle ? calendar.cycleIndex(of: t) : calendar.phaseIndex(of: t)
                    if let k {
                        out.ints[i] = (isCycle ? calendar.cycles : calendar.phases)[k].start
                    } else {
                        if !missing { out.materializeValidity(); missing = true }
                        out.validity[i] = 0
                    }
                }
            }
        default:
            throw runtimeError("internal: \(f) is not a time function")
        }
    }

    /// A per-day field of each timestamp, looked up in a day table.
    static func days<T: BinaryInteger>(_ field: [T], fallback: @escaping (Int64) -> Int64) -> Kernel {
        let table = DayTable.shared
        return { a, out, n in
            NullPropagation.merge(a[0], into: out, n)
            table.mapDays(a[0].ints, out.ints, n, field, fallback: fallback)
        }
    }

    static func datePart(_ part: DatePart, _ table: DayTable) -> (Int64) -> Int64 {
        switch part {
        case .year: { Int64(table.civil(floorDivide($0, day)).year) }
        case .month: { Int64(table.civil(floorDivide($0, day)).month) }
        case .day: { Int64(table.civil(floorDivide($0, day)).day) }
        case .quarter: { Int64((table.civil(floorDivide($0, day)).month - 1) / 3 + 1) }
        case .decade: { floorDivide(Int64(table.civil(floorDivide($0, day)).year), 10) }
        case .century: { Int64((table.civil(floorDivide($0, day)).year - 1) / 100 + 1) }
        case .hour: { ($0 - floorDivide($0, day) * day) / 3600 }
        case .minute: { ($0 - floorDivide($0, 3600) * 3600) / 60 }
        case .second: { $0 - floorDivide($0, 60) * 60 }
        case .dayOfWeek: { Int64(CivilTime.isoWeekday(days: floorDivide($0, day)) % 7) }
        case .isoDayOfWeek: { Int64(CivilTime.isoWeekday(days: floorDivide($0, day))) }
        case .dayOfYear: { Int64(table.dayOfYear(floorDivide($0, day))) }
        case .week: { Int64(table.isoWeek(floorDivide($0, day)).week) }
        case .epoch: { $0 }
        }
    }

    static func truncate(_ t: Int64, _ unit: TimeUnit, _ table: DayTable) -> Int64 {
        switch unit {
        case .second: return t
        case .minute: return floorDivide(t, 60) * 60
        case .hour: return floorDivide(t, 3600) * 3600
        case .day: return floorDivide(t, day) * day
        case .week:
            let d = floorDivide(t, day)
            return (d - Int64(CivilTime.isoWeekday(days: d) - 1)) * day
        default:
            return timestamp(ordinal: ordinal(t, unit, table), unit)
        }
    }

    /// A dense number per unit: seconds, minutes … since 1970; months since
    /// January 1970; years; decades. Consecutive units differ by one.
    @inline(__always)
    static func ordinal(_ t: Int64, _ unit: TimeUnit, _ table: DayTable) -> Int64 {
        switch unit {
        case .second: return t
        case .minute: return floorDivide(t, 60)
        case .hour: return floorDivide(t, 3600)
        case .day: return floorDivide(t, day)
        case .week: return floorDivide(floorDivide(t, day) + 3, 7)
        case .month:
            let c = table.civil(floorDivide(t, day))
            return Int64(c.year - 1970) * 12 + Int64(c.month - 1)
        case .quarter:
            let c = table.civil(floorDivide(t, day))
            return Int64(c.year - 1970) * 4 + Int64((c.month - 1) / 3)
        case .year: return Int64(table.civil(floorDivide(t, day)).year)
        case .decade: return floorDivide(Int64(table.civil(floorDivide(t, day)).year), 10)
        }
    }

    /// The first second of unit number `k` (inverse of ``ordinal(_:_:_:)``).
    static func timestamp(ordinal k: Int64, _ unit: TimeUnit) -> Int64 {
        switch unit {
        case .second: return k
        case .minute: return k * 60
        case .hour: return k * 3600
        case .day: return k * day
        case .week: return (k * 7 - 3) * day
        case .month:
            let y = 1970 + Int(floorDivide(k, 12)), m = Int(k - floorDivide(k, 12) * 12) + 1
            return CivilTime.days(year: y, month: m, day: 1) * day
        case .quarter:
            let y = 1970 + Int(floorDivide(k, 4)), q = Int(k - floorDivide(k, 4) * 4)
            return CivilTime.days(year: y, month: q * 3 + 1, day: 1) * day
        case .year: return CivilTime.days(year: Int(k), month: 1, day: 1) * day
        case .decade: return CivilTime.days(year: Int(k * 10), month: 1, day: 1) * day
        }
    }

    private static func strftime(_ format: StrftimeFormat) -> Kernel {
        let strings = StringCollector()
        // Date-only formats give one string per day: remember recent days.
        var cacheDays = [Int64](repeating: .min, count: 1024)
        var cacheCodes = [UInt32](repeating: 0, count: 1024)
        return { a, out, n in
            out.dictionary = strings.dictionary
            NullPropagation.merge(a[0], into: out, n)
            for i in 0..<n where out.isValid(i) {
                let t = a[0].ints[i]
                if format.usesTime {
                    out.codes[i] = strings.intern(format.format(t))
                    continue
                }
                let d = floorDivide(t, day)
                let slot = Int(d & 1023)
                if cacheDays[slot] != d {
                    cacheDays[slot] = d
                    cacheCodes[slot] = strings.intern(format.format(d * day))
                }
                out.codes[i] = cacheCodes[slot]
            }
        }
    }
}
