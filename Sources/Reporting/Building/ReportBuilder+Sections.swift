import Columnar
import Evaluation
import Foundation

extension ReportBuilder {
    mutating func traffic(_ s: ReportTemplate.Section, title: String, level: Int) {
        heading(title, level: level)
        paragraph(text("traffic.text"))
        let months = data.traffic.map { (year: $0.year, month: $0.month) }
        let meetings = (s.meetings ?? []).compactMap { m -> Int? in
            let parts = m.split(separator: "-").compactMap { Int($0) }
            guard parts.count >= 2 else { return nil }
            return months.firstIndex { $0.year == parts[0] && $0.month == parts[1] }
        }
        var chart = Chart(title: text("chart.traffic.title"), unit: text("chart.traffic.unit"), source: text("chart.source.web"), decimals: 0,
                          kind: .traffic(months: months, values: data.traffic.map(\.visits), meetings: meetings))
        decorate(&chart)
        figure(chart, height: 200)
        for t in s.text ?? [] { paragraph(resolve(t)) }
    }

    mutating func contributions(_ s: ReportTemplate.Section, title: String, level: Int) {
        heading(title, level: level)
        paragraph(text("contributions.text"))
        let rows = data.contributionsByKind
        let totals = Dictionary(grouping: rows, by: \.kind).mapValues { $0.reduce(0) { $0 + $1.count } }
        // The six most frequent kinds, the rest together.
        let top = totals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(6).map(\.key)
        let cycles = data.cycles.map(\.id).filter { c in rows.contains { $0.cycle == c } }
        let values = cycles.map { c -> [Double] in
            let inCycle = rows.filter { $0.cycle == c }
            var v = top.map { k in inCycle.filter { $0.kind == k }.reduce(0) { $0 + $1.count } }
            v.append(inCycle.filter { !top.contains($0.kind) }.reduce(0) { $0 + $1.count })
            return v
        }
        // Kinds are the log's own vocabulary; a locale names them (`kind.<id>`), else the code is shown readably.
        let segments = top.map { k in locale.has("kind.\(k)") ? text("kind.\(k)") : k.replacingOccurrences(of: "_", with: " ") } + [text("chart.other")]
        let labels = cycles.map { c in data.cycles.first { $0.id == c }?.years ?? c }
        var chart = Chart(title: text("chart.contributions.title"), unit: "%", source: text("chart.source.contributions"), decimals: 0,
                          kind: .stacked(bars: labels, segments: segments, values: values))
        decorate(&chart)
        figure(chart, height: 200)
        for t in s.text ?? [] { paragraph(resolve(t)) }
    }

    mutating func survey(_ s: ReportTemplate.Section, title: String, level: Int) {
        heading(title, level: level)
        paragraph(text("survey.text"))
        let indicators = data.catalogue.indicators.filter { $0.kind == .surveyImprovement }
        let values = indicators.map { data.total($0.id) }
        let labels = indicators.map { i in data.catalogue.objectives.first { $0.id == i.objective }.map(objectiveTitle) ?? indicatorTitle(i) }
        var chart = Chart(title: text("chart.survey.title"), unit: "%", source: text("chart.source.survey"), decimals: 1,
                          kind: .intervals(labels: labels, values: values.map { $0?.status == .suppressed ? nil : $0?.value },
                                           lower: values.map { $0?.lower }, upper: values.map { $0?.upper }))
        decorate(&chart)
        figure(chart, height: 210)
        for t in s.text ?? [] { paragraph(resolve(t)) }
    }

    mutating func matrix(_ s: ReportTemplate.Section, title: String, level: Int) {
        if !title.isEmpty {
            heading(title, level: level)
            paragraph(text("matrix.text"))
        }
        let strategies = s.strategies ?? []
        let columnIDs = s.objectives ?? Array(Set(strategies.flatMap(\.objectives))).sorted {
            (Catalogue.objectiveOrder.firstIndex(of: $0) ?? 99) < (Catalogue.objectiveOrder.firstIndex(of: $1) ?? 99)
        }
        let objectives = columnIDs.map { id in data.catalogue.objectives.first { $0.id == id } }
        let shades: [Double?] = objectives.map { o in
            guard let o else { return nil }
            let rated = o.indicators.compactMap { data.total($0.id)?.rating }
            guard !rated.isEmpty else { return nil }
            return Double(rated.filter { $0 == .onTrack }.count) / Double(rated.count)
        }
        var chart = Chart(title: text("chart.matrix.title"), unit: "", source: text("chart.source.plan"), decimals: 0,
                          kind: .matrix(rows: strategies.map { resolve($0.name) }, columns: zip(columnIDs, objectives).map { $1.map(objectiveTitle) ?? $0 },
                                        marks: strategies.map { st in columnIDs.map { st.objectives.contains($0) } }, shades: shades))
        decorate(&chart)
        figure(chart, height: 60 + 24 * Double(max(strategies.count, 1)))
        for t in s.text ?? [] { paragraph(resolve(t)) }
    }

