import Evaluation
import Foundation
@testable import Reporting
import Testing

/// Fonts loaded, and the annex's definitions laid out, on another thread
/// while the data are read change nothing in what is drawn: the same
/// pages, the same bytes as a typesetter made when the layout starts.
@Suite(.serialized) struct FontsAheadTests {
    func render(_ kind: String, _ language: String, format: ReportFormat = .pdf, ahead: Bool, to folder: URL,
                inspect: (Typesetter) -> Void = { _ in }) throws -> ReportOutcome {
        let fixture = try ReportRenderingTests.fixture.get()
        let evaluation = try #require(ReportRenderingTests.evaluations[kind])
        // The judgement file is major-2's: its assessments, conclusions and a translated text.
        var settings = ReportSettings(reportsDirectory: reportsDirectory, indicatorsDirectory: indicatorsDirectory,
                                      judgementPath: evaluation == "major-2" ? try ReportRenderingTests.judgementFile() : nil,
                                      sourceDateEpoch: 1_450_000_000)
        settings.fontsAhead = ahead
        return try ReportRenderer.render(kind: kind, evaluation: evaluation, language: language, format: format,
                                         output: folder.appendingPathComponent("\(kind)-\(language).\(format.rawValue)").path,
                                         catalog: try fixture.open(), settings: settings, inspect: inspect)
    }

    @Test(arguments: [("major", "en"), ("major", "ar"), ("cop-inf", "zh"), ("cop-inf", "fr")])
    func pdfIsByteIdenticalWithFontsLoadedAhead(kind: String, language: String) throws {
        let late = try temporaryFolder(), early = try temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: late)
            try? FileManager.default.removeItem(at: early)
        }
        let a = try render(kind, language, ahead: false, to: late)
        let b = try render(kind, language, ahead: true, to: early)
        #expect(a.pages == b.pages)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.files[0])) == Data(contentsOf: URL(fileURLWithPath: b.files[0])),
                "\(kind) in \(language) differs with fonts loaded ahead")
    }

    @Test func svgIsByteIdenticalWithFontsLoadedAhead() throws {
        let late = try temporaryFolder(), early = try temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: late)
            try? FileManager.default.removeItem(at: early)
        }
        let a = try render("major", "zh", format: .svg, ahead: false, to: late)
        let b = try render("major", "zh", format: .svg, ahead: true, to: early)
        #expect(a.files.count == b.files.count)
        for (x, y) in zip(a.files, b.files) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: x)) == Data(contentsOf: URL(fileURLWithPath: y)), "\(x) differs with fonts loaded ahead")
        }
    }

    /// The definitions laid out ahead are those the document lays out: the
    /// paginator finds every one of their texts already shaped.
    @Test func definitionsLaidOutAheadAreTheDocumentsOwn() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let locale = try ReportLocale.load(directory: reportsDirectory + "/locales", id: "fr")
        let catalogue = try Catalogue.load(directory: indicatorsDirectory)
        let ahead = try Typesetter(languageTag: locale.languageTag, families: locale.fonts, rightToLeft: locale.rightToLeft)
        Paginator(typesetter: ahead, locale: locale).layout(catalogue.objectives.map { o in
            .table(ReportBuilder.definitionTable(o, header: ReportBuilder.definitionHeader.map { locale.text($0) }, locale: locale))
        })
        var shaped: Set<String> = []
        _ = try render("major", "fr", ahead: false, to: folder) { shaped = $0.textsLaidOut }
        let definitions = ahead.textsLaidOut
        #expect(definitions.count > 100)
        #expect(definitions.subtracting(shaped).isEmpty, "laid out ahead, never asked for: \(definitions.subtracting(shaped).prefix(5))")
    }

    /// Fonts not loaded ahead are loaded after the data, on the path to the
    /// file: only table headers shrunk to fit may need them.
    @Test(arguments: ["major", "cop-inf", "mid-term", "baseline"])
    func everyFontButShrunkHeadersIsLoadedAhead(kind: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var used: Set<TextStyle> = []
        _ = try render(kind, "en", ahead: true, to: folder) { used = $0.fontsUsed }
        let template = try ReportTemplate.load(directory: reportsDirectory, kind: kind)
        let ahead = Set(Paginator.fontStyles(masthead: template.masthead != nil).map { TextStyle(size: $0.size, bold: $0.bold, italic: $0.italic) })
        let late = used.subtracting(ahead).filter { !($0.bold && $0.size < Paginator.cellStyle.size) }
        #expect(late.isEmpty, "fonts first asked for after the data: \(late)")
        #expect(used.count >= 8)
    }
}
