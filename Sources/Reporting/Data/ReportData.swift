import Columnar
import Evaluation
import Foundation

/// Everything a report shows, read once from the workspace: the
/// evaluation's indicator values with their breakdowns, each indicator over
/// the cycles, monthly traffic, contributions and survey counts.
struct ReportData {
    let catalogue: Catalogue
    let schedule: Schedule
    let evaluation: Period
    let previous: Period?
    /// The evaluation's values: totals, each indicator's default breakdowns
    /// and the report's breakdown dimensions where its tables have them.
    let values: [IndicatorValue]
    /// Totals per cycle, from the pilot phase to the evaluation's end.
    let cycles: [Period]
    let cycleValues: [String: [String: IndicatorValue]]
    /// The instant the data describe (latest record + 1 day).
    let asOf: Int64
    let judgement: ExpertJudgement?
    /// Monthly website visits over the cycles shown.
    let traffic: [(year: Int, month: Int, visits: Double?)]
    /// Contributions per cycle and kind.
    let contributionsByKind: [(cycle: String, kind: String, count: Double)]
    /// Survey answers: respondents, valid and excluded answers, exclusions by reason.
    let survey: SurveyCounts

    struct SurveyCounts {
        var respondents = 0
        var answers = 0
        var excluded = 0
        var reasons: [(String, Int)] = []
    }

