import Columnar
import Evaluation
import Foundation

/// Turns a template, the data and a locale into a ``Document``: each
/// template section becomes headings, numbered paragraphs, tables and figures.
struct ReportBuilder {
    let template: ReportTemplate
    let data: ReportData
    let locale: ReportLocale
    /// Templates directory (for `evaluation` sections that include another template).
    let templates: String
    var document: Document
    /// Charts placed, in order, for the per-chart SVG files.
    var charts: [Figure] = []
    /// Annexes started so far.
    var annexes = 0
    /// `{evaluation}`, `{years}`, `{start}` … for every text.
    var placeholders: [String: String] = [:]

    init(template: ReportTemplate, data: ReportData, locale: ReportLocale, templates: String, creationDate: String) {
        self.template = template
        self.data = data
        self.locale = locale
        self.templates = templates
        let symbol = (template.header.symbol ?? "").replacingOccurrences(of: "{evaluation}", with: data.evaluation.id)
        let symbols = template.masthead?.symbols ?? (symbol.isEmpty ? [] : [symbol])
        document = Document(title: "", author: template.header.author ?? "Secretariat", subject: "", keywords: template.header.keywords ?? [],
                            symbols: symbols, creationDate: creationDate)
        placeholders = makePlaceholders()
        document.title = resolve(template.header.title)
        document.subject = resolve("period.\(data.evaluation.evaluation?.rawValue ?? "major")")
    }

    // MARK: text

    /// Placeholders every text may use, computed once (every string of the report fills them).
    func makePlaceholders() -> [String: String] {
        let e = data.evaluation
        let phaseNumber = e.phase.flatMap { $0.split(separator: "-").last.flatMap { Int($0) } }
        return [
            "evaluation": resolve("period.\(e.evaluation?.rawValue ?? "major")", raw: true),
            "years": e.years.replacingOccurrences(of: "\u{2013}", with: "\u{2013}"),
            "phase": phaseNumber.map(Numbering.roman) ?? (e.phase ?? ""),
            "start": locale.date(e.start),
            "end": locale.date(e.end - 1),
            "asof": locale.date(data.asOf - CivilTime.secondsPerDay),
            "previous": data.previous.map { resolve("period.\($0.evaluation?.rawValue ?? "major")", raw: true, extra: periodValues($0)) } ?? "",
            "indicators": "\(data.catalogue.indicators.count)",
            "objectives": "\(data.catalogue.objectives.count)",
        ]
    }

    func periodValues(_ p: Period) -> [String: String] {
        let n = p.phase.flatMap { $0.split(separator: "-").last.flatMap { Int($0) } }
        return ["years": p.years, "phase": n.map(Numbering.roman) ?? (p.phase ?? "")]
    }

    /// A locale key's text, or the string itself when it is not a key; placeholders filled.
    func resolve(_ keyOrText: String, raw: Bool = false, extra: [String: String] = [:]) -> String {
        var values = raw ? periodValues(data.evaluation) : placeholders
        for (k, v) in extra { values[k] = v }
        return locale.has(keyOrText) ? locale.text(keyOrText, values) : fill(keyOrText, values)
    }

