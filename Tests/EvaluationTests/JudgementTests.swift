import Evaluation
import Foundation
import Testing

/// Expert judgement files: ratings per objective, texts, and the number of
/// people invited to the evaluation's surveys.
@Suite struct JudgementTests {
    func write(_ extra: String) throws -> String {
        var text = "evaluation = \"major-2\"\nassessor = \"Evaluator\"\ndate = \"2016-03-01\"\n\(extra)\n"
        for o in Catalogue.objectiveOrder { text += "[objectives.\(o)]\nrating = \"largely achieved\"\n" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("judgement-\(UUID().uuidString).toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func invitationsAreReadWhenGiven() throws {
        let given = try write("survey_invitations = 1250")
        let none = try write("")
        defer {
            try? FileManager.default.removeItem(atPath: given)
            try? FileManager.default.removeItem(atPath: none)
        }
        #expect(try ExpertJudgement.load(path: given).surveyInvitations == 1250)
        #expect(try ExpertJudgement.load(path: none).surveyInvitations == nil)
        #expect(try ExpertJudgement.load(path: given).assessments.count == Catalogue.objectiveOrder.count)
    }

    @Test func nonPositiveInvitationsAreRejectedWithTheirLine() throws {
        let path = try write("survey_invitations = 0")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try ExpertJudgement.load(path: path)
            Issue.record("a judgement with 0 invitations was accepted")
        } catch let problems as Catalogue.Problems {
            #expect(problems.errors.contains { $0.line == 4 && $0.message.contains("survey_invitations") })
        }
    }
}

/// Judgement texts in other languages: a report in a language quotes its
/// translation, and the original wherever a text was left untranslated.
@Suite struct JudgementTranslationTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("judgement-\(UUID().uuidString).toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A judgement with texts for `use` and `quality`, two conclusions, one recommendation, and `extra` after.
    func judgement(_ extra: String) -> String {
        var text = "evaluation = \"major-2\"\nconclusions = [\"One.\", \"Two.\"]\nrecommendations = [\"Do.\"]\n"
        for o in Catalogue.objectiveOrder {
            text += "[objectives.\(o)]\nrating = \"largely achieved\"\n"
            if o == "use" || o == "quality" { text += "text = \"\(o) text\"\n" }
        }
        return text + extra
    }

    @Test func aTranslationReplacesTheTextsItGivesAndKeepsTheOthers() throws {
        let path = try write(judgement("""
            [translations.fr]
            conclusions = ["Un.", "Deux."]
            [translations.fr.objectives]
            use = "texte d'utilisation"
            """))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let original = try ExpertJudgement.load(path: path)
        let french = original.localized("fr")
        #expect(french.assessment(of: "use")?.text == "texte d'utilisation")
        #expect(french.assessment(of: "quality")?.text == "quality text")
        #expect(french.assessment(of: "use")?.rating == .largelyAchieved)
        #expect(french.conclusions == ["Un.", "Deux."])
        #expect(french.recommendations == ["Do."])
        #expect(original.localized("es") == original)
        #expect(original.untranslated() == ["translations.fr: no text for objective quality", "translations.fr: no recommendations"])
    }

    @Test func badTranslationsAreReportedWithTheirLines() throws {
        let path = try write(judgement("""
            [translations.de]
            conclusions = ["Eins."]
            [translations.de.objectives]
            usage = "Nutzung"
            """))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let header = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex(of: "[translations.de]")! + 1
        do {
            _ = try ExpertJudgement.load(path: path)
            Issue.record("a judgement with bad translations was accepted")
        } catch let problems as Catalogue.Problems {
            let messages = problems.errors.map(\.description)
            #expect(messages.contains { $0.contains(":\(header): translations.de: \"de\" is not a report language") })
            #expect(messages.contains { $0.contains(":\(header): translations.de: 1 conclusions for the original's 2") })
            #expect(messages.contains { $0.contains(":\(header + 2): translations.de: \"usage\" is not an objective") })
        }
    }
}
