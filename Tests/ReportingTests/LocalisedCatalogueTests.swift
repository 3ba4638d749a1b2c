import Evaluation
import Foundation
@testable import Reporting
import Testing

/// Indicator texts, objective statements and coded cell labels in the
/// report's language, with the catalogue's English where a locale lacks them.
@Suite(.serialized) struct LocalisedCatalogueTests {
    static let catalogue = Result { try Catalogue.load(directory: indicatorsDirectory) }

    /// Renders the major evaluation of phase II from `reports` (templates with `locales/`).
    func render(_ language: String, reports: String = reportsDirectory, to folder: URL) throws -> String {
        let fixture = try ReportRenderingTests.fixture.get()
        let outcome = try ReportRenderer.render(kind: "major", evaluation: "major-2", language: language, format: .pdf,
                                                output: folder.appendingPathComponent("major-\(language).pdf").path,
                                                catalog: try fixture.open(),
                                                settings: ReportSettings(reportsDirectory: reports, indicatorsDirectory: indicatorsDirectory,
                                                                         sourceDateEpoch: 1_450_000_000))
        return try pdfText(outcome.files[0])
    }

    @Test func frenchReportNamesIndicatorsAndCellsInFrench() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try render("fr", to: folder)
        let catalogue = try Self.catalogue.get()
        let fr = try ReportLocale.load(directory: reportsDirectory + "/locales", id: "fr")
        for id in ["collaboration.joint_projects", "membership.members", "volume.documents"] {
            let i = try #require(catalogue.indicator(id))
            let title = fr.text(.title, of: i)
            #expect(text.contains(title), "French title of \(id) \"\(title)\" not in the report")
        }
        for i in catalogue.indicators {
            #expect(!text.contains(i.title), "English title of \(i.id) \"\(i.title)\" in the French report")
        }
        // The annex's definitions and the objectives' statements.
        let visitors = try #require(catalogue.indicator("use.visitors"))
        #expect(!text.contains(visitors.definition))
        let volume = try #require(catalogue.objectives.first { $0.id == "volume" })
        #expect(text.contains(fr.statement(of: volume)))
        #expect(!text.contains(volume.statement))
        // Coded cells: regions and user groups (the fixture writes "regional centre" in lower case).
        #expect(text.contains("États d'Afrique") || text.contains("États d\u{2019}Afrique"))
        #expect(!text.contains("African States"))
        #expect(text.contains("Centre régional"))
        #expect(!text.contains("regional centre"))
    }

    @Test func arabicReportNamesIndicatorsInArabic() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try render("ar", to: folder)
        let words = PDFWords(text)
        let catalogue = try Self.catalogue.get()
        let ar = try ReportLocale.load(directory: reportsDirectory + "/locales", id: "ar")
        for id in ["collaboration.joint_projects", "membership.members", "volume.documents"] {
            let i = try #require(catalogue.indicator(id))
            let title = ar.text(.title, of: i)
            #expect(words.contain(title), "Arabic title of \(id) \"\(title)\" not in the report")
        }
        for i in catalogue.indicators {
            #expect(!text.contains(i.title), "English title of \(i.id) \"\(i.title)\" in the Arabic report")
        }
        #expect(words.contain("الدول الأفريقية"))
        #expect(!text.contains("African States"))
    }

    @Test func missingTranslationsFallBackToEnglishAndAreListed() throws {
        let catalogue = try Self.catalogue.get()
        // A copy of Reports/ whose French lacks the joint projects' table and the statement of "use".
        let reports = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: reports) }
        for name in try FileManager.default.contentsOfDirectory(atPath: reportsDirectory) where name.hasSuffix(".toml") || name == "locales" {
            try FileManager.default.copyItem(atPath: reportsDirectory + "/" + name, toPath: reports.appendingPathComponent(name).path)
        }
        let frPath = reports.appendingPathComponent("locales/fr.toml").path
        var french = try String(contentsOfFile: frPath, encoding: .utf8)
        for table in ["[indicator.\"collaboration.joint_projects\"]", "[objective.use]"] {
            let start = try #require(french.range(of: table))
            let end = french.range(of: "\n\n[", range: start.upperBound..<french.endIndex)?.lowerBound ?? french.endIndex
            french.removeSubrange(start.lowerBound..<end)
        }
        try french.write(toFile: frPath, atomically: true, encoding: .utf8)

        let missing = try ReportLocale.missingKeys(directory: reports.appendingPathComponent("locales").path, catalogue: catalogue)
        let fields = ["title", "unit", "definition", "method", "limitations", "sources"]
        // Catalogue order: objectives as the plan lists them, each statement before its indicators.
        #expect(missing["fr"] == ["objective.use.statement"] + fields.map { "indicator.\"collaboration.joint_projects\".\($0)" })
        #expect(missing["es"] == nil && missing["ar"] == nil)
        #expect(ReportLocale.describeMissing(["heading.summary"] + (missing["fr"] ?? [])) == [
            "\"heading.summary\"",
            "objective \"use\": statement",
            "indicator \"collaboration.joint_projects\": title, unit, definition, method, limitations, sources",
        ])
        // Without the catalogue only the fixed strings are compared.
        #expect(try ReportLocale.missingKeys(directory: reports.appendingPathComponent("locales").path)["fr"] == nil)

        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try render("fr", reports: reports.path, to: folder)
        let joint = try #require(catalogue.indicator("collaboration.joint_projects"))
        let use = try #require(catalogue.objectives.first { $0.id == "use" })
        #expect(text.contains(joint.title), "the English title stands in for the missing translation")
        #expect(text.contains(use.statement))
        #expect(text.contains("Membres du réseau"), "other indicators stay in French")
    }

    @Test func percentUnitsNeedNoTranslation() throws {
        let catalogue = try Self.catalogue.get()
        let keys = ReportLocale.catalogueKeys(catalogue).map(\.key)
        #expect(keys.contains("indicator.\"use.visitors\".unit"))
        #expect(!keys.contains("indicator.\"quality.improved\".unit"), "\"%\" is the same in every language")
        #expect(keys.contains("objective.volume.statement"))
    }

    @Test func cellLabelsComeFromTheLocale() throws {
        let fr = try ReportLocale.load(directory: reportsDirectory + "/locales", id: "fr")
        #expect(fr.cellLabel("IGO", dimension: "user_group") == "Organisation intergouvernementale")
        #expect(fr.cellLabel("academia and research", dimension: "user_group") == "Milieux universitaires et recherche")
        #expect(fr.cellLabel("1 Dec–Feb", dimension: "season") == "Décembre–février")
        #expect(fr.cellLabel("2024-03", dimension: "month") == "mars 2024")
        #expect(fr.cellLabel("en", dimension: "language") == "anglais")
        #expect(fr.cellLabel("(unknown)", dimension: "region") == "Non précisé")
        // Codes the locale does not know are shown as the data have them.
        #expect(fr.cellLabel("FR", dimension: "country") == "FR")
        #expect(fr.cellLabel("guidance", dimension: "document_category") == "guidance")
        let zh = try ReportLocale.load(directory: reportsDirectory + "/locales", id: "zh")
        #expect(zh.cellLabel("Western European and other States", dimension: "region") == "西欧和其他国家")
    }
}
