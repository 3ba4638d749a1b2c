extension Catalogue {
    /// Reads one objective file; problems in single indicators are added to
    /// `errors` and the indicator is skipped, so that all are reported.
    static func parseObjective(_ text: String, file: String, errors: inout [CatalogueError]) throws -> Objective {
        let decoded = try decode(CatalogueFile.self, text, file: file)
        let lines = SourceLines(text)
        let o = decoded.objective
        var indicators: [IndicatorDefinition] = []
        for section in decoded.indicator ?? [] {
            let line = lines.line(ofKey: "id", value: section.id)
            do {
                indicators.append(try indicator(section, objective: o, file: file, line: line, lines: lines))
            } catch let e as CatalogueError {
                errors.append(e)
            }
        }
        return Objective(id: o.id, goal: o.goal, title: o.title, statement: o.statement ?? "", paragraph: o.paragraph,
                         indicators: indicators, file: file)
    }

    private static func indicator(_ s: CatalogueFile.IndicatorSection, objective: CatalogueFile.ObjectiveSection, file: String, line: Int,
                                  lines: SourceLines) throws -> IndicatorDefinition {
        func fail(_ message: String, key: String? = nil) -> CatalogueError {
            let at = key.map { lines.line(ofKey: $0, from: line) }.flatMap { $0 > 0 ? $0 : nil } ?? line
            return CatalogueError(file: file, line: at, "indicator \(s.id): \(message)")
        }
        guard let kind = IndicatorDefinition.Kind(rawValue: s.kind) else {
            throw fail("kind \"\(s.kind)\" is not one of \(IndicatorDefinition.Kind.allCases.map(\.rawValue).joined(separator: ", "))", key: "kind")
        }
        let direction = try s.direction.map { d -> ProgressRating.Direction in
            guard let v = ProgressRating.Direction(rawValue: d) else { throw fail("direction must be \"higher\" or \"lower\", not \"\(d)\"", key: "direction") }
            return v
        } ?? .higher
        let source: IndicatorDefinition.Source
        if kind == .surveyImprovement {
            source = .survey(.init(objective: s.survey_objective ?? objective.id, questions: s.questions ?? [], minimumValid: s.minimum_valid ?? 30))
        } else if let numerator = s.numerator_sql {
            source = .sql(numerator: numerator, denominator: s.denominator_sql)
            if (kind == .percentage || kind == .ratio), s.denominator_sql == nil { throw fail("a \(kind.rawValue) needs denominator_sql", key: "numerator_sql") }
        } else {
            guard let table = s.table else { throw fail("give table and measure, numerator_sql, or kind = \"survey-improvement\"") }
            guard let measure = s.measure else { throw fail("table \(table) needs a measure (one aggregate call, e.g. count(*))", key: "table") }
            if (kind == .percentage || kind == .ratio), s.denominator == nil { throw fail("a \(kind.rawValue) needs a denominator", key: "kind") }
            if s.cumulative == true {
                // A stock is the sum of the flows of every cycle up to the period's end, so it must add up.
                let m = measure.lowercased().filter { !$0.isWhitespace }
                let additive = (m.hasPrefix("count(") && !m.hasPrefix("count(distinct")) || m.hasPrefix("sum(")
                guard additive else {
                    throw fail("a cumulative indicator must add up over cycles: use count(…) or sum(…), or write numerator_sql with :to", key: "cumulative")
                }
            }
            source = .aggregate(.init(table: table.lowercased(), time: s.time ?? "ts", measure: measure, denominator: s.denominator,
                                      filter: s.filter, denominatorFilter: s.denominator_filter, cumulative: s.cumulative ?? false))
        }
        let factor = s.factor?.value ?? (kind == .percentage || kind == .surveyImprovement ? 100 : 1)
        return IndicatorDefinition(
            id: s.id, title: s.title, objective: objective.id, goal: objective.goal, kind: kind, source: source,
            unit: s.unit ?? (kind == .percentage || kind == .surveyImprovement ? "%" : ""), direction: direction,
            decimals: s.decimals ?? (kind == .percentage || kind == .surveyImprovement || kind == .ratio || kind == .medianDuration ? 1 : 0),
            factor: factor, limit: s.limit?.value ?? (kind == .percentage || kind == .surveyImprovement ? 100 : nil),
            fallback: s.fallback.map { .init(table: $0.table.lowercased(), time: $0.time ?? "ts", measure: $0.measure, denominator: nil,
                                             filter: $0.filter, denominatorFilter: nil, cumulative: false) },
            breakdowns: s.breakdowns ?? [], baseline: (s.baseline ?? [:]).mapValues(\.value), target: (s.target ?? [:]).mapValues(\.value),
            definition: s.definition ?? "", method: s.method ?? "", limitations: s.limitations ?? "", sources: s.sources ?? "",
            file: file, line: line)
    }

    /// Checks that do not need the workspace: unique ids, known objectives, breakdowns that exist for the table.
    static func validate(_ objectives: [Objective], breakdowns: [String: Breakdown], errors: inout [CatalogueError]) {
        var seen: [String: IndicatorDefinition] = [:]
        var objectiveIDs: Set<String> = []
        for o in objectives {
            if !objectiveOrder.contains(o.id) {
                errors.append(CatalogueError(file: o.file, line: 0, "objective \"\(o.id)\" is not one of the plan's: \(objectiveOrder.joined(separator: ", "))"))
            }
            if !objectiveIDs.insert(o.id).inserted {
                errors.append(CatalogueError(file: o.file, line: 0, "objective \"\(o.id)\" is defined in more than one file"))
            }
            for i in o.indicators {
                if let other = seen[i.id] {
                    errors.append(CatalogueError(file: i.file, line: i.line, "indicator id \(i.id) is also defined at \(other.file):\(other.line)"))
                }
                seen[i.id] = i
                for b in i.breakdowns {
                    guard let dimension = breakdowns[b] else {
                        errors.append(CatalogueError(file: i.file, line: i.line, "indicator \(i.id): unknown breakdown \"\(b)\"; known: \(breakdowns.keys.sorted().joined(separator: ", "))"))
                        continue
                    }
                    for table in i.tables.prefix(1) where dimension.expressions[table] == nil {
                        errors.append(CatalogueError(file: i.file, line: i.line, "indicator \(i.id): breakdown \"\(b)\" is not defined for table \(table) in breakdowns.toml"))
                    }
                }
            }
        }
    }
}
