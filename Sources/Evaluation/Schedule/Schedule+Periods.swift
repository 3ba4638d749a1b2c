import Columnar
import Foundation

extension Schedule {
    /// Every cycle from the pilot's start to ``throughYear``, in time order.
    public var cycles: [Period] { derived.cycles }

    /// The pilot phase and phases I, II …, in time order.
    public var phases: [Period] { derived.phases }

    /// The baseline, then each phase's mid-term and major evaluations.
    public var evaluations: [Period] { derived.evaluations }

    /// Every period: cycles, phases, evaluations.
    public var periods: [Period] { derived.all }


    /// The period with a command-line id (`2024-2025`, `phase-2`, `mid-term-2`, `major-2`, `baseline`, `pilot`).
    public func period(id: String) -> Period? {
        // Ids as the schedule writes them need no normalising (the computation asks for many).
        if let exact = periods.first(where: { $0.id == id }) { return exact }
        let key = id.lowercased().replacingOccurrences(of: "\u{2013}", with: "-")
        return periods.first { $0.id == key } ?? (key.hasPrefix("midterm-") ? period(id: "mid-term-" + key.dropFirst(8)) : nil)
    }

    /// The comparable period before `p`: the previous cycle, the previous
    /// phase, the same evaluation of the previous phase.
    public func previous(of p: Period) -> Period? {
        let list: [Period] = switch p.kind {
        case .cycle: cycles
        case .phase: phases
        case .evaluation: evaluations.filter { $0.evaluation == p.evaluation || (p.evaluation == .major && $0.evaluation == .baseline) }
        }
        guard let i = list.firstIndex(of: p), i > 0 else { return nil }
        return list[i - 1]
    }
}

/// The schedule's periods, derived from its calendar.
struct DerivedPeriods: Sendable, Hashable {
    var cycles: [Period] = []
    var phases: [Period] = []
    var evaluations: [Period] = []
    var all: [Period] = []

    init() {}

    init(calendar: PeriodCalendar, firstCycleYear: Int) {
        let pilotStart = CivilTime.timestamp(year: firstCycleYear, month: 1, day: 1)
        cycles = calendar.cycles.filter { $0.end > pilotStart }.map {
            let phase = calendar.phaseIndex(of: $0.start).map { calendar.phases[$0].id }
            return Period(id: $0.id, name: $0.name, kind: .cycle, phase: phase, start: $0.start, end: $0.end)
        }
        phases = calendar.phases.map { Period(id: $0.id, name: $0.name, kind: .phase, phase: $0.id, start: $0.start, end: $0.end) }
        evaluations = Self.evaluations(calendar)
        all = cycles + phases + evaluations
    }

        /// The baseline, then each phase's mid-term and major evaluations.
        ///
        /// The baseline covers the pilot phase; a mid-term evaluation covers
        /// the first cycle of its phase; a major evaluation covers the whole
        /// phase, as the first phase's evaluation covered 2008–2011.
        static func evaluations(_ calendar: PeriodCalendar) -> [Period] {
            var out: [Period] = []
            for phase in calendar.phases {
                if phase.id == "pilot" {
                    out.append(Period(id: "baseline", name: "baseline evaluation", kind: .evaluation, evaluation: .baseline,
                                      phase: phase.id, start: phase.start, end: phase.end))
                    continue
                }
                let number = phase.id.split(separator: "-").last.map(String.init) ?? phase.id
                let roman = Int(number).map(RomanNumeral.string) ?? number
                let firstCycle = calendar.cycles.first { $0.start >= phase.start && $0.start < phase.end }
                if let firstCycle {
                    out.append(Period(id: "mid-term-\(number)", name: "mid-term evaluation of phase \(roman)", kind: .evaluation,
                                      evaluation: .midTerm, phase: phase.id, start: firstCycle.start, end: min(firstCycle.end, phase.end)))
                }
                out.append(Period(id: "major-\(number)", name: "major evaluation of phase \(roman)", kind: .evaluation,
                                  evaluation: .major, phase: phase.id, start: phase.start, end: phase.end))
            }
            return out
        }
}
