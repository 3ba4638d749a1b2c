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
