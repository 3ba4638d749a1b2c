import Columnar

extension Catalogue {
    /// Binds every query of every derived table and indicator — measures,
    /// filters, denominators, fallbacks, breakdown expressions and free SQL
    /// — against the workspace's tables (canonical empty tables stand in for
    /// those not ingested yet), without running them.
    /// - Returns: one error per statement that does not bind, located at the
    ///   indicator's `file:line`; empty when everything binds.
    public func check(against catalog: any Catalog, schedule: Schedule) -> [CatalogueError] {
        let tables = self.catalog(over: CanonicalFallbackCatalog(base: catalog), calendar: schedule.calendar, materializes: false)
        let engine = QueryEngine(catalog: tables, calendar: schedule.calendar)
        let parameters: [String: Value] = ["from": .timestamp(0), "to": .timestamp(CivilTime.secondsPerDay)]
        var errors: [CatalogueError] = []
        var broken: Set<String> = []
        for d in derivedTables {
            do {
                _ = try engine.check(d.sql)
            } catch {
                broken.insert(d.name)
                let message = (error as? SQLError)?.message ?? "\(error)"
                errors.append(CatalogueError(file: d.file, line: d.line, "derived table \(d.name) does not run: \(message)"))
            }
        }
        // An indicator reading a broken derived table is reported once, at the table.
        for i in indicators where i.tables.allSatisfy({ !broken.contains($0) }) {
            for (what, sql) in statements(of: i) {
                do {
                    _ = try engine.check(sql, parameters: parameters)
                } catch let e as SQLError {
                    errors.append(CatalogueError(file: i.file, line: i.line, "indicator \(i.id): \(what) does not run: \(e.message)"))
                } catch {
                    errors.append(CatalogueError(file: i.file, line: i.line, "indicator \(i.id): \(what) does not run: \(error)"))
                }
            }
        }
        return errors
    }

    /// The statements an indicator's computation runs, labelled for messages.
    func statements(of i: IndicatorDefinition) -> [(String, String)] {
        var out: [(String, String)] = []
        func aggregate(_ a: IndicatorDefinition.AggregateSource, label: String) {
            let period = "\(a.time) >= :from AND \(a.time) < :to"
            let filter = a.filter.map { " FILTER (WHERE \($0))" } ?? ""
            out.append(("\(label)measure and filter", "SELECT \(a.measure)\(filter) FROM \(a.table) WHERE \(period)"))
            if let d = a.denominator {
                let df = (a.denominatorFilter ?? a.filter).map { " FILTER (WHERE \($0))" } ?? ""
                out.append(("\(label)denominator", "SELECT \(d)\(df) FROM \(a.table) WHERE \(period)"))
            }
            for b in i.breakdowns {
                guard let e = breakdowns[b]?.expression(for: a.table, time: a.time) else { continue }
                out.append(("\(label)breakdown \(b)", "SELECT CAST(\(e) AS string), count(*) FROM \(a.table) GROUP BY 1"))
            }
        }
        switch i.source {
        case .aggregate(let a): aggregate(a, label: "")
        case .sql(let n, let d):
            out.append(("numerator_sql", n))
            if let d { out.append(("denominator_sql", d)) }
        case .survey(let s):
            let objective = s.objective.replacingOccurrences(of: "'", with: "''")
            out.append(("survey answers", "SELECT count(*) FILTER (WHERE objective = '\(objective)' AND improved), count(*) FILTER (WHERE exclusion IS NOT NULL) FROM responses"))
            for b in i.breakdowns {
                guard let e = breakdowns[b]?.expression(for: "responses", time: "submitted") else { continue }
                out.append(("breakdown \(b)", "SELECT CAST(\(e) AS string), count(*) FROM responses GROUP BY 1"))
            }
        }
        if let f = i.fallback { aggregate(f, label: "fallback ") }
        return out
    }
}
