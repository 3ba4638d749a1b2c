import CCairo
import Columnar
import Evaluation
import Foundation

/// Output formats of a report.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// One PDF with metadata, outline and linked contents.
    case pdf
    /// One SVG per page and one per chart.
    case svg
}

/// Where templates, locales, indicators and judgements are read from.
public struct ReportSettings: Sendable {
    /// `Reports/` (templates) with `locales/` and `judgements/` inside.
    public var reportsDirectory: String
    /// `Indicators/` (catalogue and `schedule.toml`).
    public var indicatorsDirectory: String
    /// The expert judgement file; by default `<reports>/judgements/<evaluation>.toml` when it exists.
    public var judgementPath: String?
    /// Seconds since 1970 for the document's dates; by default `SOURCE_DATE_EPOCH`, else the data's last day.
    public var sourceDateEpoch: Int64?
    /// Indicator query results already computed over the same workspace
    /// state in this process (e.g. by `chm demo` before its reports).
    public var memo: QueryMemo?
    /// Records the indicator statements run, with their times (none by default).
    public var profile: QueryProfile?
    /// Records the render's stages (data, document, layout, drawing) with their times (none by default).
    public var stages: ReportStages?
    /// Replaces the template's masthead (symbols, date, meetings) for this
    /// document, e.g. to name the session of the Conference it goes to.
    public var masthead: ReportTemplate.MastheadSpec?
    /// Whether fonts load, and the annex's definitions are laid out, on
    /// another thread while the data are read (the same bytes either way;
    /// off to compare).
    var fontsAhead = true

    /// - Parameters:
    ///   - reportsDirectory: the templates folder.
    ///   - indicatorsDirectory: the indicator catalogue folder.
    public init(reportsDirectory: String = "Reports", indicatorsDirectory: String = "Indicators",
                judgementPath: String? = nil, sourceDateEpoch: Int64? = nil) {
        self.reportsDirectory = reportsDirectory
        self.indicatorsDirectory = indicatorsDirectory
        self.judgementPath = judgementPath
        self.sourceDateEpoch = sourceDateEpoch ?? ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
    }
}

/// What a render wrote.
public struct ReportOutcome: Sendable {
    /// Files written, pages first.
    public var files: [String]
    /// Pages of the document.
    public var pages: Int
    /// Charts drawn (each also its own SVG file in SVG output).
    public var charts: Int
    /// The document's title, as in the PDF metadata.
    public var title: String
}

/// Renders evaluation reports and COP information documents.
public enum ReportRenderer {
    /// Renders template `kind` for an evaluation of the workspace.
    /// - Parameters:
    ///   - kind: template name: `baseline`, `mid-term`, `major`, `cop-inf` or any `Reports/<kind>.toml`.
    ///   - evaluation: the evaluation's period id (`baseline`, `mid-term-2`, `major-2`).
    ///   - language: locale id (`en`, `fr`, `es`, `ru`, `ar`, `zh`).
    ///   - format: PDF or SVG.
    ///   - output: the PDF path, or for SVG the path whose stem prefixes every file (`x.svg` → `x-page-01.svg`, `x-chart-001.svg`).
    ///   - catalog: the workspace.
    /// - Throws: ``ReportError`` naming the file at fault; nothing is written when it throws.
    public static func render(kind: String, evaluation: String, language: String, format: ReportFormat, output: String,
                              catalog: any Catalog, settings: ReportSettings = ReportSettings()) throws -> ReportOutcome {
        try render(kind: kind, evaluation: evaluation, language: language, format: format, output: output, catalog: catalog,
                   settings: settings, inspect: { _ in })
    }