    mutating func definitions(_ s: ReportTemplate.Section, title: String, level: Int) {
        heading(title, level: level)
        let header = Self.definitionHeader.map { text($0) }
        for o in objectives(s) { document.append(.table(Self.definitionTable(o, header: header, locale: locale))) }
    }

    /// The definition table's column headings (locale keys).
    static let definitionHeader = ["table.indicator", "definitions.definition", "definitions.limitations", "definitions.sources"]

    /// An objective's indicators with their definitions, methods,
    /// limitations and sources: the catalogue's texts in the report's
    /// language, nothing from the data (so it can be laid out while the
    /// data are read).
    static func definitionTable(_ o: Objective, header: [String], locale: ReportLocale) -> TableBlock {
        let rows: [[TableBlock.Cell]] = o.indicators.map { i in
            let method = locale.text(.method, of: i)
            let unit = locale.text(.unit, of: i)
            return [.text(locale.text(.title, of: i) + "\n" + i.id + (i.unit.isEmpty ? "" : " \u{2013} " + unit)),
                    .text(locale.text(.definition, of: i) + (method.isEmpty ? "" : "\n" + method)),
                    .text(locale.text(.limitations, of: i)), .text(locale.text(.sources, of: i))]
        }
        return TableBlock(caption: objectiveTitle(o, locale: locale), header: header, widths: [2.2, 4, 2.4, 1.8],
                          numeric: [false, false, false, false], rows: rows, note: nil)
    }

    mutating func breakdowns(_ s: ReportTemplate.Section, level: Int) {
        for d in s.dimensions ?? ["region", "user_group"] {
            heading(resolve(s.heading ?? "heading.breakdowns", extra: ["dimension": dimensionName(d)]), level: level)
            var rows: [[TableBlock.Cell]] = []
            for i in data.catalogue.indicators {
                let cells = data.cells(i.id, dimension: d).filter { $0.cell != nil }
                for (k, c) in cells.enumerated() {
                    rows.append([.text(k == 0 ? indicatorTitle(i) : ""), .text(locale.cellLabel(c.cell ?? "", dimension: d)), .text(current(c, i)),
                                 .text(c.share.map { locale.number($0, decimals: 1) } ?? ""),
                                 .text(c.n.map { locale.number(Double($0), decimals: 0) } ?? ""), .text(interval(c, i))])
                }
            }
            if rows.isEmpty {
                paragraph(text("breakdowns.none"))
                continue
            }
            document.append(.table(TableBlock(caption: "", header: ["table.indicator", "breakdowns.cell", "table.current", "breakdowns.share", "table.n", "table.interval"].map { text($0) },
                                              widths: [3.2, 2.4, 1.1, 1, 0.8, 1.5], numeric: [false, false, true, true, true, true], rows: rows,
                                              note: text("breakdowns.note"))))
        }
    }

    // MARK: masthead

    /// A date written as ISO `YYYY-MM-DD`, in the report's language.
    func isoDate(_ s: String) -> String {
        let p = s.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return s }
        return locale.date(CivilTime.timestamp(year: p[0], month: p[1], day: p[2]))
    }

    /// "28 April–9 May 2025" in the report's language.
    func dateRange(_ start: String, _ end: String) -> String {
        let a = isoDate(start), b = isoDate(end)
        return a == b ? a : a + "\u{2013}" + b
    }

    func masthead(_ m: ReportTemplate.MastheadSpec) -> Masthead {
        let date = m.date.map(isoDate) ?? locale.date(data.asOf - CivilTime.secondsPerDay)
        let original = m.original ?? "english-only"
        let language = original == "english-only" ? text("masthead.english_only")
            : text("masthead.original", ["language": text("language.\(original)")])
        let meetings = m.meetings.map { mt in
            Masthead.Meeting(conference: resolve(mt.conference),
                             session: text("masthead.session", ["ordinal": locale.ordinal(mt.session)]),
                             placeAndDates: text("masthead.place_dates", ["place": resolve(mt.place), "dates": dateRange(mt.start, mt.end)]),
                             agendaItem: text("masthead.agenda_item", ["item": mt.agenda_item]),
                             footnote: mt.agenda_symbol)
        }
        return Masthead(organisation: text("masthead.un"), organ: text("masthead.organ"), symbols: m.symbols,
                        distribution: [text("masthead.distribution"), date, language], meetings: meetings,
                        agendaTitle: m.agenda_title.map { resolve($0) } ?? "", title: resolve(m.title), subtitle: text("masthead.note"))
    }
}
