import Columnar

/// The composed queries: one pass per table, time column, grouping and
/// breakdown computes every aggregate indicator that shares them.
extension IndicatorComputation {
    /// Aggregate indicators, grouped by table and time column: their
    /// queries, and what to do once all have been absorbed (phases added up).
    func planAggregates(_ indicators: [IndicatorDefinition], breakdowns: Breakdowns, needed: Needed, into plan: inout ComputationPlan) throws {
        var groups: [String: [(IndicatorDefinition, IndicatorDefinition.AggregateSource)]] = [:]
        var order: [String] = []
        for i in indicators {
            guard case .aggregate(let a) = i.source else { continue }
            var sources = [(i, a)]
            if let f = i.fallback {
                var hidden = i
                hidden.id = Self.fallbackID(i.id)
                hidden.source = .aggregate(f)
                hidden.fallback = nil
                sources.append((hidden, f))
            }
            for (member, source) in sources {
                let key = source.table + "\u{1F}" + source.time
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append((member, source))
            }
        }
        for key in order {
            let members = groups[key]!
            let table = members[0].1.table, time = members[0].1.time
            guard try catalog.contains(table) else { continue }
            // Counts and sums add up from cycles to phases; distinct counts and the like need a pass per phase.
            let additive = members.filter { Self.isAdditive($0.1) }.map(\.0.id)
            let needCycles = needed.cycles || members.contains { $0.1.cumulative } || (needed.phases && !additive.isEmpty)
            var dimensionSet: [String?] = [nil]
            for (i, _) in members { for d in dimensions(of: i, breakdowns) where !dimensionSet.contains(d) { dimensionSet.append(d) } }
            func sharing(_ dimension: String?) -> [(IndicatorDefinition, IndicatorDefinition.AggregateSource)] {
                members.filter { dimension == nil || dimensions(of: $0.0, breakdowns).contains(dimension!) }
            }
            var runs: [(pass: String, dimension: String?, members: [(IndicatorDefinition, IndicatorDefinition.AggregateSource)])] =
                needCycles ? dimensionSet.map { ("cycle", $0, sharing($0)) } : []
            // Cells within one cycle (months) are the same cells in the phase: copied, not counted again.
            var copied: [String] = []
            if needed.phases {
                for dimension in dimensionSet {
                    // Without a cycle pass the phase pass computes everything; with one, only what does not add up.
                    let phased = sharing(dimension).filter { !needCycles || !additive.contains($0.0.id) }
                    guard !phased.isEmpty else { continue }
                    if let d = dimension, catalogue.breakdowns[d]?.withinCycle == true {
                        if !needCycles { runs.append(("cycle", d, phased)) }
                        copied.append(d)
                    } else {
                        runs.append(("phase", dimension, phased))
                    }
                }
            }
            for run in runs {
                try planAggregate(table: table, time: time, pass: run.pass, dimension: run.dimension, members: run.members, into: &plan)
            }
            let schedule = self.schedule
            if needed.phases, needCycles, !additive.isEmpty {
                plan.finally { Self.addUpPhases(additive, table: table, schedule: schedule, raw: &$0) }
            }
            if !copied.isEmpty {
                let copiedIDs = members.map(\.0.id).filter { !needCycles || !additive.contains($0) }
                plan.finally { Self.addUpPhases(copiedIDs, table: table, schedule: schedule, only: copied, raw: &$0) }
            }
        }
    }

    /// The internal id under which an indicator's fallback source is computed.
    static func fallbackID(_ id: String) -> String { id + "#fallback" }

    static func isAdditive(_ a: IndicatorDefinition.AggregateSource) -> Bool {
        func additive(_ m: String) -> Bool {
            let s = m.lowercased().filter { !$0.isWhitespace }
            return (s.hasPrefix("count(") && !s.hasPrefix("count(distinct")) || s.hasPrefix("sum(")
        }
        return additive(a.measure) && (a.denominator.map(additive) ?? true)
    }