    /// `render`, then `inspect` is shown the typesetter that drew the pages (for tests).
    static func render(kind: String, evaluation: String, language: String, format: ReportFormat, output: String,
                       catalog: any Catalog, settings: ReportSettings, inspect: (Typesetter) -> Void) throws -> ReportOutcome {
        var template = try ReportTemplate.load(directory: settings.reportsDirectory, kind: kind)
        if let masthead = settings.masthead, template.masthead != nil { template.masthead = masthead }
        let locale = try ReportLocale.load(directory: (settings.reportsDirectory as NSString).appendingPathComponent("locales"), id: language)
        let schedulePath = (settings.indicatorsDirectory as NSString).appendingPathComponent("schedule.toml")
        let schedule: Schedule
        do {
            schedule = FileManager.default.fileExists(atPath: schedulePath) ? try Schedule.load(path: schedulePath) : Schedule()
        } catch {
            throw ReportError(.data, "\(error)", file: schedulePath)
        }
        guard let period = schedule.period(id: evaluation), period.kind == .evaluation else {
            let ids = schedule.evaluations.prefix(7).map(\.id).joined(separator: ", ")
            throw ReportError(.data, "no evaluation \"\(evaluation)\"; evaluations: \(ids) …")
        }
        if let allowed = template.header.evaluations, !allowed.isEmpty, let e = period.evaluation, !allowed.contains(e.rawValue) {
            throw ReportError(.template, "template \(kind) is for \(allowed.joined(separator: ", ")) evaluations, not \(evaluation)", file: template.file)
        }
        let catalogue: Catalogue
        do {
            catalogue = try Catalogue.load(directory: settings.indicatorsDirectory)
        } catch {
            throw ReportError(.data, "\(error)", file: settings.indicatorsDirectory)
        }
        // Its texts in the report's language where a translator gave them.
        let judgement = try loadJudgement(settings: settings, evaluation: period.id)?.localized(language)
        let stages = settings.stages
        // Fonts load, and the annex's definitions are laid out, on another thread while the data are read.
        let definitions = catalogue.objectives.map { o in
            Block.table(ReportBuilder.definitionTable(o, header: ReportBuilder.definitionHeader.map { locale.text($0) }, locale: locale))
        }
        let fonts = TypesetterPreparation(locale: locale, styles: Paginator.fontStyles(masthead: template.masthead != nil),
                                          blocks: definitions, ahead: settings.fontsAhead, stages: stages)
        let data = try stages.measure("data") {
            try ReportData(catalog: catalog, catalogue: catalogue, schedule: schedule, evaluation: period, judgement: judgement,
                           breakdownDimensions: breakdownDimensions, memo: settings.memo ?? QueryMemo(), profile: settings.profile)
        }
        let epoch = settings.sourceDateEpoch ?? (data.asOf - CivilTime.secondsPerDay)
        var builder = ReportBuilder(template: template, data: data, locale: locale, templates: settings.reportsDirectory,
                                    creationDate: isoDateTime(epoch))
        try stages.measure("document") { try builder.build() }
        let typesetter = try stages.measure("fonts (wait)") { try fonts.take() }
        let paginator = Paginator(typesetter: typesetter, locale: locale)
        stages.measure("layout") { paginator.layout(builder.document.blocks) }
        var pages = paginator.pages
        while pages.count > 1, let last = pages.last, last.items.isEmpty, last.footnotes.isEmpty { pages.removeLast() }
        let renderer = PageRenderer(typesetter: typesetter, locale: locale, geometry: paginator.geometry, headings: paginator.headings,
                                    runningSymbol: builder.document.symbols.joined(separator: " \u{2013} "))
        let files: [String] = try stages.measure("draw") {
            switch format {
            case .pdf: try writePDF(pages, document: builder.document, renderer: renderer, output: output, stages: stages)
            case .svg: try writeSVG(pages, charts: builder.charts, renderer: renderer, output: output)
            }
        }
        inspect(typesetter)
        return ReportOutcome(files: files, pages: pages.count, charts: builder.charts.count, title: builder.document.title)
    }

    /// The breakdowns an evaluation report shows for every indicator that
    /// has them (besides the indicators' own): its annex tables.
    public static let breakdownDimensions = ["region", "user_group"]

