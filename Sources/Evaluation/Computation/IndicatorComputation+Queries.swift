import Columnar

/// The composed queries: one pass per table, time column, grouping and
/// breakdown computes every aggregate indicator that shares them.
extension IndicatorComputation {
    /// Aggregate indicators, grouped by table and time column.
    func collectAggregates(_ indicators: [IndicatorDefinition], breakdowns: Breakdowns, needed: Needed, into raw: inout RawCells) throws {
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
            guard try catalog.table(named: table) != nil else { continue }
            let additive = members.allSatisfy { Self.isAdditive($0.1) }
            // Stocks and additive phases come from the cycles; the rest needs its own pass per phase.
            let needCycles = needed.cycles || members.contains { $0.1.cumulative } || (needed.phases && additive)
            var passes: [String] = needCycles ? ["cycle"] : []
            if needed.phases, !additive { passes.append("phase") }
            var dimensionSet: [String?] = [nil]
            for (i, _) in members { for d in dimensions(of: i, breakdowns) where !dimensionSet.contains(d) { dimensionSet.append(d) } }
            for pass in passes {
                for dimension in dimensionSet {
                    let included = members.filter { dimension == nil || dimensions(of: $0.0, breakdowns).contains(dimension!) }
                    try runAggregate(table: table, time: time, pass: pass, dimension: dimension, members: included, into: &raw)
                }
            }
            if needed.phases, additive { Self.addUpPhases(members.map(\.0.id), table: table, schedule: schedule, raw: &raw) }
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

    private func runAggregate(table: String, time: String, pass: String, dimension: String?,
                              members: [(IndicatorDefinition, IndicatorDefinition.AggregateSource)], into raw: inout RawCells) throws {
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
        let result: QueryResult
        do {
            result = try run(sql)
        } catch let e as SQLError {
            throw blame(e, members.map(\.0))
        }
        var column = 2 + (dimension == nil ? 0 : 1)
        var columns: [(numerator: Int, denominator: Int?)] = []
        for (_, a) in members {
            columns.append((column, a.denominator == nil ? nil : column + 1))
            column += a.denominator == nil ? 1 : 2
        }
        for r in 0..<result.rowCount {
            guard case .string(let period) = result.value(row: r, column: 0) else { continue }
            let cell: String? = dimension == nil ? nil : (result.value(row: r, column: 1).stringValue ?? "(unknown)")
            if dimension == nil, case .int(let rows) = result.value(row: r, column: 1) {
                raw.tableRows[table, default: [:]][(pass == "cycle" ? "c:" : "p:") + period] = Int(rows)
            }
            for (k, (i, _)) in members.enumerated() {
                let key = RawCells.Key(indicator: i.id, period: (pass == "cycle" ? "c:" : "p:") + period, breakdown: dimension, cell: cell)
                raw[key] = RawCells.Cell(numerator: result.value(row: r, column: columns[k].numerator).doubleValue,
                                         denominator: columns[k].denominator.flatMap { result.value(row: r, column: $0).doubleValue })
            }
        }
    }

    /// `measure FILTER (WHERE filter)` for a single aggregate call.
    static func filtered(_ measure: String, _ filter: String?) -> String {
        guard let filter, !filter.isEmpty else { return measure }
        return "\(measure) FILTER (WHERE \(filter))"
    }

    /// Additive phase values as sums of their cycles.
    static func addUpPhases(_ indicators: [String], table: String, schedule: Schedule, raw: inout RawCells) {
        let cycles = schedule.calendar.cycles
        for phase in schedule.phases {
            let inside = cycles.filter { $0.start >= phase.start && $0.end <= phase.end }.map { "c:" + $0.id }
            let pkey = "p:" + phase.id
            let rows = inside.compactMap { raw.tableRows[table]?[$0] }
            if !rows.isEmpty { raw.tableRows[table, default: [:]][pkey] = rows.reduce(0, +) }
            for key in raw.cells.keys where indicators.contains(key.indicator) && inside.contains(key.period) {
                let target = RawCells.Key(indicator: key.indicator, period: pkey, breakdown: key.breakdown, cell: key.cell)
                let add = raw.cells[key]!
                var sum = raw.cells[target] ?? RawCells.Cell(numerator: 0, denominator: add.denominator == nil ? nil : 0)
                sum.numerator = (sum.numerator ?? 0) + (add.numerator ?? 0)
                if let d = add.denominator { sum.denominator = (sum.denominator ?? 0) + d }
                raw[target] = sum
            }
        }
    }

    /// Survey indicators: one pass over `responses` per grouping and breakdown.
    func collectSurveys(_ indicators: [IndicatorDefinition], breakdowns: Breakdowns, needed: Needed, into raw: inout RawCells) throws {
        let surveys = indicators.compactMap { i -> (IndicatorDefinition, IndicatorDefinition.SurveySource)? in
            if case .survey(let s) = i.source { return (i, s) }
            return nil
        }
        guard !surveys.isEmpty, try catalog.table(named: "responses") != nil else { return }
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
                let result: QueryResult
                do { result = try run(sql) } catch let e as SQLError { throw blame(e, included.map(\.0)) }
                let first = 2 + (dimension == nil ? 0 : 1)
                for r in 0..<result.rowCount {
                    guard case .string(let period) = result.value(row: r, column: 0) else { continue }
                    let pkey = (pass == "cycle" ? "c:" : "p:") + period
                    let cell = dimension == nil ? nil : (result.value(row: r, column: 1).stringValue ?? "(unknown)")
                    if dimension == nil, case .int(let rows) = result.value(row: r, column: 1) {
                        raw.tableRows["responses", default: [:]][pkey] = Int(rows)
                    }
                    for (k, (i, _)) in included.enumerated() {
                        func int(_ c: Int) -> Int { Int(result.value(row: r, column: first + 4 * k + c).integerValue ?? 0) }
                        raw[RawCells.Key(indicator: i.id, period: pkey, breakdown: dimension, cell: cell)] =
                            RawCells.Cell(numerator: Double(int(0)), denominator: Double(int(1)), valid: int(1), excluded: int(2), respondents: int(3))
                    }
                }
            }
        }
    }

    /// Free-SQL indicators, one run per period with `:from` and `:to`.
    func collectSQL(_ indicators: [IndicatorDefinition], periods: [Period], into raw: inout RawCells) throws {
        for i in indicators {
            guard case .sql(let numerator, let denominator) = i.source else { continue }
            guard try i.tables.allSatisfy({ try catalog.table(named: $0) != nil }) else { continue }
            for p in periods {
                let parameters: [String: Value] = ["from": .timestamp(p.start), "to": .timestamp(p.end)]
                do {
                    let n = try run(numerator, parameters).rows.first?.first?.doubleValue
                    let d = try denominator.map { try run($0, parameters).rows.first?.first?.doubleValue }
                    raw[RawCells.Key(indicator: i.id, period: "x:" + p.id, breakdown: nil, cell: nil)] = RawCells.Cell(numerator: n ?? 0, denominator: d ?? nil)
                } catch let e as SQLError {
                    throw blame(e, [i])
                }
                for table in i.tables {
                    guard let time = Self.timeColumns[table] else { continue }
                    let rows = try run("SELECT count(*) FROM \(table) WHERE \(time) >= :from AND \(time) < :to", parameters)
                    raw.tableRows[table, default: [:]]["x:" + p.id] = Int(rows.rows.first?.first?.integerValue ?? 0)
                }
            }
        }
    }

    /// Runs a query through the memo.
    func run(_ sql: String, _ parameters: [String: Value] = [:]) throws -> QueryResult {
        try memo.result(of: sql, parameters: parameters) { try engine.execute(sql, parameters: parameters) }
    }

    /// An engine error while computing, attributed to the indicators' definitions.
    func blame(_ e: SQLError, _ indicators: [IndicatorDefinition]) -> CatalogueError {
        let names = indicators.map(\.id).joined(separator: ", ")
        let first = indicators[0]
        return CatalogueError(file: first.file, line: first.line, "\(e.message) (in the SQL of \(names))")
    }
}
