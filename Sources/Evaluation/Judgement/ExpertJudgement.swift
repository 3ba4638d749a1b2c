import Foundation
import TOMLKit

/// The expert judgement that completes an evaluation: the plan bases the
/// final evaluation of each objective "on an analysis of indicators and on
/// an expert judgement" (paragraph 73). One TOML file per evaluation.
public struct ExpertJudgement: Sendable, Hashable {
    /// The fixed rating scale.
    public enum Rating: String, Sendable, Hashable, CaseIterable {
        case fullyAchieved = "fully achieved"
        case largelyAchieved = "largely achieved"
        case partiallyAchieved = "partially achieved"
        case notAchieved = "not achieved"
        case notAssessed = "not assessed"
    }

    /// The judgement on one objective.
    public struct Assessment: Sendable, Hashable {
        public var objective: String
        public var rating: Rating
        public var text: String
    }

    /// The evaluation it belongs to (`mid-term-5`, `major-5`, `baseline`).
    public var evaluation: String
    /// Who judged (an external evaluator for major evaluations).
    public var assessor: String
    /// When, as written in the file (ISO date).
    public var date: String
    /// Per objective, in the plan's order.
    public var assessments: [Assessment]
    /// Conclusions, as paragraphs.
    public var conclusions: [String]
    /// Recommendations to the Conference of the Parties.
    public var recommendations: [String]
    /// People invited to the surveys the evaluation reads (`survey_invitations`),
    /// for the response rate; nil when not recorded.
    public var surveyInvitations: Int?
    /// The file it was read from.
    public var file: String
    /// The texts in other languages, by locale id (`fr`, `ar`…): see ``localized(_:)``.
    public var translations: [String: Translation] = [:]

    /// The assessment of an objective.
    public func assessment(of objective: String) -> Assessment? { assessments.first { $0.objective == objective } }

    private struct File: Decodable {
        struct Entry: Decodable {
            var rating: String
            var text: String?
        }

        var evaluation: String
        var assessor: String?
        var date: String?
        var objectives: [String: Entry]
        var conclusions: [String]?
        var recommendations: [String]?
        var survey_invitations: Int?
        var translations: [String: Translation.File]?
    }

    /// Reads and validates a judgement file against the catalogue's objectives.
    /// - Throws: ``Catalogue/Problems`` listing every problem as `file:line: message`.
    public static func load(path: String, objectives: [String] = Catalogue.objectiveOrder) throws -> ExpertJudgement {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Catalogue.Problems(errors: [CatalogueError(file: path, "cannot read the judgement file")])
        }
        let decoded: File
        do {
            decoded = try Catalogue.decode(File.self, text, file: path)
        } catch let e as CatalogueError {
            throw Catalogue.Problems(errors: [e])
        }
        let lines = SourceLines(text)
        var errors: [CatalogueError] = []
        var assessments: [Assessment] = []
        for (id, entry) in decoded.objectives {
            let line = max(lines.line(ofKey: "rating", value: entry.rating), 0)
            guard objectives.contains(id) else {
                errors.append(CatalogueError(file: path, line: line, "\"\(id)\" is not an objective; objectives: \(objectives.joined(separator: ", "))"))
                continue
            }
            guard let rating = Rating(rawValue: entry.rating.lowercased()) else {
                errors.append(CatalogueError(file: path, line: line, "objective \(id): rating \"\(entry.rating)\" is not on the scale: \(Rating.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            assessments.append(Assessment(objective: id, rating: rating, text: entry.text ?? ""))
        }
        let missing = objectives.filter { o in !decoded.objectives.keys.contains(o) }
        if !missing.isEmpty {
            errors.append(CatalogueError(file: path, "no judgement for \(missing.joined(separator: ", ")) (use rating = \"not assessed\" to say so)"))
        }
        if let invited = decoded.survey_invitations, invited <= 0 {
            errors.append(CatalogueError(file: path, line: max(lines.line(ofKey: "survey_invitations", value: nil), 0),
                                         "survey_invitations is \(invited); it counts the people invited to the surveys and must be positive"))
        }
        var translations: [String: Translation] = [:]
        for (language, entry) in decoded.translations ?? [:] {
            let (translation, problems) = Translation.validate(entry, language: language, path: path, lines: lines, objectives: objectives,
                                                               conclusions: decoded.conclusions?.count ?? 0,
                                                               recommendations: decoded.recommendations?.count ?? 0)
            translations[language] = translation
            errors += problems
        }
        guard errors.isEmpty else { throw Catalogue.Problems(errors: errors) }
        assessments.sort { (objectives.firstIndex(of: $0.objective) ?? 0) < (objectives.firstIndex(of: $1.objective) ?? 0) }
        return ExpertJudgement(evaluation: decoded.evaluation, assessor: decoded.assessor ?? "", date: decoded.date ?? "",
                               assessments: assessments, conclusions: decoded.conclusions ?? [],
                               recommendations: decoded.recommendations ?? [], surveyInvitations: decoded.survey_invitations, file: path,
                               translations: translations)
    }
}