    private func planAggregate(table: String, time: String, pass: String, dimension: String?,
                               members: [(IndicatorDefinition, IndicatorDefinition.AggregateSource)], into plan: inout ComputationPlan) throws {
        guard !members.isEmpty else { return }
        var select = ["\(pass)(\(time)) AS chm_period"]
        if let dimension {
            guard let expression = catalogue.breakdowns[dimension]?.expression(for: table, time: time) else { return }
            select.append("CAST(\(expression) AS string) AS chm_cell")
        }
        select.append("count(*) AS chm_rows")
        for (k, (_, a)) in members.enumerated() {
            select.append(Self.filtered(a.measure, a.filter) + " AS chm_n\(k)")
            if let d = a.denominator { select.append(Self.filtered(d, a.denominatorFilter ?? a.filter) + " AS chm_d\(k)") }
        }
        let sql = "SELECT \(select.joined(separator: ", ")) FROM \(table) GROUP BY ALL"
        var column = 2 + (dimension == nil ? 0 : 1)
        var columns: [(numerator: Int, denominator: Int?)] = []
        for (_, a) in members {
            columns.append((column, a.denominator == nil ? nil : column + 1))
            column += a.denominator == nil ? 1 : 2
        }
        let ids = members.map(\.0.id)
        let prefix = pass == "cycle" ? "c:" : "p:"
        plan.add(sql, table: table, blame: members.map(\.0)) { result, raw in
            for r in 0..<result.rowCount {
                guard case .string(let period) = result.value(row: r, column: 0) else { continue }
                let cell: String? = dimension == nil ? nil : (result.value(row: r, column: 1).stringValue ?? "(unknown)")
                if dimension == nil, case .int(let rows) = result.value(row: r, column: 1) {
                    raw.tableRows[table, default: [:]][prefix + period] = Int(rows)
                }
                for (k, id) in ids.enumerated() {
                    let key = RawCells.Key(indicator: id, period: prefix + period, breakdown: dimension, cell: cell)
                    raw[key] = RawCells.Cell(numerator: result.value(row: r, column: columns[k].numerator).doubleValue,
                                             denominator: columns[k].denominator.flatMap { result.value(row: r, column: $0).doubleValue })
                }
            }
        }
    }

    /// `measure FILTER (WHERE filter)` for a single aggregate call.
    static func filtered(_ measure: String, _ filter: String?) -> String {
        guard let filter, !filter.isEmpty else { return measure }
        return "\(measure) FILTER (WHERE \(filter))"
    }

    /// Additive phase values as sums of their cycles.
    /// - Parameter only: add up only these breakdowns' cells (whose cells lie
    ///   within one cycle, so the "sum" is the one cycle's cell) and leave
    ///   totals and row counts to the phase pass; nil adds up everything.
    static func addUpPhases(_ indicators: [String], table: String, schedule: Schedule, only: [String]? = nil, raw: inout RawCells) {
        var phaseOfCycle: [String: String] = [:]
        for phase in schedule.phases {
            for c in schedule.calendar.cycles where c.start >= phase.start && c.end <= phase.end { phaseOfCycle["c:" + c.id] = "p:" + phase.id }
        }
        if only == nil {
            var rows: [String: Int] = [:]
            for (cycle, phase) in phaseOfCycle {
                if let n = raw.tableRows[table]?[cycle] { rows[phase, default: 0] += n }
            }
            for (phase, n) in rows { raw.tableRows[table, default: [:]][phase] = n }
        }
        let wanted = Set(indicators)
        // One walk over the cells, in a fixed order so that sums come out the same every run.
        let keys = raw.cells.keys.filter { wanted.contains($0.indicator) && phaseOfCycle[$0.period] != nil }
            .sorted { ($0.indicator, $0.period, $0.breakdown ?? "", $0.cell ?? "") < ($1.indicator, $1.period, $1.breakdown ?? "", $1.cell ?? "") }
        for key in keys {
            if let only, !only.contains(key.breakdown ?? "") { continue }
            let target = RawCells.Key(indicator: key.indicator, period: phaseOfCycle[key.period]!, breakdown: key.breakdown, cell: key.cell)
            let add = raw.cells[key]!
            var sum = raw.cells[target] ?? RawCells.Cell(numerator: 0, denominator: add.denominator == nil ? nil : 0)
            sum.numerator = (sum.numerator ?? 0) + (add.numerator ?? 0)
            if let d = add.denominator { sum.denominator = (sum.denominator ?? 0) + d }
            raw[target] = sum
        }
    }