    /// Reads the data for `evaluation`.
    /// - Throws: ``ReportError`` (`.data`) when the workspace lacks what the
    ///   indicators read, with the Evaluation module's message.
    init(catalog: any Catalog, catalogue: Catalogue, schedule: Schedule, evaluation: Period, judgement: ExpertJudgement?,
         breakdownDimensions: [String], memo: QueryMemo = QueryMemo(), profile: QueryProfile? = nil) throws {
        self.catalogue = catalogue
        self.schedule = schedule
        self.evaluation = evaluation
        self.judgement = judgement
        previous = schedule.previous(of: evaluation)
        let first = schedule.cycles.first { $0.phase == "pilot" }?.start ?? evaluation.start
        let cycles = schedule.cycles.filter { $0.start >= first && $0.start < evaluation.end }
        self.cycles = cycles
        // The charts' own queries run beside the indicators': those leave a
        // processor idle at their end, while their longest pass finishes.
        let engine = QueryEngine(catalog: catalog, calendar: schedule.calendar)
        let span = (cycles.first?.start ?? evaluation.start, evaluation.end)
        let charts = _ChartData()
        let running = DispatchGroup()
        DispatchQueue.global().async(group: running) {
            charts.result = Result {
                (try Self.monthlyTraffic(engine, memo: memo, catalog: catalog, from: span.0, to: span.1),
                 try Self.contributions(engine, memo: memo, catalog: catalog, from: span.0, to: span.1),
                 try Self.surveyCounts(engine, memo: memo, catalog: catalog, period: evaluation))
            }
        }
        defer { running.wait() }
        let computation: IndicatorComputation
        do {
            computation = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: catalog, memo: memo, profile: profile)
            asOf = computation.asOf
            // One computation for both: the queries run side by side. The
            // evaluation's cells include the region and user-group breakdowns
            // of the indicators that lack them by default, in the same passes,
            // which give the cycles' totals too.
            let breakdowns = IndicatorComputation.Breakdowns.defaultsAnd(breakdownDimensions)
            let results = try computation.compute([
                .init(periods: [evaluation], breakdowns: breakdowns),
                .init(periods: cycles, breakdowns: .totals, passes: breakdowns),
            ])
            values = results[0]
            var byIndicator: [String: [String: IndicatorValue]] = [:]
            for v in results[1] where v.breakdown == nil {
                byIndicator[v.indicator, default: [:]][v.period] = v
            }
            cycleValues = byIndicator
        } catch let e as ReportError {
            throw e
        } catch {
            throw ReportError(.data, "the indicators cannot be computed: \(error)")
        }
        running.wait()
        (traffic, contributionsByKind, survey) = try charts.result!.get()
    }

    /// The total value of an indicator for the evaluation.
    func total(_ indicator: String) -> IndicatorValue? {
        values.first { $0.indicator == indicator && $0.breakdown == nil }
    }

    /// Breakdown cells of an indicator in a dimension (its default breakdowns or the report's).
    func cells(_ indicator: String, dimension: String) -> [IndicatorValue] {
        values.filter { $0.indicator == indicator && $0.breakdown == dimension }
    }

    /// The rows of a chart query, through the memo (a document rendered in
    /// several languages, or the COP document carrying its evaluation, asks again).
    static func rows(_ engine: QueryEngine, _ memo: QueryMemo, _ sql: String, parameters: [String: Value]) throws -> [[Value]] {
        do {
            return try memo.result(of: sql, parameters: parameters) { try engine.execute(sql, parameters: parameters) }.rows
        } catch {
            throw ReportError(.data, "query failed: \(error)")
        }
    }

    static func monthlyTraffic(_ engine: QueryEngine, memo: QueryMemo, catalog: any Catalog, from: Int64, to: Int64) throws -> [(year: Int, month: Int, visits: Double?)] {
        var byMonth: [String: Double] = [:]
        let p: [String: Value] = ["from": .timestamp(from), "to": .timestamp(to)]
        if try catalog.table(named: "traffic") != nil {
            for r in try rows(engine, memo, "SELECT strftime(date, '%Y-%m') AS m, sum(visits) FROM traffic WHERE date >= :from AND date < :to GROUP BY m", parameters: p) {
                if case .string(let m) = r[0], let v = r[1].doubleValue { byMonth[m] = v }
            }
        }
        if try catalog.table(named: "hits") != nil {
            // Raw logs, where they exist, count visits the same way for the months they cover.
            for r in try rows(engine, memo, "SELECT strftime(ts, '%Y-%m') AS m, count(DISTINCT visit) FROM hits WHERE ts >= :from AND ts < :to AND NOT is_bot GROUP BY m", parameters: p) {
                if case .string(let m) = r[0], let v = r[1].doubleValue, byMonth[m] == nil { byMonth[m] = v }
            }
        }
        var out: [(Int, Int, Double?)] = []
        let start = CivilTime.date(days: CivilTime.day(of: from))
        let end = CivilTime.date(days: CivilTime.day(of: to - 1))
        var (y, m) = (start.year, start.month)
        while (y, m) <= (end.year, end.month) {
            let key = String(format: "%04d-%02d", y, m)
            out.append((y, m, byMonth[key]))
            m += 1
            if m > 12 { (y, m) = (y + 1, 1) }
        }
        // Leading months before any source existed are left out rather than drawn as gaps.
        while let first = out.first, first.2 == nil { out.removeFirst() }
        return out
    }

    static func contributions(_ engine: QueryEngine, memo: QueryMemo, catalog: any Catalog, from: Int64, to: Int64) throws -> [(cycle: String, kind: String, count: Double)] {
        guard try catalog.table(named: "contributions") != nil else { return [] }
        let p: [String: Value] = ["from": .timestamp(from), "to": .timestamp(to)]
        return try rows(engine, memo, "SELECT cycle(ts) AS c, kind, count(*) FROM contributions WHERE ts >= :from AND ts < :to GROUP BY c, kind ORDER BY c, kind", parameters: p)
            .compactMap { r in
                guard case .string(let c) = r[0], case .string(let k) = r[1], let n = r[2].doubleValue else { return nil }
                return (c, k, n)
            }
    }

    static func surveyCounts(_ engine: QueryEngine, memo: QueryMemo, catalog: any Catalog, period: Period) throws -> SurveyCounts {
        guard try catalog.table(named: "responses") != nil else { return SurveyCounts() }
        let p: [String: Value] = ["from": .timestamp(period.start), "to": .timestamp(period.end)]
        var s = SurveyCounts()
        let totals = try rows(engine, memo, "SELECT count(DISTINCT \(IndicatorComputation.respondentKey)), count(*), count(exclusion) FROM responses WHERE submitted >= :from AND submitted < :to", parameters: p)
        if let r = totals.first {
            s.respondents = Int(r[0].doubleValue ?? 0)
            s.answers = Int(r[1].doubleValue ?? 0)
            s.excluded = Int(r[2].doubleValue ?? 0)
        }
        s.reasons = try rows(engine, memo, "SELECT exclusion, count(*) AS n FROM responses WHERE submitted >= :from AND submitted < :to AND exclusion IS NOT NULL GROUP BY exclusion ORDER BY n DESC, exclusion", parameters: p)
            .compactMap { r in
                guard case .string(let reason) = r[0], let n = r[1].doubleValue else { return nil }
                return (reason, Int(n))
            }
        return s
    }
}

/// The chart queries' results, written by the thread running them and read
/// after it is waited for.
///
/// `@unchecked Sendable`: one write, ordered before the read by the dispatch group's wait.
private final class _ChartData: @unchecked Sendable {
    var result: Result<([(year: Int, month: Int, visits: Double?)], [(cycle: String, kind: String, count: Double)], ReportData.SurveyCounts), any Error>?
}
