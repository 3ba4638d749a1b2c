import Columnar
import Foundation

/// Turns raw numerators and denominators into values with status,
/// comparison, baseline, target and rating.
extension IndicatorComputation {
    /// Every indicator's values, in catalogue order; indicators are
    /// assembled side by side (tens of thousands of cells with a breakdown
    /// by month), each on its own.
    func assemble(_ indicators: [IndicatorDefinition], periods: [Period], breakdowns: Breakdowns, raw: RawCells) -> [IndicatorValue] {
        let parts = _AssembledValues(count: indicators.count)
        DispatchQueue.concurrentPerform(iterations: indicators.count) { k in
            parts.store(k, assemble(indicators[k], periods: periods, breakdowns: breakdowns, raw: raw))
        }
        return parts.values.flatMap { $0 }
    }

    private func assemble(_ i: IndicatorDefinition, periods: [Period], breakdowns: Breakdowns, raw: RawCells) -> [IndicatorValue] {
        var out: [IndicatorValue] = []
        let cells = dimensions(of: i, breakdowns).map { d in
            (d, Set(raw.labels(indicator: i.id, breakdown: d) + raw.labels(indicator: Self.fallbackID(i.id), breakdown: d)).sorted())
        }
        for p in periods {
            let total = value(i, p, nil, nil, raw)
            out.append(total)
            for (d, labels) in cells {
                for cell in labels {
                    var v = value(i, p, d, cell, raw)
                    if i.kind == .count || i.kind == .sum, let part = v.value, let whole = total.value, whole != 0 {
                        v.share = part / whole * 100
                    }
                    out.append(v)
                }
            }
        }
        return out
    }

    /// The raw cell and row count behind an indicator in a period.
    private func lookup(_ i: IndicatorDefinition, _ p: Period, _ d: String?, _ cell: String?, _ raw: RawCells) -> (RawCells.Cell?, Int?) {
        switch i.source {
        case .sql:
            let key = "x:" + p.id
            let rows = i.tables.compactMap { raw.rows(table: $0, period: key) }
            return (raw[RawCells.Key(indicator: i.id, period: key, breakdown: d, cell: cell)], rows.isEmpty ? nil : rows.reduce(0, +))
        case .aggregate(let a) where a.cumulative:
            // A stock: every cycle up to the period's end.
            var sum: RawCells.Cell?
            var rows = 0
            for c in schedule.calendar.cycles where c.end <= p.end {
                rows += raw.rows(table: a.table, period: "c:" + c.id) ?? 0
                guard let part = raw[RawCells.Key(indicator: i.id, period: "c:" + c.id, breakdown: d, cell: cell)] else { continue }
                var s = sum ?? RawCells.Cell(numerator: 0, denominator: part.denominator == nil ? nil : 0)
                s.numerator = (s.numerator ?? 0) + (part.numerator ?? 0)
                if let dd = part.denominator { s.denominator = (s.denominator ?? 0) + dd }
                sum = s
            }
            return (sum, rows)
        default:
            let (cycles, key) = groupingKey(of: p)
            let pkey = (cycles ? "c:" : "p:") + key
            return (raw[RawCells.Key(indicator: i.id, period: pkey, breakdown: d, cell: cell)], raw.rows(table: i.sourceTable, period: pkey))
        }
    }

