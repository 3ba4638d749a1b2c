@testable import Demo
@testable import Evaluation
import Foundation
import Testing

/// The judgement the demo drafts: ratings from the share of indicators on
/// track, its texts in English and translated into the other five report
/// languages, and a file `chm check` and the reports accept.
@Suite struct JudgementDraftTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func draftsRatingsAndTextsInEveryReportLanguage() throws {
        let catalogue = try Catalogue.load(directory: Self.repository.appendingPathComponent("Indicators").path)
        let schedule = Schedule()
        let major = try #require(schedule.period(id: "major-2"))
        let use = try #require(catalogue.objectives.first { $0.id == "use" }).indicators.map(\.id)
        let quality = try #require(catalogue.objectives.first { $0.id == "quality" }).indicators.map(\.id)
        try #require(use.count >= 3 && quality.count >= 1)
        func value(_ id: String, _ rating: ProgressRating?, value: Double? = nil, baseline: Double? = nil) -> IndicatorValue {
            IndicatorValue(indicator: id, period: major.id, value: value, baseline: baseline, rating: rating, status: .normal)
        }
        // use: 2 of 3 on track (0.67: largely achieved); quality: 0 of 1 (not achieved, so it lags).
        var values = [value(use[0], .onTrack), value(use[1], .onTrack), value(use[2], .deterioration), value(quality[0], .limitedProgress)]
        // One survey indicator above its baseline.
        let survey = try #require(catalogue.indicators.first { $0.kind == .surveyImprovement })
        values.append(value(survey.id, nil, value: 70, baseline: 60))
        let writer = JudgementWriter(catalogue: catalogue, titles: ["fr": ["quality": "Qualité"]])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("draft-\(UUID().uuidString).toml").path
        try writer.judgement(for: major, values: values, date: "2016-12-31").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let judgement = try ExpertJudgement.load(path: path, objectives: catalogue.objectives.map(\.id))
        #expect(judgement.assessment(of: "use")?.rating == .largelyAchieved)
        #expect(judgement.assessment(of: "use")?.text == "2 of 3 rated indicators are on track since the baseline.")
        #expect(judgement.assessment(of: "quality")?.rating == .notAchieved)
        #expect(judgement.assessment(of: "volume")?.rating == .notAssessed)
        #expect(judgement.conclusions == ["The mechanism progressed on most objectives; progress was slower for quality.",
                                          "Survey indicators above their baseline: 1 of 1."])
        #expect(judgement.recommendations.first == "Give priority in the next work programme to quality.")
        #expect(Set(judgement.translations.keys) == ["fr", "es", "ru", "ar", "zh"])
        #expect(judgement.untranslated().isEmpty)
        let french = judgement.localized("fr")
        #expect(french.assessment(of: "use")?.text == "Indicateurs notés en bonne voie depuis la référence : 2 sur 3.")
        #expect(french.recommendations.first == "Accorder la priorité, dans le prochain programme de travail, aux objectifs suivants : qualité.")
        #expect(judgement.localized("zh").assessment(of: "use")?.text == "自基线以来进展顺利的已评级指标：3项中的2项。")
    }
}
