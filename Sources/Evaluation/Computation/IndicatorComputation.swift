import Columnar
import Foundation

/// Computes the catalogue's indicators for periods of the schedule from a
/// workspace: every value with its numerator, denominator, comparison
/// with the previous period, baseline, target, progress rating and status.
public struct IndicatorComputation: Sendable {
    /// Which breakdowns to compute.
    public enum Breakdowns: Sendable, Hashable {
        /// Totals only.
        case totals
        /// Totals and each indicator's default breakdowns.
        case defaults
        /// Totals and one dimension, for the indicators that have it.
        case only(String)
        /// Totals, each indicator's default breakdowns and these dimensions
        /// for the indicators whose tables have them (one pass per dimension
        /// serves both).
        case defaultsAnd([String])
    }

    public let catalogue: Catalogue
    public let schedule: Schedule
    /// The workspace's tables and the catalogue's derived tables.
    public let catalog: ViewCatalog
    /// Periods ending after this instant are provisional.
    public let asOf: Int64
    /// Query results shared by this computation's `compute` calls (and by
    /// other computations given the same memo over the same data).
    public let memo: QueryMemo
    /// Where each statement's cost is recorded, when asked for.
    public let profile: QueryProfile?

    /// One respondent in `responses`, as SQL: exports number their
    /// respondents independently (each wave, online and workshop), so a
    /// respondent is a response id within one export, i.e. one batch.
    public static let respondentKey = "CAST(batch AS string) || ':' || response"

    /// The default time column of each canonical table (for "no data" and free SQL).
    static let timeColumns = ["hits": "ts", "traffic": "date", "responses": "submitted", "contributions": "ts"]

    /// - Parameters:
    ///   - asOf: the instant the data describe; by default midnight after the
    ///     day of the latest record in the canonical tables, so results do
    ///     not depend on the day the command runs.
    ///   - memo: results of queries already run over the same data (a new memo by default).
    ///   - profile: records each statement run, with its time (none by default).
    public init(catalogue: Catalogue, schedule: Schedule, catalog: any Catalog, asOf: Int64? = nil, memo: QueryMemo = QueryMemo(),
                profile: QueryProfile? = nil) throws {
        self.memo = memo
        self.profile = profile
        self.catalogue = catalogue
        self.schedule = schedule
        self.catalog = catalogue.catalog(over: catalog, calendar: schedule.calendar)
        if let asOf {
            self.asOf = asOf
        } else {
            var latest: Int64 = .min
            // The segments' statistics hold each column's exact range: no scan needed.
            for (name, time) in Self.timeColumns {
                guard let table = try catalog.table(named: name), let column = table.schema.index(of: time),
                      let range = table.statistics(ofColumn: column).integerRange else { continue }
                latest = max(latest, range.upperBound)
            }
            // Midnight after the latest record's day: a date a reader recognises.
            self.asOf = latest == .min ? 0 : (CivilTime.day(of: latest) + 1) * CivilTime.secondsPerDay
        }
    }

    var engine: QueryEngine { QueryEngine(catalog: catalog, calendar: schedule.calendar) }

    /// What one ``compute(_:)`` call asks for.
    public struct Selection: Sendable {
        /// The periods, in output order.
        public var periods: [Period]
        /// The indicators (all when nil).
        public var indicators: [IndicatorDefinition]?
        /// Which breakdowns.
        public var breakdowns: Breakdowns
        /// The breakdowns whose passes compute it, when not its own: a
        /// selection of totals planned like one with breakdowns runs the same
        /// statements, and so shares their passes, computed together.
        public var passes: Breakdowns?

        /// Creates a selection.
        public init(periods: [Period], indicators: [IndicatorDefinition]? = nil, breakdowns: Breakdowns = .defaults, passes: Breakdowns? = nil) {
            self.periods = periods
            self.indicators = indicators
            self.breakdowns = breakdowns
            self.passes = passes
        }
    }

    /// Computes `indicators` (all by default) for `periods`.
    /// - Returns: values ordered by indicator (catalogue order), period
    ///   (given order), then totals before breakdown cells.
    /// - Throws: ``CatalogueError`` naming the indicator when its SQL does not
    ///   run against the workspace; engine and store errors otherwise.
    public func compute(periods: [Period], indicators selected: [IndicatorDefinition]? = nil,
                        breakdowns: Breakdowns = .defaults) throws -> [IndicatorValue] {
        try compute([Selection(periods: periods, indicators: selected, breakdowns: breakdowns)])[0]
    }

    /// Computes several selections together: their queries run side by
    /// side, a query two of them share once. Each result is what
    /// `compute(periods:indicators:breakdowns:)` gives for that selection.
    public func compute(_ selections: [Selection]) throws -> [[IndicatorValue]] {
        var plans: [ComputationPlan] = []
        for s in selections {
            let indicators = s.indicators ?? catalogue.indicators
            let needed = Self.periodsNeeded(for: s.periods, schedule: schedule)
            var plan = ComputationPlan()
            try planAggregates(indicators, breakdowns: s.passes ?? s.breakdowns, needed: needed, into: &plan)
            try planSurveys(indicators, breakdowns: s.passes ?? s.breakdowns, needed: needed, into: &plan)
            try planSQL(indicators, periods: needed.all, into: &plan)
            plans.append(plan)
        }
        let raws = try execute(plans)
        return zip(selections, raws).map { s, raw in
            assemble(s.indicators ?? catalogue.indicators, periods: s.periods, breakdowns: s.breakdowns, raw: raw)
        }
    }

    /// Grouping passes a request needs.
    struct Needed {
        var all: [Period]
        var cycles: Bool
        var phases: Bool
    }

    /// The periods asked for, their previous comparable periods and the
    /// baseline evaluation (for default baselines).
    static func periodsNeeded(for periods: [Period], schedule: Schedule) -> Needed {
        var all: [Period] = []
        func add(_ p: Period?) { if let p, !all.contains(p) { all.append(p) } }
        for p in periods {
            add(p)
            add(schedule.previous(of: p))
        }
        add(schedule.period(id: "baseline"))
        let cycles = all.contains { $0.kind == .cycle || $0.evaluation == .midTerm }
        let phases = all.contains { $0.kind == .phase || $0.evaluation == .major || $0.evaluation == .baseline }
        return Needed(all: all, cycles: cycles, phases: phases)
    }

    /// The grouping key a period reads: its cycle id or its phase id.
    func groupingKey(of p: Period) -> (cycles: Bool, key: String) {
        switch p.kind {
        case .cycle: return (true, p.id)
        case .phase: return (false, p.id)
        case .evaluation:
            if p.evaluation == .midTerm {
                let c = schedule.calendar.cycleIndex(of: p.start).map { schedule.calendar.cycles[$0].id } ?? p.id
                return (true, c)
            }
            return (false, p.phase ?? p.id)
        }
    }

    /// Breakdown dimensions to compute for an indicator.
    func dimensions(of i: IndicatorDefinition, _ choice: Breakdowns) -> [String] {
        switch choice {
        case .totals: []
        case .defaults: i.breakdowns
        case .only(let d): available(d, for: i) ? [d] : []
        case .defaultsAnd(let extra): i.breakdowns + extra.filter { !i.breakdowns.contains($0) && available($0, for: i) }
        }
    }

    /// Whether every table an indicator reads has the dimension.
    private func available(_ dimension: String, for i: IndicatorDefinition) -> Bool {
        catalogue.breakdowns[dimension].map { b in i.tables.allSatisfy { b.expressions[$0] != nil } } == true
    }
}
