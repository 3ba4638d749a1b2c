import Evaluation

extension ReportBuilder {
    /// A value as the tables print it: "…" when suppressed, "–" without data.
    func format(_ v: Double?, _ i: IndicatorDefinition) -> String {
        guard let v else { return "\u{2013}" }
        return locale.number(v, decimals: i.decimals)
    }

    func current(_ v: IndicatorValue?, _ i: IndicatorDefinition) -> String {
        guard let v else { return "\u{2013}" }
        switch v.status {
        case .suppressed: return "\u{2026}"
        case .noData: return "\u{2013}"
        case .provisional: return format(v.value, i) + " (p)"
        case .normal: return format(v.value, i)
        }
    }

    func interval(_ v: IndicatorValue?, _ i: IndicatorDefinition) -> String {
        guard let lo = v?.lower, let hi = v?.upper else { return "" }
        return locale.number(lo, decimals: i.decimals + 1) + "\u{2013}" + locale.number(hi, decimals: i.decimals + 1)
    }

    func ratingText(_ r: ProgressRating?) -> String { r.map { text("rating.\($0.rawValue)") } ?? "" }

    /// The indicator's values over the cycles shown, oldest first.
    func series(_ i: IndicatorDefinition) -> [Double?] {
        data.cycles.map { c in data.cycleValues[i.id]?[c.id].flatMap { $0.status == .suppressed ? nil : $0.value } }
    }

    /// The indicator table of an objective.
    func indicatorTable(_ o: Objective) -> TableBlock {
        let header = ["table.indicator", "table.baseline", "table.previous", "table.current", "table.change", "table.n",
                      "table.interval", "table.target", "table.rating", "table.trend"].map { text($0) }
        let rows: [[TableBlock.Cell]] = o.indicators.map { i in
            let v = data.total(i.id)
            return [
                .text(titleWithUnit(i)),
                .text(format(v?.baseline, i)),
                .text(format(v?.previous, i)),
                .text(current(v, i)),
                .text(v?.change.map { locale.signed($0, decimals: i.decimals) } ?? "\u{2013}"),
                .text(v?.n.map { locale.number(Double($0), decimals: 0) } ?? ""),
                .text(interval(v, i)),
                .text(format(v?.target, i)),
                .text(ratingText(v?.rating)),
                .sparkline(series(i)),
            ]
        }
        return TableBlock(caption: text("table.caption", ["objective": objectiveTitle(o)]), header: header,
                          widths: [2.8, 1, 1, 1.05, 1, 0.8, 1.45, 0.9, 1.35, 1.1],
                          numeric: [false, true, true, true, true, true, true, true, false, false], rows: rows,
                          note: text("table.note", ["previous": data.previous.map { resolve("period.\($0.evaluation?.rawValue ?? "major")", raw: true, extra: periodValues($0)) } ?? "\u{2013}"]))
    }

    func sourceLine(_ i: IndicatorDefinition) -> String { text("chart.source", ["sources": locale.text(.sources, of: i)]) }

    func decorate(_ chart: inout Chart) {
        chart.baselineLabel = text("chart.baseline")
        chart.targetLabel = text("chart.target")
        chart.meetingLabel = text("chart.meeting")
        chart.seasonLabel = text("chart.season")
    }

    func trendChart(_ i: IndicatorDefinition) -> Chart {
        let v = data.total(i.id)
        var chart = Chart(title: text("chart.trend.title", ["indicator": indicatorTitle(i)]), unit: unit(i), source: sourceLine(i), decimals: i.decimals,
                          kind: .trend(labels: data.cycles.map(\.years), series: [.init(name: indicatorTitle(i), values: series(i))],
                                       baseline: v?.baseline, target: v?.target))
        decorate(&chart)
        return chart
    }

    func dimensionName(_ d: String) -> String {
        locale.has("dimension.\(d)") ? text("dimension.\(d)") : (data.catalogue.breakdowns[d]?.title ?? d)
    }

    func breakdownChart(_ i: IndicatorDefinition, dimension d: String) -> Chart? {
        let cells = data.cells(i.id, dimension: d).filter { $0.cell != nil }
        guard !cells.isEmpty else { return nil }
        let current = cells.map { $0.status == .suppressed ? nil : $0.value }
        var series = [Chart.Series(name: data.evaluation.years, values: current)]
        if let p = data.previous, cells.contains(where: { $0.previous != nil }) {
            series.insert(.init(name: p.years, values: cells.map(\.previous)), at: 0)
        }
        let labels = cells.map { locale.cellLabel($0.cell ?? "", dimension: d) }
        let chartTitle = text("chart.breakdown.title", ["indicator": indicatorTitle(i), "dimension": dimensionName(d)])
        if cells.contains(where: { $0.lower != nil }) {
            var chart = Chart(title: chartTitle, unit: unit(i),
                              source: sourceLine(i) + " " + text("chart.interval_note"), decimals: i.decimals,
                              kind: .intervals(labels: labels, values: current, lower: cells.map(\.lower), upper: cells.map(\.upper)))
            decorate(&chart)
            return chart
        }
        var chart = Chart(title: chartTitle, unit: unit(i), source: sourceLine(i), decimals: i.decimals, kind: .groupedBars(groups: labels, series: series))
        decorate(&chart)
        return chart
    }

    /// One section per objective: statement, indicator table, charts, judgement.
    mutating func results(_ s: ReportTemplate.Section, title: String, level: Int) {
        heading(title, level: level)
        for t in s.text ?? [] { paragraph(resolve(t)) }
        let charts = s.charts ?? ["trend", "region"]
        for o in objectives(s) {
            heading(objectiveTitle(o), level: level + 1)
            paragraph(text("results.statement", ["statement": locale.statement(of: o)]))
            let rated = o.indicators.compactMap { data.total($0.id)?.rating }
            let onTrack = rated.filter { $0 == .onTrack }.count
            paragraph(text("results.summary", ["count": "\(o.indicators.count)", "rated": "\(rated.count)", "on_track": "\(onTrack)"]))
            if s.table ?? true { document.append(.table(indicatorTable(o))) }
            for kind in charts {
                switch kind {
                case "trend":
                    // The objective's first indicator with values in at least two cycles.
                    if let i = o.indicators.first(where: { series($0).compactMap { $0 }.count >= 2 }) ?? o.indicators.first {
                        figure(trendChart(i))
                    }
                case "survey":
                    if let i = o.indicators.first(where: { $0.kind == .surveyImprovement }), let c = breakdownChart(i, dimension: "user_group") {
                        figure(c)
                    }
                default:
                    if let i = o.indicators.first(where: { !data.cells($0.id, dimension: kind).isEmpty }), let c = breakdownChart(i, dimension: kind) {
                        figure(c)
                    }
                }
            }
            if let a = data.judgement?.assessment(of: o.id) {
                paragraph(text("judgement.line", ["objective": objectiveTitle(o), "rating": text("judgement.\(a.rating.rawValue)")])
                    + (a.text.isEmpty ? "" : " " + a.text))
            }
        }
    }
}
