import Columnar
import Evaluation
import Foundation
import Reporting
import Testing

/// Renders every template in every language on a fixture workspace and
/// reads the results back with poppler and librsvg.
@Suite(.serialized) struct ReportRenderingTests {
    static let fixture = Result { try FixtureWorkspace() }
    static let evaluations = ["baseline": "baseline", "mid-term": "mid-term-2", "major": "major-2", "cop-inf": "major-2"]

    /// A judgement file for major-2, written beside the fixture.
    static func judgementFile() throws -> String {
        let fixture = try fixture.get()
        let path = fixture.folder.appendingPathComponent("major-2.toml").path
        var text = """
        evaluation = "major-2"
        assessor = "Independent evaluator"
        date = "2016-03-01"
        conclusions = ["Use of the mechanism grew steadily over the phase."]
        recommendations = ["Extend the survey to regional centres before the next phase."]
        survey_invitations = 400

        """
        for o in FixtureWorkspace.objectives {
            text += "[objectives.\(o)]\nrating = \"partially achieved\"\ntext = \"Judged on the indicators of \(o).\"\n"
        }
        // French for the conclusions and one objective; the rest stays in English.
        text += """
        [translations.fr]
        conclusions = ["L'utilisation a crû tout au long de la phase."]
        [translations.fr.objectives]
        use = "Jugé sur les indicateurs d'utilisation."

        """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func render(_ kind: String, _ language: String, format: ReportFormat = .pdf, to folder: URL, judgement: String? = nil,
                evaluation: String? = nil) throws -> ReportOutcome {
        let fixture = try Self.fixture.get()
        let name = "\(kind)-\(language).\(format.rawValue)"
        return try ReportRenderer.render(kind: kind, evaluation: evaluation ?? Self.evaluations[kind]!, language: language, format: format,
                                         output: folder.appendingPathComponent(name).path, catalog: try fixture.open(),
                                         settings: ReportSettings(reportsDirectory: reportsDirectory, indicatorsDirectory: indicatorsDirectory,
                                                                  judgementPath: judgement, sourceDateEpoch: 1_450_000_000))
    }

    @Test(arguments: ["baseline", "mid-term", "major", "cop-inf"], ["en", "fr", "es", "ru", "ar", "zh"])
    func everyTemplateRendersInEveryLanguage(kind: String, language: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try render(kind, language, to: folder)
        let path = outcome.files[0]
        let strings = try localeStrings(language)
        let text = try pdfText(path)
        let found = PDFWords(text)
        func contains(_ s: String) -> Bool { found.contain(s) }
        for key in ["heading.summary", "heading.introduction", "heading.methodology", "heading.results", "heading.annex"] {
            let heading = try #require(strings[key], "\(language) lacks \(key)")
            #expect(contains(heading), "\(kind) in \(language): heading \(key) \"\(heading)\" not found")
        }
        let symbol = kind == "cop-inf" ? "UNEP/POPS/COP.12/INF/20" : "UNEP/CHM/EVAL/\(Self.evaluations[kind]!)"
        #expect(text.contains(symbol), "\(kind) in \(language): symbol \(symbol) not found")
        if kind == "cop-inf" {
            #expect(contains(strings["masthead.note"]!), "\(language): \"Note by the Secretariat\" missing")
            #expect(text.contains("UNEP/POPS/COP.12/1"), "\(language): agenda symbol footnote missing")
        }
        let pages = try pdfPages(path)
        #expect((6...80).contains(pages), "\(kind) in \(language): \(pages) pages")
        #expect(pages == outcome.pages)
        let bytes = try String(decoding: Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(bytes.contains("/Outlines"), "\(kind) in \(language): no outline")
        #expect(bytes.contains("/Subtype /Link") || bytes.contains("/Subtype/Link"), "\(kind) in \(language): no contents links")
    }

    @Test func indicatorValuesAreThoseComputedByHandAndByTheEvaluationModule() throws {
        let fixture = try Self.fixture.get()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try render("mid-term", "en", to: folder)
        let layout = try pdfText(outcome.files[0], layout: true)
        // Mid-term of phase II covers 2012–2013: the 2013 survey. Percentage and Wilson interval by hand.
        let cell = try #require(fixture.survey[2013]?["quality"])
        let value = Double(cell.improved) / Double(cell.valid) * 100
        let (lo, hi) = wilson(cell.improved, cell.valid)
        let expected = [englishOneDecimal(value), String(format: "%.2f", lo) + "\u{2013}" + String(format: "%.2f", hi)]
        let row = layout.split(separator: "\n").first { $0.contains("Surveyed users perceiving") && $0.contains(expected[0]) && $0.contains(expected[1]) }
        #expect(row != nil, "no indicator row shows \(expected[0]) % (\(expected[1])) for quality in 2013: \(layout.split(separator: "\n").filter { $0.contains("Surveyed users") })")

        // Every total the Evaluation module computes for the period is printed with the indicator's decimals.
        let catalogue = try Catalogue.load(directory: indicatorsDirectory)
        let schedule = try Schedule.load(path: indicatorsDirectory + "/schedule.toml")
        let period = try #require(schedule.period(id: "mid-term-2"))
        let values = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: fixture.open())
            .compute(periods: [period], breakdowns: .totals)
        let text = try pdfText(outcome.files[0])
        var checked = 0
        for v in values where v.breakdown == nil && v.status == .normal {
            guard let x = v.value, let i = catalogue.indicator(v.indicator), x.magnitude < 10_000 else { continue }
            let printed = String(format: "%.\(i.decimals)f", (x * pow(10, Double(i.decimals))).rounded(.toNearestOrAwayFromZero) / pow(10, Double(i.decimals)))
            #expect(text.contains(printed), "\(v.indicator): \(printed) not in the report")
            checked += 1
        }
        #expect(checked >= 10)
    }

    @Test func cumulativeProductsMatchTheFixture() throws {
        let fixture = try Self.fixture.get()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try render("major", "en", to: folder)
        let layout = try pdfText(outcome.files[0], layout: true)
        // A stock: every product released up to the end of phase II (2015).
        let products = fixture.productsByYear.filter { $0.key <= 2015 }.values.reduce(0, +)
        let row = layout.split(separator: "\n").first { $0.contains("Information products") && !$0.contains("States") }
        let tokens = row.map { $0.split(separator: " ").map(String.init) } ?? []
        #expect(tokens.contains("\(products)"), "products row \(row ?? "missing") lacks \(products)")
    }

    @Test func judgementTextReachesTheReport() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try render("major", "en", to: folder, judgement: try Self.judgementFile())
        let text = try pdfText(outcome.files[0])
        #expect(text.contains("Use of the mechanism grew steadily over the phase."))
        #expect(text.contains("Extend the survey to regional centres before the next phase."))
        #expect(text.contains("Independent evaluator"))
        #expect(text.contains("partially achieved"))
        // Phase II's surveys (2013 and 2015) have 60 + 70 respondents: 130 of 400 invited.
        #expect(text.contains("400 people were invited to take part, a response rate of 32.5 %"))
        let without = try pdfText(render("major", "en", to: folder).files[0])
        #expect(without.contains("no response rate can be given"))
    }