    /// The value itself and its status, without comparisons.
    func base(_ i: IndicatorDefinition, _ p: Period, _ d: String?, _ cell: String?, _ raw: RawCells) -> IndicatorValue {
        var v = IndicatorValue(indicator: i.id, period: p.id, breakdown: d, cell: cell, status: .noData)
        var (found, rows) = lookup(i, p, d, cell, raw)
        if rows ?? 0 == 0, let f = i.fallback {
            // Years before the first source existed: read the fallback table.
            var hidden = i
            hidden.id = Self.fallbackID(i.id)
            hidden.source = .aggregate(f)
            hidden.fallback = nil
            (found, rows) = lookup(hidden, p, d, cell, raw)
        }
        guard let rows, rows > 0 else { return v }
        let c = found ?? RawCells.Cell(numerator: 0, denominator: 0, valid: 0, excluded: 0, respondents: 0)
        v.numerator = c.numerator
        v.denominator = c.denominator
        v.status = .normal
        switch i.kind {
        case .count, .sum:
            // The source has rows in the period: a sum over none that match is 0 (SQL says NULL),
            // as it is for a breakdown cell with no rows at all.
            v.numerator = c.numerator ?? 0
            v.value = (c.numerator ?? 0) * i.factor
        case .medianDuration:
            v.value = c.numerator.map { $0 * i.factor }
        case .percentage, .ratio:
            if let n = c.numerator, let den = c.denominator, den > 0 {
                v.value = n / den * i.factor
                v.n = Int(den)
            } else {
                v.status = .noData
            }
        case .surveyImprovement:
            let valid = c.valid ?? 0
            v.n = valid
            v.excluded = c.excluded
            v.respondents = c.respondents
            let minimum: Int = if case .survey(let s) = i.source { s.minimumValid } else { 30 }
            if valid == 0 {
                v.status = .noData
            } else if valid < minimum {
                v.status = .suppressed
            } else {
                let improved = Int(c.numerator ?? 0)
                v.value = Double(improved) / Double(valid) * i.factor
                if let w = WilsonInterval(successes: improved, n: valid) {
                    v.lower = w.lower * i.factor
                    v.upper = w.upper * i.factor
                }
            }
        }
        // An aggregate over no matching rows (a median of nothing) is not a value.
        if v.status == .normal, v.value == nil { v.status = .noData }
        if v.status == .normal, p.end > asOf { v.status = .provisional }
        return v
    }

    /// The value with the previous period, baseline, target and rating.
    func value(_ i: IndicatorDefinition, _ p: Period, _ d: String?, _ cell: String?, _ raw: RawCells) -> IndicatorValue {
        var v = base(i, p, d, cell, raw)
        if let previous = schedule.previous(of: p) {
            let pv = base(i, previous, d, cell, raw)
            v.previousPeriod = previous.id
            if pv.status != .noData, pv.status != .suppressed { v.previous = pv.value }
            if let now = v.value, let before = v.previous {
                v.change = now - before
                v.relativeChange = before != 0 ? (now - before) / abs(before) : nil
            }
        }
        let phase = p.phase ?? p.id
        var baselineYear: Double?
        if let b = i.baseline[phase], let start = schedule.phases.first(where: { $0.id == phase })?.start {
            v.baseline = b
            baselineYear = Self.year(start)
        } else if let pilot = schedule.period(id: "baseline"), pilot.id != p.id, pilot.end <= p.start {
            let b = base(i, pilot, d, cell, raw)
            if b.status == .normal || b.status == .provisional, let value = b.value {
                v.baseline = value
                baselineYear = Self.year(pilot.end)
            }
        }
        v.target = i.target[phase]
        if let baseline = v.baseline, let baselineYear, let now = v.value {
            let phaseEnd = schedule.phases.first { $0.id == phase }?.end ?? p.end
            v.rating = ProgressRating.rate(baseline: (baseline, baselineYear), current: (now, Self.year(p.end)),
                                           target: v.target.map { ($0, Self.year(phaseEnd)) }, direction: i.direction, limit: i.limit)
        }
        return v
    }

    /// A timestamp as a fractional year, for growth rates.
    static func year(_ t: Int64) -> Double {
        1970 + Double(t) / (365.2425 * 86_400)
    }
}

/// The values of each indicator, filled in by the workers assembling them.
///
/// `@unchecked Sendable`: stores go through the lock, and the values are
/// read after `concurrentPerform` returns.
private final class _AssembledValues: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [[IndicatorValue]]

    init(count: Int) { values = Array(repeating: [], count: count) }

    func store(_ k: Int, _ v: [IndicatorValue]) {
        lock.withLock { values[k] = v }
    }
}
