/// The clearing-house schedule as the engine sees it: consecutive cycles
/// and phases with their ids, so that `cycle(ts)` and `phase(ts)` can be
/// answered by a table lookup per day.
///
/// The Evaluation module builds it from `Indicators/schedule.toml`; the
/// engine only needs the periods' boundaries and ids.
public struct PeriodCalendar: Sendable, Hashable {
    /// A named span of time `[start, end)` in UTC seconds.
    public struct Period: Sendable, Hashable {
        /// The id used in SQL and on the command line (`2024-2025`, `phase-2`).
        public var id: String
        /// The name users read (`2024–2025`, `Phase II`).
        public var name: String
        /// First second of the period.
        public var start: Int64
        /// First second after the period.
        public var end: Int64

        /// Creates a period.
        public init(id: String, name: String, start: Int64, end: Int64) {
            self.id = id
            self.name = name
            self.start = start
            self.end = end
        }

        /// Whether `t` falls in the period.
        public func contains(_ t: Int64) -> Bool { t >= start && t < end }
    }

    /// Cycles in time order, not overlapping.
    public let cycles: [Period]
    /// Phases in time order, not overlapping.
    public let phases: [Period]
    @usableFromInline let cycleDays: DayLookup
    @usableFromInline let phaseDays: DayLookup

    /// Creates a calendar from cycles and phases in time order.
    public init(cycles: [Period], phases: [Period]) {
        self.cycles = cycles
        self.phases = phases
        cycleDays = DayLookup(periods: cycles)
        phaseDays = DayLookup(periods: phases)
    }

    /// The index into ``cycles`` of the cycle containing `t`.
    @inlinable
    public func cycleIndex(of t: Int64) -> Int? { cycleDays.index(of: t, in: cycles) }

    /// The index into ``phases`` of the phase containing `t`.
    @inlinable
    public func phaseIndex(of t: Int64) -> Int? { phaseDays.index(of: t, in: phases) }

    /// The schedule the Stockholm mechanism followed: a pilot cycle
    /// 2006–2007, then phases of two two-year cycles starting in 2008, and
    /// two-year cycles starting in even years throughout.
    public static let standard = PeriodCalendar.generated()

    /// Builds a calendar from the plan's rules.
    /// - Parameters:
    ///   - firstCycleYear: the year the first cycle of the mechanism (the pilot) starts.
    ///   - cycleYears: calendar years per cycle (2: the budget biennium).
    ///   - pilotCycles: cycles in the pilot phase (1 in the plan; 0 for none).
    ///   - cyclesPerPhase: cycles per phase after the pilot (2 in the plan).
    ///   - fromYear: cycles are also generated before the mechanism, back to this year.
    ///   - throughYear: the last year covered.
    public static func generated(firstCycleYear: Int = 2006, cycleYears: Int = 2, pilotCycles: Int = 1, cyclesPerPhase: Int = 2,
                                 fromYear: Int = 1970, throughYear: Int = 2099) -> PeriodCalendar {
        let step = max(1, cycleYears)
        var start = firstCycleYear
        while start - step >= fromYear { start -= step }
        func period(_ id: String, _ name: String, _ from: Int, _ years: Int) -> Period {
            Period(id: id, name: name, start: CivilTime.timestamp(year: from, month: 1, day: 1),
                   end: CivilTime.timestamp(year: from + years, month: 1, day: 1))
        }
        let cycles = stride(from: start, through: throughYear, by: step).map { y in
            period(step == 1 ? "\(y)" : "\(y)-\(y + step - 1)", step == 1 ? "\(y)" : "\(y)\u{2013}\(y + step - 1)", y, step)
        }
        var phases: [Period] = []
        var year = firstCycleYear
        if pilotCycles > 0 {
            phases.append(period("pilot", "Pilot phase", year, pilotCycles * step))
            year += pilotCycles * step
        }
        let phaseYears = max(1, cyclesPerPhase) * step
        var n = 1
        while year <= throughYear {
            phases.append(period("phase-\(n)", "Phase \(RomanNumeral.string(n))", year, phaseYears))
            year += phaseYears
            n += 1
        }
        return PeriodCalendar(cycles: cycles, phases: phases)
    }

    public static func == (a: PeriodCalendar, b: PeriodCalendar) -> Bool {
        a.cycles == b.cycles && a.phases == b.phases
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(cycles)
        hasher.combine(phases)
    }
}

/// Upper-case Roman numerals, for phase names.
public enum RomanNumeral {
    /// `n` in Roman numerals (1…3999).
    public static func string(_ n: Int) -> String {
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n
        var out = ""
        for (v, s) in table {
            while n >= v { out += s; n -= v }
        }
        return out
    }
}

/// A day-number → period-index table, so lookups cost one load per row.
@usableFromInline
struct DayLookup: Sendable {
    // Kernels read the table directly for cycle() and phase().
    /// Day number of `table[0]`.
    @usableFromInline let firstDay: Int64
    /// Period index + 1 per day, 0 for days outside every period.
    @usableFromInline let table: [UInt16]

    init(periods: [PeriodCalendar.Period]) {
        guard let first = periods.first, let last = periods.last, periods.count < Int(UInt16.max) else {
            firstDay = 0
            table = []
            return
        }
        let firstDay = CivilTime.day(of: first.start)
        let lastDay = CivilTime.day(of: last.end - 1)
        var table = [UInt16](repeating: 0, count: Int(lastDay - firstDay + 1))
        for (i, p) in periods.enumerated() {
            // Periods may start or end inside a day; such days fall back to a search.
            let a = CivilTime.day(of: p.start)
            let b = CivilTime.day(of: p.end - 1)
            for d in a...b { table[Int(d - firstDay)] = UInt16(i + 1) }
        }
        self.firstDay = firstDay
        self.table = table
    }

    @inlinable
    func index(of t: Int64, in periods: [PeriodCalendar.Period]) -> Int? {
        let d = CivilTime.day(of: t) - firstDay
        guard d >= 0, d < table.count else { return nil }
        let i = Int(table[Int(d)])
        guard i > 0 else { return nil }
        if periods[i - 1].contains(t) { return i - 1 }
        return periods.firstIndex { $0.contains(t) }
    }
}