    @Test func aTranslatedJudgementIsQuotedInItsLanguage() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try pdfText(render("major", "fr", to: folder, judgement: try Self.judgementFile()).files[0])
        #expect(text.contains("L'utilisation a crû tout au long de la phase."))
        #expect(text.contains("Jugé sur les indicateurs d'utilisation."))
        #expect(!text.contains("Use of the mechanism grew steadily over the phase."))
        // Untranslated texts are quoted as written.
        #expect(text.contains("Judged on the indicators of quality."))
        #expect(text.contains("Extend the survey to regional centres before the next phase."))
    }

    @Test func pdfIsByteIdenticalAcrossRenders() throws {
        let a = try temporaryFolder(), b = try temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        let first = try Data(contentsOf: URL(fileURLWithPath: render("cop-inf", "zh", to: a).files[0]))
        let second = try Data(contentsOf: URL(fileURLWithPath: render("cop-inf", "zh", to: b).files[0]))
        #expect(first == second)
        let info = try runTool("pdfinfo", [a.appendingPathComponent("cop-inf-zh.pdf").path]).output
        // The date comes from SOURCE_DATE_EPOCH (here 1 450 000 000 = 13 December 2015 09:46:40 UTC), never the clock.
        #expect(info.contains("Dec 13 09:46:40 2015"), "creation date: \(info)")
    }

    @Test func svgPagesAndChartsRenderAndRepeat() throws {
        let a = try temporaryFolder(), b = try temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        let first = try render("major", "ar", format: .svg, to: a)
        let second = try render("major", "ar", format: .svg, to: b)
        #expect(first.files.count == first.pages + first.charts)
        #expect(first.charts >= 15)
        for (x, y) in zip(first.files, second.files) {
            let png = x + ".png"
            let run = try runTool("rsvg-convert", ["-o", png, x])
            #expect(run.status == 0, "rsvg-convert cannot render \(x)")
            #expect((try? Data(contentsOf: URL(fileURLWithPath: png)).count) ?? 0 > 1000)
            #expect(try Data(contentsOf: URL(fileURLWithPath: x)) == Data(contentsOf: URL(fileURLWithPath: y)), "\(x) differs between renders")
        }
    }
}