    func fill(_ text: String, _ values: [String: String]) -> String { Placeholders.fill(text, values) }

    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        var all = placeholders
        for (k, v) in values { all[k] = v }
        return locale.text(key, all)
    }

    mutating func heading(_ text: String, level: Int, listed: Bool = true) {
        // An empty heading continues the previous section (e.g. a second matrix).
        guard !text.isEmpty else { return }
        document.append(.heading(Heading(level: level, text: text, listed: listed)))
    }

    mutating func paragraph(_ text: String, numbered: Bool = true, style: Paragraph.Style = .body, footnotes: [String] = []) {
        document.append(.paragraph(Paragraph(text: text, style: style, numbered: numbered, footnotes: footnotes)))
    }

    mutating func figure(_ chart: Chart, height: Double = 190) {
        let f = Figure(chart: chart, height: height, id: String(format: "chart-%03d", charts.count + 1))
        charts.append(f)
        document.append(.figure(f))
    }

    /// Objective title in the report's language (the catalogue's English title otherwise).
    func objectiveTitle(_ o: Objective) -> String { Self.objectiveTitle(o, locale: locale) }

    static func objectiveTitle(_ o: Objective, locale: ReportLocale) -> String {
        locale.has("objective.\(o.id)") ? locale.text("objective.\(o.id)") : o.title
    }

    /// Indicator title in the report's language (the catalogue's English otherwise).
    func indicatorTitle(_ i: IndicatorDefinition) -> String { locale.text(.title, of: i) }

    /// Indicator unit in the report's language ("%" and other symbols as they are).
    func unit(_ i: IndicatorDefinition) -> String { locale.text(.unit, of: i) }

    /// "Title (unit)", as the indicator tables name an indicator.
    func titleWithUnit(_ i: IndicatorDefinition) -> String {
        let u = unit(i)
        return indicatorTitle(i) + (u.isEmpty ? "" : " (\(u))")
    }

    func objectives(_ section: ReportTemplate.Section) -> [Objective] {
        guard let only = section.objectives else { return data.catalogue.objectives }
        return data.catalogue.objectives.filter { only.contains($0.id) }
    }

    // MARK: sections

    /// Builds every section of the template.
    mutating func build() throws {
        if let m = template.masthead { document.append(.masthead(masthead(m))) }
        try build(sections: template.sections)
        Numbering(subLevelFormat: locale.subLevelFormat).apply(to: &document.blocks)
    }

    mutating func build(sections: [ReportTemplate.Section]) throws {
        for s in sections {
            let level = s.level ?? 1
            let numbered = s.numbered ?? true
            func head(_ key: String) -> String { resolve(s.heading ?? key) }
            switch s.type {
            case "contents": document.append(.contents(title: head("heading.contents")))
            case "heading": heading(head(""), level: level)
            case "text":
                if let h = s.heading { heading(resolve(h), level: level) }
                for t in s.text ?? [] { paragraph(resolve(t), numbered: numbered) }
            case "summary": summary(s, title: head("heading.summary"))
            case "introduction": introduction(s, title: head("heading.introduction"), level: level)
            case "methodology": methodology(s, title: head("heading.methodology"), level: level)
            case "results": results(s, title: head("heading.results"), level: level)
            case "traffic": traffic(s, title: head("heading.traffic"), level: level)
            case "contributions": contributions(s, title: head("heading.contributions"), level: level)
            case "survey": survey(s, title: head("heading.survey"), level: level)
            case "matrix": matrix(s, title: head("heading.matrix"), level: level)
            case "judgement": judgement(s, title: head("heading.judgement"), level: level)
            case "conclusions": listSection(s, title: head("heading.conclusions"), level: level, items: data.judgement?.conclusions ?? [], none: "conclusions.none")
            case "recommendations": listSection(s, title: head("heading.recommendations"), level: level, items: data.judgement?.recommendations ?? [], none: "recommendations.none")
            case "annex": annex(s)
            case "definitions": definitions(s, title: head("heading.definitions"), level: level)
            case "breakdowns": breakdowns(s, level: level)
            case "evaluation":
                let kind = s.template ?? data.evaluation.evaluation?.rawValue ?? "major"
                let included = try ReportTemplate.load(directory: templates, kind: kind)
                annex(s, title: resolve(s.heading ?? included.header.title))
                try build(sections: included.sections)
            default:
                throw ReportError(.template, "unknown section type \"\(s.type)\"", file: template.file)
            }
        }
    }

    /// Starts an annex: a new page, "Annex" and its title; numbering restarts.
    mutating func annex(_ s: ReportTemplate.Section, title: String? = nil) {
        document.append(.pageBreak)
        // An annex inside an annex (the evaluation carried by a COP document) is an appendix.
        document.append(.heading(Heading(level: 0, text: text(annexes == 0 ? "heading.annex" : "heading.appendix"), listed: true)))
        annexes += 1
        let t = title ?? resolve(s.heading ?? "annex.title")
        document.append(.paragraph(Paragraph(text: t, style: .title)))
        for p in s.text ?? [] { paragraph(resolve(p), numbered: false) }
    }

    mutating func summary(_ s: ReportTemplate.Section, title: String) {
        heading(title, level: s.level ?? 1)
        // UN practice: summary paragraphs are not numbered.
        paragraph(text("summary.intro"), numbered: false)
        var counts: [ProgressRating: Int] = [:]
        var unrated = 0
        for i in data.catalogue.indicators {
            if let r = data.total(i.id)?.rating { counts[r, default: 0] += 1 } else { unrated += 1 }
        }
        paragraph(text("summary.ratings", [
            "on_track": locale.number(Double(counts[.onTrack] ?? 0), decimals: 0),
            "acceleration": locale.number(Double(counts[.accelerationNeeded] ?? 0), decimals: 0),
            "limited": locale.number(Double(counts[.limitedProgress] ?? 0), decimals: 0),
            "deterioration": locale.number(Double(counts[.deterioration] ?? 0), decimals: 0),
            "unrated": locale.number(Double(unrated), decimals: 0),
        ]), numbered: false)
        if let j = data.judgement {
            let r = Dictionary(grouping: j.assessments, by: \.rating).mapValues(\.count)
            paragraph(text("summary.judgement", [
                "fully": "\(r[.fullyAchieved] ?? 0)", "largely": "\(r[.largelyAchieved] ?? 0)",
                "partially": "\(r[.partiallyAchieved] ?? 0)", "not": "\(r[.notAchieved] ?? 0)",
            ]), numbered: false)
        } else {
            paragraph(text("summary.nojudgement"), numbered: false)
        }
        for t in s.text ?? [] { paragraph(resolve(t), numbered: false) }
    }

    mutating func introduction(_ s: ReportTemplate.Section, title: String, level: Int) {
        heading(title, level: level)
        paragraph(text("intro.mandate"))
        paragraph(text("intro.scope"))
        paragraph(text(data.previous == nil ? "intro.noprevious" : "intro.period"))
        for t in s.text ?? [] { paragraph(resolve(t)) }
    }

    mutating func methodology(_ s: ReportTemplate.Section, title: String, level: Int) {
        heading(title, level: level)
        paragraph(text("method.sources"))
        let sv = data.survey
        paragraph(text("method.response", [
            "respondents": locale.number(Double(sv.respondents), decimals: 0),
            "answers": locale.number(Double(sv.answers), decimals: 0),
            "excluded": locale.number(Double(sv.excluded), decimals: 0),
        ]))
        // The response rate needs the number of people invited, which only the evaluation's file records.
        if let invited = data.judgement?.surveyInvitations, sv.respondents > 0 {
            paragraph(text("method.response_rate", [
                "invited": locale.number(Double(invited), decimals: 0),
                "rate": locale.number(100 * Double(sv.respondents) / Double(invited), decimals: 1),
            ]))
        } else if sv.respondents > 0 {
            paragraph(text("method.response_rate_unknown"))
        }
        let reasons = sv.reasons.map { "\(locale.has("exclusion.\($0.0)") ? locale.text("exclusion.\($0.0)") : $0.0) (\(locale.number(Double($0.1), decimals: 0)))" }
        paragraph(text("method.exclusions", ["reasons": reasons.isEmpty ? text("method.none") : reasons.joined(separator: ", ")]))
        paragraph(text("method.interval"), footnotes: [text("method.interval_note")])
        let minimum = data.catalogue.indicators.compactMap { i -> Int? in
            if case .survey(let src) = i.source { return src.minimumValid }
            return nil
        }.min() ?? 30
        paragraph(text("method.suppression", ["minimum": "\(minimum)"]))
        paragraph(text("method.rating"))
        paragraph(text("method.limitations"))
        for t in s.text ?? [] { paragraph(resolve(t)) }
    }

    mutating func judgement(_ s: ReportTemplate.Section, title: String, level: Int) {
        heading(title, level: level)
        guard let j = data.judgement else {
            paragraph(text("summary.nojudgement"))
            return
        }
        paragraph(text("judgement.assessor", ["assessor": j.assessor.isEmpty ? text("judgement.unknown") : j.assessor, "date": j.date]))
        for a in j.assessments {
            let o = data.catalogue.objectives.first { $0.id == a.objective }
            let name = o.map(objectiveTitle) ?? a.objective
            let rating = text("judgement.\(a.rating.rawValue)")
            paragraph(text("judgement.line", ["objective": name, "rating": rating]) + (a.text.isEmpty ? "" : " " + a.text))
        }
        for t in s.text ?? [] { paragraph(resolve(t)) }
    }

    mutating func listSection(_ s: ReportTemplate.Section, title: String, level: Int, items: [String], none: String) {
        heading(title, level: level)
        if items.isEmpty { paragraph(text(none)) }
        for item in items { paragraph(item) }
        for t in s.text ?? [] { paragraph(resolve(t)) }
    }
}
