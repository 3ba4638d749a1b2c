/// An instrument resolved against one export: the column index of every
/// respondent field, completion rule and question, found once before any
/// row is read, so a mismatch is reported before anything is written.
struct SurveyPlan {
    /// A respondent field and its column (nil: constant or absent).
    struct Field {
        var spec: RespondentField?
        var column: Int?
    }

    /// A question's column, or for a select-multiple its per-option columns.
    struct Question {
        var spec: SurveyQuestion
        var scale: AnswerScale
        var column: Int?
        /// Per-option columns by option index (select-multiple only).
        var optionColumns: [Int: Int] = [:]
    }

    /// A rule setting rows aside, resolved.
    struct Exclusion {
        var column: Int
        var values: Set<String>
        var reason: String
    }

    var response = Field()
    var submitted = Field()
    var language = Field()
    var userGroup = Field()
    var region = Field()
    var country = Field()
    var sector = Field()
    var incompleteColumn: Int?
    var exclusions: [Exclusion] = []
    var questions: [Question] = []
    var settings = SurveyInstrument.Settings()

    /// Resolves `instrument` against `export`.
    /// - Throws: ``IngestError`` (`.wrongFormat`) naming every column the export lacks.
    init(instrument: SurveyInstrument, export: SurveyExport, file: String) throws {
        let layout = export.layout
        let columns = ExportColumns(headers: export.headers)
        settings = instrument.settings(for: layout)
        var missing: [String] = []
        var ambiguous: [String] = []

        func column(_ reference: ColumnReference?, defaults: [String], what: String, texts: [String] = [], optional: Bool = false) -> Int? {
            guard let reference else {
                guard !texts.isEmpty else { return columns.first(of: defaults) }
                if case .success(let i) = columns.resolve(code: nil, texts: texts) { return i }
                if let i = columns.first(of: defaults) { return i }
                if !optional { missing.append("\(what) (\"\(texts[0].prefix(50))\")") }
                return nil
            }
            guard let name = reference.name(for: layout) else { return nil }
            switch columns.resolve(code: name, texts: texts) {
            case .success(let i): return i
            case .failure(.missing): if !optional { missing.append("\(what) (\(name))") }
            case .failure(.ambiguous(let hits)):
                ambiguous.append("\(what) (\(name)) matches columns \(hits.map { String($0 + 1) }.joined(separator: ", "))")
            }
            return nil
        }
        let r = instrument.respondent
        response = Field(spec: r.response, column: column(r.response?.column, defaults: layout.defaultResponseColumns, what: "respondent.response", texts: r.response?.texts ?? []))
        submitted = Field(spec: r.submitted, column: column(r.submitted?.column, defaults: layout.defaultSubmittedColumns, what: "respondent.submitted", texts: r.submitted?.texts ?? []))
        language = Field(spec: r.language, column: r.language?.value != nil ? nil
            : column(r.language?.column, defaults: layout.defaultLanguageColumns, what: "respondent.language", texts: r.language?.texts ?? []))
        for (key, spec) in [("user_group", r.userGroup), ("region", r.region), ("country", r.country), ("sector", r.sector)] {
            let absent = spec == nil || spec?.value != nil || (spec?.column == nil && spec?.texts.isEmpty != false)
            let field = Field(spec: spec, column: absent ? nil : column(spec?.column, defaults: [], what: "respondent.\(key)", texts: spec?.texts ?? [], optional: spec?.optional ?? false))
            switch key {
            case "user_group": userGroup = field
            case "region": region = field
            case "country": country = field
            default: sector = field
            }
        }
        if instrument.completion.explicit {
            if let c = instrument.completion.incompleteWhenEmpty {
                incompleteColumn = column(c, defaults: [], what: "completion.incomplete_when_empty")
            }
            for e in instrument.completion.exclusions {
                if let i = column(e.column, defaults: [], what: "completion.exclude") {
                    exclusions.append(Exclusion(column: i, values: e.values, reason: e.reason))
                }
            }
        } else {
            let defaults = layout.defaultCompletion
            incompleteColumn = columns.first(of: defaults.incompleteWhenEmpty)
            for e in defaults.exclusions {
                if let i = columns.first(of: [e.column]) {
                    exclusions.append(Exclusion(column: i, values: Set(e.values.map { SurveyText.key($0) }), reason: e.reason))
                }
            }
        }
        for q in instrument.questions {
            let scale = instrument.scales[q.scale]!
            guard let name = q.column.name(for: layout) else {
                missing.append("question \(q.id) (no column for the \(layout.rawValue) layout)")
                continue
            }
            var plan = Question(spec: q, scale: scale)
            switch columns.resolve(code: name, texts: q.texts) {
            case .success(let i): plan.column = i
            case .failure(.ambiguous(let hits)):
                ambiguous.append("question \(q.id) (\(name)) matches columns \(hits.map { String($0 + 1) }.joined(separator: ", "))")
                continue
            case .failure(.missing): break
            }
            if q.kind == .multiple {
                for (k, option) in scale.options.enumerated() where option.exclusion == nil {
                    if let i = columns.optionColumn(question: name, base: plan.column, option: option, texts: q.texts) { plan.optionColumns[k] = i }
                }
            }
            if plan.column == nil && plan.optionColumns.isEmpty {
                missing.append("question \(q.id) (\(name))")
                continue
            }
            questions.append(plan)
        }
        if !ambiguous.isEmpty {
            throw IngestError(.wrongFormat, "\(instrument.path): columns named ambiguously in this \(layout.toolName) export: \(ambiguous.joined(separator: "; "))", file: file, line: 1)
        }
        if !missing.isEmpty {
            let shown = export.headers.prefix(12).map { "\"\($0.prefix(40))\"" }.joined(separator: ", ")
            throw IngestError(.wrongFormat, "the export does not match instrument \(instrument.id) (\(instrument.path)) read as \(layout.toolName): missing \(missing.joined(separator: ", ")); the export's columns begin \(shown)\(export.headers.count > 12 ? ", …" : "")", file: file, line: 1)
        }
    }
}
