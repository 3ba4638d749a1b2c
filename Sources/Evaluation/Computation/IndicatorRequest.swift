import Foundation
import Columnar

/// What a user asks `chm indicators` for — periods, objectives, single
/// indicators — resolved against the schedule and the catalogue, with
/// messages that list what exists when a name is wrong.
public struct IndicatorRequest: Sendable {
    /// The periods, in the order asked.
    public var periods: [Period]
    /// The indicators, in catalogue order.
    public var indicators: [IndicatorDefinition]

    /// Resolves names.
    /// - Parameters:
    ///   - periods: period ids (`2024-2025`, `phase-2`, `mid-term-2`, `major-2`, `baseline`);
    ///     comma-separated lists allowed; empty means every cycle and phase that has begun by `asOf`.
    ///   - objectives: objective ids; empty means all.
    ///   - indicators: indicator ids; empty means all of the objectives chosen.
    /// - Throws: ``IndicatorRequestError`` naming the unknown id and the known ones.
    public init(periods: [String], objectives: [String], indicators: [String], catalogue: Catalogue, schedule: Schedule, asOf: Int64) throws {
        let periodIDs = periods.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        if periodIDs.isEmpty {
            let pilotStart = schedule.phases.first?.start ?? .min
            self.periods = (schedule.cycles + schedule.phases).filter { $0.start >= pilotStart && $0.start < asOf }
        } else {
            self.periods = try periodIDs.map { id in
                guard let p = schedule.period(id: id) else {
                    let examples = ["baseline"] + schedule.phases.suffix(2).map(\.id) + schedule.evaluations.suffix(2).map(\.id) + schedule.cycles.filter { $0.start < asOf }.suffix(2).map(\.id)
                    throw IndicatorRequestError("unknown period \"\(id)\"; periods are cycles, phases and evaluations such as \(examples.joined(separator: ", "))")
                }
                return p
            }
        }
        let objectiveIDs = catalogue.objectives.map(\.id)
        for o in objectives where !objectiveIDs.contains(o) {
            throw IndicatorRequestError("unknown objective \"\(o)\"; objectives: \(objectiveIDs.joined(separator: ", "))")
        }
        var chosen = catalogue.indicators.filter { objectives.isEmpty || objectives.contains($0.objective) }
        if !indicators.isEmpty {
            for id in indicators where catalogue.indicator(id) == nil {
                let near = catalogue.indicators.map(\.id).filter { $0.hasPrefix(id.split(separator: ".").first.map(String.init) ?? id) }
                let hint = near.isEmpty ? "run chm indicators --list to see them" : "did you mean \(near.prefix(6).joined(separator: ", "))?"
                throw IndicatorRequestError("unknown indicator \"\(id)\"; \(hint)")
            }
            chosen = chosen.filter { indicators.contains($0.id) }
        }
        self.indicators = chosen
    }

    /// Reads a date given on the command line (`2025-06-30`, or a date-time) as UTC seconds.
    public static func instant(_ text: String) throws -> Int64 {
        guard let t = CivilTime.parse(text) else { throw IndicatorRequestError("\"\(text)\" is not a date (write YYYY-MM-DD)") }
        return t
    }
}

/// A period, objective or indicator name that does not exist.
public struct IndicatorRequestError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and what exists.
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
