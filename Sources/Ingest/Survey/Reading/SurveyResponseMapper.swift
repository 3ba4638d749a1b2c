/// Turns one respondent row of an export into `responses` rows: the
/// respondent's values mapped as the instrument says and one row per
/// question, with the answer's code, score, improvement and exclusion.
struct SurveyResponseMapper {
    /// One `responses` row.
    struct Answer {
        var question: String
        var objective: String
        var answer: String
        var score: Double?
        var improved: Bool?
        var exclusion: String?
    }

    /// The respondent's values shared by its answer rows.
    struct Respondent {
        var response: String
        var submitted: Int64?
        var userGroup: String?
        var region: String?
        var country: String?
        var sector: String?
        var language: String?
    }

    /// What becomes of a row.
    enum Result {
        case stored(Respondent, [Answer])
        /// Set aside by a completion rule (incomplete, rejected in review…): counted, not stored.
        case setAside(String)
        /// Unreadable: rejected with the reason.
        case rejected(String)
    }

    let plan: SurveyPlan
    let instrument: SurveyInstrument
    let countries: CountryReference
    let columnCount: Int
    /// Blank markers of the layout and the instrument, as keys.
    let blanks: Set<String>

    init(plan: SurveyPlan, instrument: SurveyInstrument, countries: CountryReference, columnCount: Int) {
        self.plan = plan
        self.instrument = instrument
        self.countries = countries
        self.columnCount = columnCount
        blanks = Set(plan.settings.blankValues.map { SurveyText.key($0) })
    }

    private static let ticked: Set<String> = ["1", "y", "yes", "true", "x"]
    private static let unticked: Set<String> = ["0", "n", "no", "false"]

    func map(_ row: SurveyExport.Row) -> Result {
        var cells = row.cells
        if cells.count > columnCount, cells[columnCount...].allSatisfy({ SurveyText.trimmed($0).isEmpty }) {
            cells.removeLast(cells.count - columnCount)
        }
        guard cells.count == columnCount else {
            return .rejected("expected \(columnCount) fields, found \(cells.count)")
        }
        func cell(_ i: Int?) -> String? {
            guard let i else { return nil }
            let t = SurveyText.trimmed(cells[i])
            return t.isEmpty ? nil : t
        }
        if let i = plan.incompleteColumn, cell(i) == nil { return .setAside("incomplete") }
        for e in plan.exclusions where cell(e.column).map({ e.values.contains(SurveyText.key($0)) }) == true {
            return .setAside(e.reason)
        }
        var respondent = Respondent(response: cell(plan.response.column) ?? "line \(row.line)")
        if let text = cell(plan.submitted.column) {
            guard let t = SurveyTimestamp.parse(text, utcOffset: plan.settings.utcOffset ?? 0) else {
                return .rejected("submitted: cannot read \"\(text.prefix(40))\" as a date and time")
            }
            respondent.submitted = t
        }
        do {
            respondent.language = try value(plan.language, cell(plan.language.column), "language")
            respondent.userGroup = try value(plan.userGroup, cell(plan.userGroup.column), "user_group")
            respondent.sector = try value(plan.sector, cell(plan.sector.column), "sector")
            if let c = try value(plan.country, cell(plan.country.column), "country") {
                guard let country = countries.country(matching: c) else {
                    let hint = countries.suggestion(for: c).map { " (did you mean \($0)?)" } ?? ""
                    throw Rejection("country: \"\(c.prefix(40))\" is not a country name or ISO code\(hint)")
                }
                respondent.country = country.alpha2
                respondent.region = country.group?.name
            }
            let regionText = cell(plan.region.column)
            if plan.region.spec != nil, let r = try regionText.flatMap({ UNRegionalGroup(name: $0)?.name }) ?? value(plan.region, regionText, "region") {
                guard let group = UNRegionalGroup(name: r) else {
                    throw Rejection("region: \"\(r.prefix(40))\" is not one of the five UN regional groups")
                }
                respondent.region = group.name
            }
        } catch let r as Rejection {
            return .rejected(r.reason)
        } catch {
            return .rejected("\(error)")
        }
        var answers: [Answer] = []
        for q in plan.questions {
            switch q.spec.kind {
            case .single:
                guard let r = single(q, cell(q.column)) else {
                    let codes = q.scale.options.map(\.code).joined(separator: ", ")
                    return .rejected("question \(q.spec.id): \"\(cell(q.column)!.prefix(60))\" is not an answer of scale \(q.scale.id) (codes: \(codes))")
                }
                answers.append(r)
            case .multiple:
                switch multiple(q, cell) {
                case .success(let a): answers.append(a)
                case .failure(let r): return .rejected(r.reason)
                }
            }
        }
        return .stored(respondent, answers)
    }