    /// Survey indicators: one pass over `responses` per grouping and breakdown.
    func planSurveys(_ indicators: [IndicatorDefinition], breakdowns: Breakdowns, needed: Needed, into plan: inout ComputationPlan) throws {
        let surveys = indicators.compactMap { i -> (IndicatorDefinition, IndicatorDefinition.SurveySource)? in
            if case .survey(let s) = i.source { return (i, s) }
            return nil
        }
        guard !surveys.isEmpty, try catalog.contains("responses") else { return }
        var passes: [String] = []
        if needed.cycles { passes.append("cycle") }
        if needed.phases { passes.append("phase") }
        var dimensionSet: [String?] = [nil]
        for (i, _) in surveys { for d in dimensions(of: i, breakdowns) where !dimensionSet.contains(d) { dimensionSet.append(d) } }
        for pass in passes {
            for dimension in dimensionSet {
                let included = surveys.filter { dimension == nil || dimensions(of: $0.0, breakdowns).contains(dimension!) }
                guard !included.isEmpty else { continue }
                var select = ["\(pass)(submitted) AS chm_period"]
                if let dimension {
                    guard let e = catalogue.breakdowns[dimension]?.expression(for: "responses", time: "submitted") else { continue }
                    select.append("CAST(\(e) AS string) AS chm_cell")
                }
                select.append("count(*) AS chm_rows")
                for (k, (_, s)) in included.enumerated() {
                    var scope = "objective = '\(s.objective.replacingOccurrences(of: "'", with: "''"))'"
                    if !s.questions.isEmpty {
                        scope += " AND question IN (" + s.questions.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ", ") + ")"
                    }
                    select.append("count(*) FILTER (WHERE \(scope) AND improved) AS chm_i\(k)")
                    select.append("count(*) FILTER (WHERE \(scope) AND improved IS NOT NULL) AS chm_v\(k)")
                    select.append("count(*) FILTER (WHERE \(scope) AND exclusion IS NOT NULL) AS chm_e\(k)")
                    select.append("count(DISTINCT \(Self.respondentKey)) FILTER (WHERE \(scope)) AS chm_r\(k)")
                }
                let sql = "SELECT \(select.joined(separator: ", ")) FROM responses GROUP BY ALL"
                let first = 2 + (dimension == nil ? 0 : 1)
                let ids = included.map(\.0.id)
                let prefix = pass == "cycle" ? "c:" : "p:"
                plan.add(sql, table: "responses", blame: included.map(\.0)) { result, raw in
                    for r in 0..<result.rowCount {
                        guard case .string(let period) = result.value(row: r, column: 0) else { continue }
                        let pkey = prefix + period
                        let cell = dimension == nil ? nil : (result.value(row: r, column: 1).stringValue ?? "(unknown)")
                        if dimension == nil, case .int(let rows) = result.value(row: r, column: 1) {
                            raw.tableRows["responses", default: [:]][pkey] = Int(rows)
                        }
                        for (k, id) in ids.enumerated() {
                            func int(_ c: Int) -> Int { Int(result.value(row: r, column: first + 4 * k + c).integerValue ?? 0) }
                            raw[RawCells.Key(indicator: id, period: pkey, breakdown: dimension, cell: cell)] =
                                RawCells.Cell(numerator: Double(int(0)), denominator: Double(int(1)), valid: int(1), excluded: int(2), respondents: int(3))
                        }
                    }
                }
            }
        }
    }

    /// Free-SQL indicators, one run per period with `:from` and `:to`.
    func planSQL(_ indicators: [IndicatorDefinition], periods: [Period], into plan: inout ComputationPlan) throws {
        for i in indicators {
            guard case .sql(let numerator, let denominator) = i.source else { continue }
            guard try i.tables.allSatisfy({ try catalog.contains($0) }) else { continue }
            for p in periods {
                let parameters: [String: Value] = ["from": .timestamp(p.start), "to": .timestamp(p.end)]
                let key = RawCells.Key(indicator: i.id, period: "x:" + p.id, breakdown: nil, cell: nil)
                // The numerator writes the cell; the denominator, absorbed after it, completes it.
                plan.add(numerator, parameters: parameters, table: i.tables.first ?? "", blame: [i]) { result, raw in
                    raw[key] = RawCells.Cell(numerator: result.rows.first?.first?.doubleValue ?? 0, denominator: nil)
                }
                if let denominator {
                    plan.add(denominator, parameters: parameters, table: i.tables.first ?? "", blame: [i]) { result, raw in
                        raw.cells[key]?.denominator = result.rows.first?.first?.doubleValue
                    }
                }
                for table in i.tables {
                    guard let time = Self.timeColumns[table] else { continue }
                    plan.add("SELECT count(*) FROM \(table) WHERE \(time) >= :from AND \(time) < :to", parameters: parameters, table: table, blame: [i]) { result, raw in
                        raw.tableRows[table, default: [:]]["x:" + p.id] = Int(result.rows.first?.first?.integerValue ?? 0)
                    }
                }
            }
        }
    }
}
