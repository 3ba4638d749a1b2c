import Columnar

/// The composed queries: one pass per table, time column and breakdown
/// computes every aggregate indicator that shares them, for cycles and
/// phases at once (grouping sets: a phase's groups are its cycles' groups
/// merged, so distinct counts come out exact without a second pass).
extension IndicatorComputation {
    /// Aggregate indicators, grouped by table and time column, and their queries.
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
            // Stocks are accumulated over cycles, so they need cycles even when only phases are asked for.
            let needCycles = needed.cycles || members.contains { $0.1.cumulative }
            let periods = Self.periods(cycles: needCycles, phases: needed.phases)
            guard !periods.isEmpty else { continue }
            var dimensions: [String] = []
            for (i, _) in members { for d in self.dimensions(of: i, breakdowns) where !dimensions.contains(d) { dimensions.append(d) } }
            func sharing(_ d: String) -> [(IndicatorDefinition, IndicatorDefinition.AggregateSource)] {
                members.filter { self.dimensions(of: $0.0, breakdowns).contains(d) }
            }
            func expression(_ d: String) -> String? { catalogue.breakdowns[d]?.expression(for: table, time: time) }
            // A dimension computed with another of this table whose members include its own rides on that one's pass.
            var guests: [String: [String]] = [:]
            for d in dimensions {
                guard let host = catalogue.breakdowns[d]?.computedWith, host != d, dimensions.contains(host),
                      catalogue.breakdowns[host]?.computedWith.map({ !dimensions.contains($0) }) ?? true,
                      expression(d) != nil, expression(host) != nil,
                      Set(sharing(d).map(\.0.id)).isSubset(of: sharing(host).map(\.0.id)) else { continue }
                guests[host, default: []].append(d)
            }
            let hosts = dimensions.filter { d in !guests.values.contains { $0.contains(d) } }
            // One breakdown's pass gives the totals too, its cells merged, rather than a pass of
            // their own: every member is measured in it, and members without that breakdown
            // only in the merged rows. Preferred: the breakdown most members have, then one read
            // from a column (nothing to evaluate). Breakdowns have few cells, so measuring a
            // member per cell costs about what measuring it per period does.
            let carrier = hosts.max { a, b in
                (sharing(a).count, isColumn(expression(a)) ? 1 : 0) < (sharing(b).count, isColumn(expression(b)) ? 1 : 0)
            }
            if carrier == nil {
                try planAggregate(table: table, time: time, periods: periods, cells: [], withTotals: true, members: members,
                                  breakdowns: breakdowns, into: &plan)
            }
            for d in hosts {
                try planAggregate(table: table, time: time, periods: periods, cells: [d] + (guests[d] ?? []), withTotals: d == carrier,
                                  members: d == carrier ? members : sharing(d), breakdowns: breakdowns, into: &plan)
            }
        }
    }

    /// Whether a breakdown expression is a bare column name.
    private func isColumn(_ expression: String?) -> Bool {
        guard let e = expression, let first = e.first, first.isLetter || first == "_" else { return false }
        return e.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// The internal id under which an indicator's fallback source is computed.
    static func fallbackID(_ id: String) -> String { id + "#fallback" }

    /// One pass: the members' measures per period (cycles, phases or both)
    /// and cell of each breakdown in `cells`, and per period alone with
    /// `withTotals` — grouping sets over the joint cells, each breakdown's
    /// cells and the totals being the joint cells merged.
    private func planAggregate(table: String, time: String, periods: [String], cells: [String], withTotals: Bool,
                               members: [(IndicatorDefinition, IndicatorDefinition.AggregateSource)], breakdowns: Breakdowns,
                               into plan: inout ComputationPlan) throws {
        guard !members.isEmpty else { return }
        var select = periods.map { "\($0)(\(time)) AS chm_\($0)" }
        for (k, d) in cells.enumerated() {
            guard let expression = catalogue.breakdowns[d]?.expression(for: table, time: time) else { return }
            select.append("CAST(\(expression) AS string) AS chm_cell\(k)")
        }
        // Which breakdown a row is a cell of, when one pass gives several (or the totals too).
        let flagged = cells.count > 1 || (withTotals && !cells.isEmpty)
        if flagged { for k in cells.indices { select.append("grouping(chm_cell\(k)) AS chm_g\(k)") } }
        let rowsColumn = select.count
        select.append("count(*) AS chm_rows")
        var columns: [(numerator: Int, denominator: Int?)] = []
        for (k, (_, a)) in members.enumerated() {
            columns.append((select.count, a.denominator == nil ? nil : select.count + 1))
            select.append(Self.filtered(a.measure, a.filter) + " AS chm_n\(k)")
            if let d = a.denominator { select.append(Self.filtered(d, a.denominatorFilter ?? a.filter) + " AS chm_d\(k)") }
        }
        let keys = cells.indices.map { "chm_cell\($0)" }
        select += Self.periodFlag(periods)
        let sql = "SELECT \(select.joined(separator: ", ")) FROM \(table) " + Self.grouping(periods: periods, cells: keys, totals: withTotals)
        let ids = members.map(\.0.id)
        // The members each breakdown's cells are written for (a guest's may be fewer than its host's).
        let writes = cells.map { d in members.indices.filter { dimensions(of: members[$0].0, breakdowns).contains(d) } }
        let cellColumn = periods.count, flagColumn = periods.count + cells.count
        plan.add(sql, table: table, blame: members.map(\.0)) { result, raw in
            for r in 0..<result.rowCount {
                guard let period = Self.period(of: r, in: result, periods: periods) else { continue }
                let present = flagged ? cells.indices.filter { result.value(row: r, column: flagColumn + $0) == .int(0) } : Array(cells.indices)
                // The joint cells of several breakdowns serve only to be merged.
                guard present.count <= 1 else { continue }
                let k = present.first
                if k == nil, case .int(let rows) = result.value(row: r, column: rowsColumn) {
                    raw.tableRows[table, default: [:]][period] = Int(rows)
                }
                let cell = k.map { result.value(row: r, column: cellColumn + $0).stringValue ?? "(unknown)" }
                for m in k.map({ writes[$0] }) ?? Array(members.indices) {
                    let key = RawCells.Key(indicator: ids[m], period: period, breakdown: k.map { cells[$0] }, cell: cell)
                    raw[key] = RawCells.Cell(numerator: result.value(row: r, column: columns[m].numerator).doubleValue,
                                             denominator: columns[m].denominator.flatMap { result.value(row: r, column: $0).doubleValue })
                }
            }
        }
    }

    /// `measure FILTER (WHERE filter)` for a single aggregate call.
    static func filtered(_ measure: String, _ filter: String?) -> String {
        guard let filter, !filter.isEmpty else { return measure }
        return "\(measure) FILTER (WHERE \(filter))"
    }

    /// Survey indicators: one pass over `responses` per grouping and breakdown.
    func planSurveys(_ indicators: [IndicatorDefinition], breakdowns: Breakdowns, needed: Needed, into plan: inout ComputationPlan) throws {
        let surveys = indicators.compactMap { i -> (IndicatorDefinition, IndicatorDefinition.SurveySource)? in
            if case .survey(let s) = i.source { return (i, s) }
            return nil
        }
        guard !surveys.isEmpty, try catalog.contains("responses") else { return }
        let periods = Self.periods(cycles: needed.cycles, phases: needed.phases)
        guard !periods.isEmpty else { return }
        var dimensionSet: [String?] = [nil]
        for (i, _) in surveys { for d in dimensions(of: i, breakdowns) where !dimensionSet.contains(d) { dimensionSet.append(d) } }
        for dimension in dimensionSet {
            let included = surveys.filter { dimension == nil || dimensions(of: $0.0, breakdowns).contains(dimension!) }
            guard !included.isEmpty else { continue }
            var select = periods.map { "\($0)(submitted) AS chm_\($0)" }
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
            select += Self.periodFlag(periods)
            let sql = "SELECT \(select.joined(separator: ", ")) FROM responses " + Self.grouping(periods: periods, cells: dimension == nil ? [] : ["chm_cell"])
            let first = periods.count + 1 + (dimension == nil ? 0 : 1)
            let ids = included.map(\.0.id)
            plan.add(sql, table: "responses", blame: included.map(\.0)) { result, raw in
                for r in 0..<result.rowCount {
                    guard let pkey = Self.period(of: r, in: result, periods: periods) else { continue }
                    let cell = dimension == nil ? nil : (result.value(row: r, column: periods.count).stringValue ?? "(unknown)")
                    if dimension == nil, case .int(let rows) = result.value(row: r, column: periods.count) {
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

    /// The period columns of a pass: cycles and phases whichever is asked
    /// for. Phases cost only a merge of the cycles' groups, cycles only
    /// finer groups; and computations asking for one (a report's evaluation
    /// and its cycle totals) then share the statement, and its pass, with
    /// those asking for the other.
    static func periods(cycles: Bool, phases: Bool) -> [String] {
        cycles || phases ? ["cycle", "phase"] : []
    }

    /// GROUP BY for a pass over `periods` (`cycle`, `phase` or both, as
    /// columns `chm_cycle`, `chm_phase`) and the breakdown cells `cells`:
    /// grouping sets whenever there is more than one grouping, so that a
    /// phase's groups are its cycles' groups merged (a phase's row has no
    /// cycle, a cycle's row carries its phase), each breakdown's cells the
    /// joint cells of several merged, and with `totals` the periods alone
    /// the cells merged.
    static func grouping(periods: [String], cells: [String], totals: Bool = false) -> String {
        let keys = periods.map { "chm_" + $0 }
        // Each period alone, finest first.
        let byPeriod = (0..<keys.count).map { Array(keys[$0...]) }
        var sets: [[String]] = cells.count > 1 ? [keys + cells] : []
        for cell in cells { sets += byPeriod.map { $0 + [cell] } }
        if totals || cells.isEmpty { sets += byPeriod }
        guard sets.count > 1 else { return "GROUP BY ALL" }
        return "GROUP BY GROUPING SETS (" + sets.map { "(" + $0.joined(separator: ", ") + ")" }.joined(separator: ", ") + ")"
    }

    /// The raw-cell period key (`c:2024-2025`, `p:phase-2`) of result row
    /// `r`, or nil for rows with no period (times outside the schedule).
    /// With both periods the last column is `grouping(chm_cycle)` (see
    /// ``periodFlag(_:)``): 1 in a phase's rows, 0 in a cycle's.
    static func period(of r: Int, in result: QueryResult, periods: [String]) -> String? {
        let p = periods.count == 2 && result.value(row: r, column: result.columns.count - 1) == .int(1) ? 1 : 0
        guard case .string(let name) = result.value(row: r, column: p) else { return nil }
        return (periods[p] == "cycle" ? "c:" : "p:") + name
    }

    /// The select item telling a phase's rows from a cycle's, last in the list, when a pass has both.
    static func periodFlag(_ periods: [String]) -> [String] {
        periods.count == 2 ? ["grouping(chm_cycle) AS chm_phase_row"] : []
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
