import Columnar
import Foundation
import Ingest

/// Writes each survey of the demo as two exports, as the tools write them:
/// most respondents answer online (LimeSurvey, answer codes) and the rest
/// on tablets at regional workshops (KoBoToolbox, `;`-separated, XML names).
/// Both map onto `Surveys/chm-user-survey.toml`.
struct SurveyExportWriter {
    let network: DemoNetwork
    let timeline: DemoTimeline

    /// The questionnaire's answer columns, LimeSurvey code and KoBo path.
    static let questions = [("CHG[VALUE]", "change/CHG_VALUE"), ("CHG[QUALITY]", "change/CHG_QUALITY"), ("CHG[CONTRIB]", "change/CHG_CONTRIB"),
                            ("CHG[LOCATE]", "change/CHG_LOCATE"), ("CHG[TIMELY]", "change/CHG_TIMELY"), ("CHG[COMPARE]", "change/CHG_COMPARE"),
                            ("CHG[AWARE]", "change/CHG_AWARE")]
    static let groups = [("G1", "party_focal_point"), ("G2", "regional_centre"), ("G3", "igo"), ("G4", "ngo"), ("G5", "industry"),
                         ("G6", "academia_research"), ("G7", "other")]
    static let groupWeights = [0.34, 0.06, 0.07, 0.2, 0.1, 0.17, 0.06]
    static let scale = [("A1", "much_worse"), ("A2", "worse"), ("A3", "no_change"), ("A4", "improved"), ("A5", "much_improved"),
                        ("DK", "dont_know"), ("NA", "not_applicable")]
    static let languages = ["en", "en", "en", "fr", "es", "ru", "ar", "zh"]

    struct Respondent {
        var submitted: Int64
        var group: Int
        var country: Country
        var sector: String
        var language: String
        /// Index into ``scale`` per question; nil = not answered.
        var answers: [Int?]
        var complete: Bool
    }

    /// The respondents of one survey: several hundred, more each round,
    /// perceiving more improvement as the mechanism matures.
    func respondents(_ survey: DemoTimeline.Survey, random: inout SeededRandom) -> [Respondent] {
        let count = 260 + 45 * survey.round + random.below(40)
        let open = survey.opens
        let members = network.active(in: survey.year)
        let groupTable = WeightedTable(Self.groupWeights)
        var out: [Respondent] = []
        for _ in 0..<count {
            let m = random.pick(members)
            let group = groupTable.draw(&random)
            // Improvement is perceived more often each round, a little less in regions the mechanism reached late.
            var p = 0.42 + 0.035 * Double(survey.round)
            if m.country?.group == .african || m.country?.group == .asiaPacific { p -= survey.round < 5 ? 0.06 : 0.0 }
            if group == 4 { p -= 0.05 }
            let answers: [Int?] = Self.questions.indices.map { q in
                let u = random.unit()
                if u < 0.07 { return 5 }                 // don't know
                if u < 0.10 { return q == 5 ? 6 : 5 }    // not applicable (comparison) or don't know
                if u < 0.12 { return nil }               // skipped
                let shade = q == 4 ? -0.04 : q == 5 ? -0.06 : 0.0
                if random.chance(min(0.95, p + shade)) { return random.chance(0.3) ? 4 : 3 }
                return random.chance(0.75) ? 2 : random.chance(0.7) ? 1 : 0
            }
            let submitted = open + Int64(random.below(42 * 86_400))
            out.append(Respondent(submitted: submitted, group: group, country: m.country ?? network.parties[0],
                                  sector: m.sector, language: random.pick(Self.languages), answers: answers,
                                  complete: !random.chance(0.06)))
        }
        return out.sorted { $0.submitted < $1.submitted }
    }

    /// A LimeSurvey "codes" export (answer codes, question-code headers).
    func limeSurvey(_ respondents: [Respondent], random: inout SeededRandom) -> String {
        var lines = ["id,submitdate,lastpage,startlanguage,seed,startdate,datestamp,ROLE,COUNTRY,SECTOR," + Self.questions.map(\.0).joined(separator: ",")]
        for (i, r) in respondents.enumerated() {
            let started = r.submitted - Int64(120 + random.below(1200))
            let time = CivilTime.format(r.submitted)
            let answers = r.answers.map { a in a.map { Self.scale[$0].0 } ?? "" }
            let cells = ["\(i + 1)", r.complete ? time : "", r.complete ? "3" : "1", r.language, "\(random.below(99_999))",
                         CivilTime.format(started), time, Self.groups[r.group].0, r.country.alpha2, r.sector]
                + (r.complete ? answers : answers.prefix(2) + Array(repeating: "", count: answers.count - 2))
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A KoBoToolbox export (`;`, quoted, `group/question` headers, XML names, local times with offset).
    func kobo(_ respondents: [Respondent], random: inout SeededRandom) -> String {
        let header = ["start", "end", "respondent/ROLE", "respondent/COUNTRY", "respondent/SECTOR"] + Self.questions.map(\.1)
            + ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index"]
        var lines = [header.map { "\"\($0)\"" }.joined(separator: ";")]
        for (i, r) in respondents.enumerated() where r.complete {
            // Tablets record local time (the workshops run at UTC+03:00).
            let local = CivilTime.format(r.submitted + 3 * 3600).replacingOccurrences(of: " ", with: "T") + ".000+03:00"
            let uuid = (0..<4).map { _ in String(random.next() & 0xffff_ffff, radix: 16) }.joined(separator: "-")
            let cells = [local, local, Self.groups[r.group].1, r.country.alpha2.lowercased(), r.sector]
                + r.answers.map { a in a.map { Self.scale[$0].1 } ?? "" }
                + ["\(70_000 + i)", uuid, CivilTime.format(r.submitted).replacingOccurrences(of: " ", with: "T"),
                   "validation_status_approved", "", "submitted_via_web", "", "vDemo2026", "", "\(i + 1)"]
            lines.append(cells.map { "\"\($0)\"" }.joined(separator: ";"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
