import Evaluation
import Reporting
import Foundation

/// Writes the expert judgement file an evaluation report quotes. In a real
/// evaluation a person writes it; the demo drafts one from the indicators'
/// progress ratings so the reports have their judgement, conclusions and
/// recommendations — and says in the file that it was generated.
struct JudgementWriter {
    let catalogue: Catalogue
    /// Objective titles per language id, from the report locales (English from the catalogue).
    var titles: [String: [String: String]] = [:]

    /// The languages drafted: English, then a translation table for each other report language.
    static let languages = ReportLocale.official

    /// The first line of every judgement the demo drafts (a file without it was edited by hand).
    static let marker = "# Drafted by chm demo from the indicators' progress ratings; an evaluator would write this file."

    /// What the drafted texts say, worked out once for all languages.
    private struct Findings {
        var objectives: [(id: String, rating: ExpertJudgement.Rating, onTrack: Int, rated: Int)] = []
        var lagging: [String] = []
        /// Survey indicators with a baseline, and those above it.
        var surveyed = 0
        var above = 0
    }

    func judgement(for evaluation: Period, values: [IndicatorValue], date: String, surveyInvitations: Int? = nil) -> String {
        var lines = [
            Self.marker,
            "evaluation = \(Self.quoted(evaluation.id))",
            "assessor = \"Demonstration evaluator (generated)\"",
            "date = \(Self.quoted(date))",
        ]
        if let surveyInvitations {
            lines.append("# People invited to the surveys of the period (for the response rate).")
            lines.append("survey_invitations = \(surveyInvitations)")
        }
        let findings = findings(evaluation, values)
        let english = texts(findings, language: "en")
        lines.append("conclusions = " + Self.quoted(english.conclusions))
        lines.append("recommendations = " + Self.quoted(english.recommendations))
        for (o, text) in zip(findings.objectives, english.objectives) {
            lines += ["", "[objectives.\(o.id)]", "rating = \(Self.quoted(o.rating.rawValue))", "text = \(Self.quoted(text))"]
        }
        for language in Self.languages.dropFirst() {
            let t = texts(findings, language: language)
            lines += ["", "[translations.\(language)]", "conclusions = " + Self.quoted(t.conclusions),
                      "recommendations = " + Self.quoted(t.recommendations), "[translations.\(language).objectives]"]
            lines += zip(findings.objectives, t.objectives).map { o, text in "\(o.id) = \(Self.quoted(text))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func findings(_ evaluation: Period, _ values: [IndicatorValue]) -> Findings {
        var f = Findings()
        let totals = values.filter { $0.period == evaluation.id && $0.breakdown == nil }
        for objective in catalogue.objectives {
            let ratings = totals.filter { v in objective.indicators.contains { $0.id == v.indicator } }.compactMap(\.rating)
            let onTrack = ratings.filter { $0 == .onTrack }.count
            let rating: ExpertJudgement.Rating
            if ratings.isEmpty {
                rating = .notAssessed
            } else {
                let share = Double(onTrack) / Double(ratings.count)
                rating = share >= 0.9 ? .fullyAchieved : share >= 0.6 ? .largelyAchieved : share >= 0.3 ? .partiallyAchieved : .notAchieved
            }
            if rating == .partiallyAchieved || rating == .notAchieved { f.lagging.append(objective.id) }
            f.objectives.append((objective.id, rating, onTrack, ratings.count))
        }
        let surveys = Set(catalogue.indicators.filter { $0.kind == .surveyImprovement }.map(\.id))
        for v in totals where surveys.contains(v.indicator) {
            guard let now = v.value, let baseline = v.baseline else { continue }
            f.surveyed += 1
            if now > baseline { f.above += 1 }
        }
        return f
    }

    private func texts(_ f: Findings, language: String) -> (objectives: [String], conclusions: [String], recommendations: [String]) {
        let p = JudgementPhrases.of(language)
        let objectives = f.objectives.map { o in
            o.rated == 0 ? p.notRated : JudgementPhrases.fill(p.onTrack, ["on": "\(o.onTrack)", "rated": "\(o.rated)"])
        }
        let list = f.lagging.map { id in
            (titles[language]?[id] ?? catalogue.objectives.first { $0.id == id }?.title ?? id).lowercased()
        }.joined(separator: p.separator)
        var conclusions = [f.lagging.isEmpty ? p.allProgressed : JudgementPhrases.fill(p.mostProgressed, ["list": list])]
        if f.surveyed > 0 { conclusions.append(JudgementPhrases.fill(p.surveysAbove, ["above": "\(f.above)", "surveyed": "\(f.surveyed)"])) }
        var recommendations = [p.keepLog]
        if !f.lagging.isEmpty { recommendations.insert(JudgementPhrases.fill(p.priority, ["list": list]), at: 0) }
        return (objectives, conclusions, recommendations)
    }

    /// A TOML basic string.
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A TOML array of basic strings.
    static func quoted(_ list: [String]) -> String {
        "[" + list.map { quoted($0) }.joined(separator: ", ") + "]"
    }
}