    private struct Rejection: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private func isBlank(_ text: String?) -> Bool {
        guard let text else { return true }
        return blanks.contains(SurveyText.key(text))
    }

    private func blank(_ q: SurveyPlan.Question) -> Answer {
        Answer(question: q.spec.id, objective: q.spec.objective, answer: "", score: nil, improved: nil, exclusion: AnswerExclusion.blank.rawValue)
    }

    /// A one-column answer: blank, or the option its text names.
    private func single(_ q: SurveyPlan.Question, _ text: String?) -> Answer? {
        if isBlank(text) { return blank(q) }
        guard let k = q.scale.option(matching: text!) else { return nil }
        let option = q.scale.options[k]
        return Answer(question: q.spec.id, objective: q.spec.objective, answer: option.code, score: q.scale.score(ofOption: k),
                      improved: q.scale.improved(option: k), exclusion: option.exclusion?.rawValue)
    }

    /// A select-multiple answer: the chosen codes, space-separated in the
    /// question's column (KoBo, ODK) or ticked in per-option columns.
    private func multiple(_ q: SurveyPlan.Question, _ cell: (Int?) -> String?) -> Swift.Result<Answer, Rejection> {
        var chosen: [Int] = []
        var answered = false
        let separator = plan.settings.separator
        if let text = cell(q.column), !isBlank(text), q.optionColumns.isEmpty || !Self.unticked.union(Self.ticked).contains(SurveyText.key(text)) {
            let parts = separator.map { text.components(separatedBy: $0) } ?? text.split(whereSeparator: \.isWhitespace).map(String.init)
            let whole = q.scale.option(matching: text)
            for part in whole.map({ _ in [text] }) ?? parts where !SurveyText.trimmed(part).isEmpty {
                guard let k = q.scale.option(matching: part) else {
                    return .failure(Rejection("question \(q.spec.id): \"\(part.prefix(60))\" is not an option of scale \(q.scale.id)"))
                }
                if !chosen.contains(k) { chosen.append(k) }
            }
            answered = true
        } else {
            for (k, column) in q.optionColumns.sorted(by: { $0.key < $1.key }) {
                guard let text = cell(column), !isBlank(text) else { continue }
                let key = SurveyText.key(text)
                answered = true
                if Self.ticked.contains(key) || q.scale.option(matching: text) == k { chosen.append(k) }
                else if !Self.unticked.contains(key) {
                    return .failure(Rejection("question \(q.spec.id): \"\(text.prefix(60))\" in the column of option \(q.scale.options[k].code) is neither ticked nor unticked"))
                }
            }
        }
        guard answered else { return .success(blank(q)) }
        chosen.sort()
        let codes = chosen.map { q.scale.options[$0].code }.joined(separator: " ")
        if chosen.count == 1, let e = q.scale.options[chosen[0]].exclusion {
            return .success(Answer(question: q.spec.id, objective: q.spec.objective, answer: codes, score: nil, improved: nil, exclusion: e.rawValue))
        }
        let improved = q.scale.improved.map { set in chosen.contains { set.contains(q.scale.options[$0].code) } }
        return .success(Answer(question: q.spec.id, objective: q.spec.objective, answer: codes, score: nil, improved: improved, exclusion: nil))
    }

    /// A respondent value: the constant, the map's value, the scale's option code or the text.
    private func value(_ field: SurveyPlan.Field, _ text: String?, _ name: String) throws -> String? {
        guard let spec = field.spec else { return text }
        if let constant = spec.value { return constant }
        guard let text else { return nil }
        if let mapped = spec.map[SurveyText.key(text)] { return mapped }
        if let scaleID = spec.scale, let scale = instrument.scales[scaleID] {
            if let k = scale.option(matching: text) { return scale.options[k].code }
        } else if spec.map.isEmpty {
            return text
        }
        if let other = spec.other { return other }
        throw Rejection("\(name): \"\(text.prefix(40))\" is not a value the instrument maps (add it to respondent.\(name).map or set respondent.\(name).other)")
    }
}
