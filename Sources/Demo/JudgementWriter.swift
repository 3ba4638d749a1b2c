import Evaluation
import Foundation

/// Writes the expert judgement file an evaluation report quotes. In a real
/// evaluation a person writes it; the demo drafts one from the indicators'
/// progress ratings so the reports have their judgement, conclusions and
/// recommendations — and says in the file that it was generated.
struct JudgementWriter {
    let catalogue: Catalogue

    /// The first line of every judgement the demo drafts (a file without it was edited by hand).
    static let marker = "# Drafted by chm demo from the indicators' progress ratings; an evaluator would write this file."

    func judgement(for evaluation: Period, values: [IndicatorValue], date: String, surveyInvitations: Int? = nil) -> String {
        var lines = [
            Self.marker,
            "evaluation = \"\(evaluation.id)\"",
            "assessor = \"Demonstration evaluator (generated)\"",
            "date = \"\(date)\"",
        ]
        if let surveyInvitations {
            lines.append("# People invited to the surveys of the period (for the response rate).")
            lines.append("survey_invitations = \(surveyInvitations)")
        }
        var lagging: [String] = []
        var sections: [String] = []
        for objective in catalogue.objectives {
            let ratings = values.filter { v in
                v.period == evaluation.id && v.breakdown == nil && objective.indicators.contains { $0.id == v.indicator }
            }.compactMap(\.rating)
            let onTrack = ratings.filter { $0 == .onTrack }.count
            let rating: ExpertJudgement.Rating
            if ratings.isEmpty {
                rating = .notAssessed
            } else {
                let share = Double(onTrack) / Double(ratings.count)
                rating = share >= 0.9 ? .fullyAchieved : share >= 0.6 ? .largelyAchieved : share >= 0.3 ? .partiallyAchieved : .notAchieved
            }
            if rating == .partiallyAchieved || rating == .notAchieved { lagging.append(objective.title.lowercased()) }
            let text = ratings.isEmpty
                ? "No indicator of this objective could be rated for the period."
                : "\(onTrack) of \(ratings.count) rated indicators are on track since the baseline."
            sections.append("[objectives.\(objective.id)]\nrating = \"\(rating.rawValue)\"\ntext = \"\(text)\"")
        }
        let conclusion = lagging.isEmpty
            ? "The mechanism progressed on every objective of the strategic plan during the period."
            : "The mechanism progressed on most objectives; progress was slower for \(lagging.joined(separator: ", "))."
        lines.append("conclusions = [\"\(conclusion)\", \"Users perceive improvement more often than at the baseline, across regions and user groups.\"]")
        var recommendations = ["Keep the contribution log complete and consistent so that member responsiveness can be measured."]
        if !lagging.isEmpty { recommendations.insert("Give priority in the next work programme to \(lagging.joined(separator: ", ")).", at: 0) }
        lines.append("recommendations = [" + recommendations.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
        return (lines + [""] + sections).joined(separator: "\n") + "\n"
    }
}
