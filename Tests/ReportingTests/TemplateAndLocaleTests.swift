import Evaluation
import Foundation
@testable import Reporting
import Testing

/// Templates, locales, numbering and number formats, and the errors bad files get.
struct TemplateAndLocaleTests {
    @Test func shippedLocalesHaveEveryKey() throws {
        // Every fixed string, and every indicator and objective text of the shipped catalogue.
        let catalogue = try Catalogue.load(directory: indicatorsDirectory)
        let missing = try ReportLocale.missingKeys(directory: reportsDirectory + "/locales", catalogue: catalogue)
        #expect(missing.isEmpty, "missing translations: \(missing)")
    }

    @Test func missingKeysAreListedAndFallBackToEnglish() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: reportsDirectory + "/locales/en.toml", toPath: folder.appendingPathComponent("en.toml").path)
        try """
        [language]
        tag = "fr"
        [strings]
        "heading.summary" = "Résumé"
        """.write(to: folder.appendingPathComponent("fr.toml"), atomically: true, encoding: .utf8)
        let missing = try ReportLocale.missingKeys(directory: folder.path)
        let english = try localeStrings("en")
        #expect(missing["fr"]?.count == english.count - 1)
        #expect(missing["fr"]?.contains("heading.introduction") == true)
        #expect(missing["fr"]?.contains("heading.summary") == false)
        // Languages without a file at all are listed with every key.
        #expect(missing["ru"]?.count == english.count)
        let fr = try ReportLocale.load(directory: folder.path, id: "fr")
        #expect(fr.text("heading.summary") == "Résumé")
        #expect(fr.text("heading.introduction") == english["heading.introduction"])
        #expect(fr.months.count == 12)
    }

    @Test func numbersFollowTheLanguage() throws {
        for id in ReportLocale.official {
            let locale = try ReportLocale.load(directory: reportsDirectory + "/locales", id: id)
            let decimal = try #require(try localeField(id, "decimal"))
            let group = try #require(try localeField(id, "group"))
            #expect(locale.number(1_234_567.25, decimals: 1) == "1\(group)234\(group)567\(decimal)3", "\(id)")
            // Four-digit numbers stay ungrouped, as the UN writes years and small counts.
            #expect(locale.number(2015, decimals: 0) == "2015")
            #expect(locale.number(-0.04, decimals: 1) == "0\(decimal)0")
            #expect(locale.number(-12.5, decimals: 0) == "\u{2212}13")
        }
    }

    @Test func datesUseTheLanguagesMonths() throws {
        let t: Int64 = 1_450_000_000 // 13 December 2015
        #expect(try ReportLocale.load(directory: reportsDirectory + "/locales", id: "en").date(t) == "13 December 2015")
        #expect(try ReportLocale.load(directory: reportsDirectory + "/locales", id: "fr").date(t) == "13 décembre 2015")
        #expect(try ReportLocale.load(directory: reportsDirectory + "/locales", id: "zh").date(t) == "2015年12月13日")
    }

    @Test func headingsAndParagraphsAreNumberedTheUNWay() {
        var blocks: [Block] = [
            .heading(Heading(level: 1, text: "Summary")), .paragraph(Paragraph(text: "s", numbered: false)),
            .heading(Heading(level: 1, text: "Results")), .heading(Heading(level: 2, text: "Use")),
            .paragraph(Paragraph(text: "p", numbered: true)), .heading(Heading(level: 3, text: "x")),
            .heading(Heading(level: 4, text: "y")), .heading(Heading(level: 4, text: "z")), .heading(Heading(level: 5, text: "w")),
            .heading(Heading(level: 2, text: "Quality")), .paragraph(Paragraph(text: "q", numbered: true)),
            .heading(Heading(level: 0, text: "Annex")), .heading(Heading(level: 1, text: "Definitions")),
            .paragraph(Paragraph(text: "d", numbered: true)),
        ]
        Numbering().apply(to: &blocks)
        let labels = blocks.compactMap { b -> String? in if case .heading(let h) = b { h.label } else { nil } }
        #expect(labels == ["I.", "II.", "A.", "1.", "(a)", "(b)", "(i)", "B.", "", "I."])
        let numbers = blocks.compactMap { b -> Int? in if case .paragraph(let p) = b { p.number } else { nil } }
        #expect(numbers == [1, 2, 1])
        #expect(Numbering(subLevelFormat: "{})").label(level: 4, count: 3) == "c)")
        #expect(Numbering.roman(14) == "XIV")
        #expect(Numbering.letter(27) == "aa")
    }

    @Test func axisTicksAreNice() {
        let a = AxisScale(minimum: 0, maximum: 87)
        #expect(a.step == 20)
        #expect(a.ticks == [0, 20, 40, 60, 80, 100])
        let b = AxisScale(minimum: -3, maximum: 0.7)
        #expect(b.lower == -3 && b.step == 1 && b.upper == 1)
        let c = AxisScale(minimum: 0, maximum: 0.034)
        #expect(c.step == 0.01 && c.decimals == 2)
    }

    @Test func badTemplatesAreReportedWithFileAndLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken.toml")
        try "[report]\nkind = \"broken\"\ntitle = \n".write(to: broken, atomically: true, encoding: .utf8)
        let e1 = #expect(throws: ReportError.self) { try ReportTemplate.load(directory: folder.path, kind: "broken") }
        #expect(e1?.code == .template && e1?.file == broken.path && e1?.line == 3)

        try "[report]\nkind = \"x\"\ntitle = \"t\"\n\n[[section]]\ntype = \"pie\"\n".write(to: broken, atomically: true, encoding: .utf8)
        let e2 = #expect(throws: ReportError.self) { try ReportTemplate.load(directory: folder.path, kind: "broken") }
        #expect(e2?.line == 6 && e2?.message.contains("pie") == true)

        let e3 = #expect(throws: ReportError.self) { try ReportTemplate.load(directory: folder.path, kind: "absent") }
        #expect(e3?.message.contains("broken") == true, "lists the templates there are")

        try Data([0xff, 0xfe, 0x00, 0x01]).write(to: broken)
        #expect(throws: ReportError.self) { try ReportTemplate.load(directory: folder.path, kind: "broken") }
        try Data().write(to: broken)
        #expect(throws: ReportError.self) { try ReportTemplate.load(directory: folder.path, kind: "broken") }
    }

    @Test func shippedTemplatesParse() throws {
        for kind in ["baseline", "mid-term", "major", "cop-inf"] {
            let t = try ReportTemplate.load(directory: reportsDirectory, kind: kind)
            #expect(t.header.kind == kind)
            #expect(!t.sections.isEmpty)
        }
    }

    @Test func failedRendersWriteNothing() throws {
        let fixture = try ReportRenderingTests.fixture.get()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("x.pdf").path
        let settings = ReportSettings(reportsDirectory: reportsDirectory, indicatorsDirectory: indicatorsDirectory)
        let unknownEvaluation = #expect(throws: ReportError.self) {
            try ReportRenderer.render(kind: "major", evaluation: "major-99x", language: "en", format: .pdf, output: output,
                                      catalog: fixture.open(), settings: settings)
        }
        #expect(unknownEvaluation?.message.contains("major-99x") == true)
        let wrongKind = #expect(throws: ReportError.self) {
            try ReportRenderer.render(kind: "major", evaluation: "mid-term-2", language: "en", format: .pdf, output: output,
                                      catalog: fixture.open(), settings: settings)
        }
        #expect(wrongKind?.code == .template)
        let unknownLanguage = #expect(throws: ReportError.self) {
            try ReportRenderer.render(kind: "major", evaluation: "major-2", language: "xx", format: .pdf, output: output,
                                      catalog: fixture.open(), settings: settings)
        }
        #expect(unknownLanguage?.code == .locale)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aMastheadMovesOnToALaterSession() throws {
        let meeting = ReportTemplate.MeetingSpec(conference: "conference.stockholm", session: 12, place: "place.geneva",
                                                 start: "2025-04-28", end: "2025-05-09", agenda_item: "5 (h)",
                                                 agenda_symbol: "UNEP/POPS/COP.12/1.")
        let masthead = ReportTemplate.MastheadSpec(symbols: ["UNEP/POPS/COP.12/INF/20", "UNEP/CHW.17/INF/5"], date: "2025-03-14",
                                                   meetings: [meeting], title: "title.cop-inf")
        let moved = masthead.movedOn(sessions: 2, years: 4)
        let next = try #require(moved.meetings.first)
        #expect(next.session == 14)
        #expect(next.start == "2029-04-28")
        #expect(next.end == "2029-05-09")
        #expect(next.agenda_symbol == "UNEP/POPS/COP.14/1.")
        #expect(moved.date == "2029-03-14")
        // Only the symbols naming the meeting's session move on.
        #expect(moved.symbols == ["UNEP/POPS/COP.14/INF/20", "UNEP/CHW.17/INF/5"])
        #expect(next.place == "place.geneva")
        #expect(next.agenda_item == "5 (h)")
    }
}