    static func loadJudgement(settings: ReportSettings, evaluation: String) throws -> ExpertJudgement? {
        let defaultPath = ((settings.reportsDirectory as NSString).appendingPathComponent("judgements") as NSString).appendingPathComponent("\(evaluation).toml")
        let path = settings.judgementPath ?? defaultPath
        guard settings.judgementPath != nil || FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try ExpertJudgement.load(path: path)
        } catch {
            throw ReportError(.data, "\(error)", file: path)
        }
    }

    /// `2026-12-01T00:00:00`, the form Cairo writes into the PDF's dates.
    static func isoDateTime(_ t: Int64) -> String {
        let d = CivilTime.date(days: CivilTime.day(of: t))
        let s = t - CivilTime.day(of: t) * CivilTime.secondsPerDay
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day, Int(s / 3600), Int(s / 60 % 60), Int(s % 60))
    }

    static func writePDF(_ pages: [Page], document: Document, renderer: PageRenderer, output: String, stages: ReportStages? = nil) throws -> [String] {
        let temporary = output + ".partial"
        do {
            let canvas = try Canvas(kind: .pdf, path: temporary, width: renderer.geometry.width, height: renderer.geometry.height)
            canvas.setMetadata(CAIRO_PDF_METADATA_TITLE, document.title)
            canvas.setMetadata(CAIRO_PDF_METADATA_AUTHOR, document.author)
            canvas.setMetadata(CAIRO_PDF_METADATA_SUBJECT, document.subject)
            canvas.setMetadata(CAIRO_PDF_METADATA_KEYWORDS, (document.keywords + document.symbols).joined(separator: ", "))
            canvas.setMetadata(CAIRO_PDF_METADATA_CREATOR, "chm")
            canvas.setMetadata(CAIRO_PDF_METADATA_CREATE_DATE, document.creationDate)
            canvas.setMetadata(CAIRO_PDF_METADATA_MOD_DATE, document.creationDate)
            renderer.addOutline(to: canvas)
            for (i, page) in pages.enumerated() {
                renderer.draw(page, number: i + 1, on: canvas)
                canvas.showPage()
            }
            try stages.measure("finish") { try canvas.finish() }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        try replace(output, with: temporary)
        return [output]
    }

    static func writeSVG(_ pages: [Page], charts: [Figure], renderer: PageRenderer, output: String) throws -> [String] {
        let stem = output.hasSuffix(".svg") ? String(output.dropLast(4)) : output
        var files: [String] = []
        var written: [String] = []
        do {
            for (i, page) in pages.enumerated() {
                let path = stem + String(format: "-page-%02d.svg", i + 1)
                let canvas = try Canvas(kind: .svg, path: path + ".partial", width: renderer.geometry.width, height: renderer.geometry.height)
                written.append(path + ".partial")
                renderer.draw(page, number: i + 1, on: canvas)
                try canvas.finish()
                files.append(path)
            }
            let painterWidth = renderer.geometry.textWidth
            for figure in charts {
                let path = stem + "-\(figure.id).svg"
                let margin = 8.0
                let canvas = try Canvas(kind: .svg, path: path + ".partial", width: painterWidth + 2 * margin, height: figure.height + 2 * margin)
                written.append(path + ".partial")
                cairo_set_source_rgb(canvas.cr, 1, 1, 1)
                cairo_paint(canvas.cr)
                ChartPainter(typesetter: renderer.typesetter, locale: renderer.locale, cr: canvas.cr)
                    .draw(figure.chart, x: margin, y: margin, width: painterWidth, height: figure.height)
                try canvas.finish()
                files.append(path)
            }
        } catch {
            for p in written { try? FileManager.default.removeItem(atPath: p) }
            throw error
        }
        for path in files {
            try renumberSurfaces(path + ".partial")
            try replace(path, with: path + ".partial")
        }
        return files
    }

    /// Cairo numbers `<g id="surfaceN">` from a process-wide counter: renumber
    /// them in order of appearance so the same report gives the same bytes.
    static func renumberSurfaces(_ path: String) throws {
        guard var text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ReportError(.output, "cannot read back the SVG file", file: path)
        }
        var mapping: [String: String] = [:]
        var result = ""
        var rest = Substring(text)
        while let r = rest.range(of: "surface") {
            result += rest[..<r.upperBound]
            rest = rest[r.upperBound...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty {
                let old = String(digits)
                let new = mapping[old] ?? "\(mapping.count + 1)"
                mapping[old] = new
                result += new
                rest = rest.dropFirst(digits.count)
            }
        }
        result += rest
        text = result
        do {
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw ReportError(.output, "cannot write the SVG file: \(error.localizedDescription)", file: path)
        }
    }

    static func replace(_ path: String, with temporary: String) throws {
        let fm = FileManager.default
        do {
            if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
            try fm.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw ReportError(.output, "cannot write the file: \(error.localizedDescription)", file: path)
        }
    }
}
