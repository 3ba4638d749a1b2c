import Columnar
import Foundation
import TOMLKit

/// The clearing-house schedule (strategic plan, section V): cycles of two
/// calendar years aligned with the budget biennium, a pilot phase of one
/// cycle, then phases of two cycles. Read from `Indicators/schedule.toml`.
public struct Schedule: Sendable, Hashable {
    /// The year the pilot phase's first cycle starts.
    public var firstCycleYear = 2006 { didSet { refresh() } }
    /// Calendar years per cycle.
    public var cycleYears = 2 { didSet { refresh() } }
    /// Cycles in the pilot phase.
    public var pilotCycles = 1 { didSet { refresh() } }
    /// Cycles per phase after the pilot.
    public var cyclesPerPhase = 2 { didSet { refresh() } }
    /// Cycles are also generated before the mechanism, back to this year.
    public var fromYear = 1970 { didSet { refresh() } }
    /// The last year the schedule covers.
    public var throughYear = 2099 { didSet { refresh() } }

    /// The periods `cycle()` and `phase()` return in SQL.
    public private(set) var calendar = PeriodCalendar.standard
    /// Cycles, phases and evaluations, derived once per change of the rules
    /// because indicator computation looks periods up for every value.
    private(set) var derived = DerivedPeriods()

    /// The plan's schedule.
    public init() {
        refresh()
    }

    private mutating func refresh() {
        calendar = PeriodCalendar.generated(firstCycleYear: firstCycleYear, cycleYears: cycleYears, pilotCycles: pilotCycles,
                                            cyclesPerPhase: cyclesPerPhase, fromYear: fromYear, throughYear: throughYear)
        derived = DerivedPeriods(calendar: calendar, firstCycleYear: firstCycleYear)
    }

    /// Reads a schedule file.
    /// - Throws: ``ScheduleError`` naming the file and what is wrong.
    public static func load(path: String) throws -> Schedule {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ScheduleError(path: path, message: "cannot read the file")
        }
        return try parse(text, path: path)
    }

    /// Parses schedule TOML text.
    public static func parse(_ text: String, path: String = "schedule.toml") throws -> Schedule {
        let document: ScheduleFile
        do {
            document = try TOMLDecoder().decode(ScheduleFile.self, from: text)
        } catch let error as TOMLParseError {
            throw ScheduleError(path: path, message: "line \(error.source.begin.line): \(error.description)")
        } catch {
            throw ScheduleError(path: path, message: "\(error)")
        }
        var s = Schedule()
        let c = document.cycles
        s.firstCycleYear = c.first_year ?? s.firstCycleYear
        s.cycleYears = c.years ?? s.cycleYears
        s.fromYear = c.generate_from ?? s.fromYear
        s.throughYear = c.generate_through ?? s.throughYear
        s.pilotCycles = document.phases.pilot_cycles ?? s.pilotCycles
        s.cyclesPerPhase = document.phases.cycles_per_phase ?? s.cyclesPerPhase
        guard s.cycleYears >= 1, s.cycleYears <= 10 else {
            throw ScheduleError(path: path, message: "cycles.years must be between 1 and 10, not \(s.cycleYears)")
        }
        guard s.cyclesPerPhase >= 1, s.pilotCycles >= 0 else {
            throw ScheduleError(path: path, message: "phases.cycles_per_phase must be at least 1 and phases.pilot_cycles at least 0")
        }
        guard s.fromYear <= s.firstCycleYear, s.firstCycleYear <= s.throughYear else {
            throw ScheduleError(path: path, message: "cycles.generate_from ≤ cycles.first_year ≤ cycles.generate_through must hold")
        }
        return s
    }
}

/// The TOML layout of a schedule file.
private struct ScheduleFile: Decodable {
    struct Cycles: Decodable {
        var first_year: Int?
        var years: Int?
        var generate_from: Int?
        var generate_through: Int?
    }

    struct Phases: Decodable {
        var pilot_cycles: Int?
        var cycles_per_phase: Int?
    }

    var cycles: Cycles
    var phases: Phases
}

/// A schedule file that cannot be used.
public struct ScheduleError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What is wrong.
    public var message: String

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
