/// Turns an instrument's TOML tree into a ``SurveyInstrument``, checking
/// each part where it is written.
struct InstrumentLoader {
    let file: String

    static let topKeys: Set<String> = [
        "id", "title", "description", "version", "languages", "layout", "delimiter", "timezone", "blank", "separator",
        "layouts", "respondent", "completion", "scales", "questions",
    ]
    static let settingKeys: Set<String> = ["delimiter", "timezone", "blank", "separator"]

    func error(_ message: String, line: Int) -> IngestError {
        IngestError(.invalidOption, message, file: file, line: line)
    }

    func instrument(from root: TOMLFields) throws -> SurveyInstrument {
        try root.checkKeys(Self.topKeys)
        let id = try root.requiredString("id").value
        let title = try root.requiredString("title").value
        let layouts = try self.layouts(root)
        let scales = try ScaleLoader(file: file).scales(root)
        var instrument = SurveyInstrument(id: id, title: title, layouts: layouts, scales: scales, questions: [], path: file)
        instrument.settings = try settings(root)
        if let perLayout = try root.table("layouts") {
            for (name, node) in perLayout.table.entries {
                guard let layout = SurveyLayout(rawValue: name) else {
                    throw error("layouts: unknown layout \(name); expected one of \(SurveyLayout.allCases.map(\.rawValue).joined(separator: ", "))", line: node.line)
                }
                guard let t = try perLayout.table(name) else { continue }
                try t.checkKeys(Self.settingKeys)
                instrument.layoutSettings[layout] = try settings(t)
            }
        }
        instrument.respondent = try respondent(root, scales: scales)
        instrument.completion = try completion(root)
        instrument.questions = try questions(root, scales: scales, layouts: layouts)
        return instrument
    }

    private func layouts(_ root: TOMLFields) throws -> [SurveyLayout] {
        // Without `layout` the instrument serves every layout (columns then resolve by code).
        guard let names = try root.strings("layout") else { return SurveyLayout.allCases }
        guard !names.values.isEmpty else { throw error("layout names no layout", line: names.line) }
        var seen: [SurveyLayout] = []
        for name in names.values {
            guard let layout = SurveyLayout(rawValue: SurveyText.key(name)) else {
                throw error("unknown layout \"\(name)\"; expected one of \(SurveyLayout.allCases.map(\.rawValue).joined(separator: ", "))", line: names.line)
            }
            if !seen.contains(layout) { seen.append(layout) }
        }
        return seen
    }

    private func settings(_ t: TOMLFields) throws -> SurveyInstrument.Settings {
        var s = SurveyInstrument.Settings()
        if let d = try t.string("delimiter") {
            let text = d.value == "tab" || d.value == "\\t" ? "\t" : d.value
            guard text.utf8.count == 1, let byte = text.utf8.first, byte != 0x22, byte != 0x0A, byte != 0x0D else {
                throw error("\(t.prefix)delimiter must be one character (or \"tab\"), not \"\(d.value)\"", line: d.line)
            }
            s.delimiter = byte
        }
        if let z = try t.string("timezone") {
            guard let offset = SurveyTimestamp.offset(z.value) else {
                throw error("\(t.prefix)timezone must be UTC or an offset such as +02:00, not \"\(z.value)\"", line: z.line)
            }
            s.utcOffset = offset
        }
        if let b = try t.strings("blank") { s.blankValues = b.values }
        if let sep = try t.string("separator") {
            guard !sep.value.isEmpty else { throw error("\(t.prefix)separator is empty", line: sep.line) }
            s.separator = sep.value
        }
        return s
    }

    private func respondent(_ root: TOMLFields, scales: [String: AnswerScale]) throws -> RespondentFields {
        var fields = RespondentFields()
        guard let t = try root.table("respondent") else { return fields }
        try t.checkKeys(Set(RespondentFields.keys))
        func field(_ key: String, mapped: Bool) throws -> RespondentField? {
            guard let node = t.node(key) else { return nil }
            let name = "respondent.\(key)"
            if node.string != nil {
                return RespondentField(column: try TOMLFields.column(node, name: name, file: file), line: node.line)
            }
            guard let table = node.table else {
                throw error("\(name) must be a column header or a table, not \(node.typeName)", line: node.line)
            }
            let f = TOMLFields(table: table, context: name, file: file)
            // A table of layout names alone is a per-layout column.
            if table.keys.allSatisfy({ ColumnReference.keys.contains($0) }) {
                return RespondentField(column: try TOMLFields.column(node, name: name, file: file), line: node.line)
            }
            try f.checkKeys(mapped ? ["column", "text", "scale", "map", "other", "value", "optional"] : ["column", "text", "optional"])
            var result = RespondentField(column: try f.column("column"), line: node.line)
            result.texts = try text(f)
            result.optional = try f.bool("optional") ?? false
            result.value = try f.string("value")?.value
            if result.column != nil, result.value != nil {
                throw error("\(name): give either column or value, not both", line: node.line)
            }
            if let s = try f.string("scale") {
                guard scales[s.value] != nil else {
                    throw error("\(name): unknown scale \(s.value); scales: \(scales.keys.sorted().joined(separator: ", "))", line: s.line)
                }
                result.scale = s.value
            }
            if let m = try f.table("map") {
                for (text, value) in m.table.entries {
                    guard let v = value.string else { throw error("\(name).map: the value for \"\(text)\" must be a string", line: value.line) }
                    result.map[SurveyText.key(text)] = v
                }
            }
            result.other = try f.string("other")?.value
            return result
        }
        fields.response = try field("response", mapped: false)
        fields.submitted = try field("submitted", mapped: false)
        fields.language = try field("language", mapped: true)
        fields.userGroup = try field("user_group", mapped: true)
        fields.region = try field("region", mapped: true)
        if let region = fields.region {
            // The region is stored as a UN regional group's name: check what the map and constant give.
            for value in Array(region.map.values) + [region.value, region.other].compactMap({ $0 }) where UNRegionalGroup(name: value) == nil {
                throw error("respondent.region: \"\(value)\" is not one of the five UN regional groups (\(UNRegionalGroup.allCases.map(\.name).joined(separator: ", ")))", line: region.line)
            }
        }
        fields.country = try field("country", mapped: true)
        fields.sector = try field("sector", mapped: true)
        return fields
    }

    private func completion(_ root: TOMLFields) throws -> CompletionRules {
        var rules = CompletionRules()
        guard let t = try root.table("completion") else { return rules }
        try t.checkKeys(["incomplete_when_empty", "exclude"])
        rules.explicit = true
        rules.incompleteWhenEmpty = try t.column("incomplete_when_empty")
        for table in try t.tables("exclude") ?? [] {
            let e = TOMLFields(table: table, context: "completion.exclude", file: file)
            try e.checkKeys(["column", "values", "reason"])
            guard let column = try e.column("column") else { throw error("completion.exclude: column is missing", line: table.line) }
            guard let values = try e.strings("values"), !values.values.isEmpty else {
                throw error("completion.exclude: values is missing", line: table.line)
            }
            let reason = try e.requiredString("reason").value
            rules.exclusions.append(.init(column: column, values: Set(values.values.map { SurveyText.key($0) }), reason: reason))
        }
        return rules
    }

    private func questions(_ root: TOMLFields, scales: [String: AnswerScale], layouts: [SurveyLayout]) throws -> [SurveyQuestion] {
        guard let tables = try root.tables("questions"), !tables.isEmpty else {
            throw error("the instrument has no [[questions]]", line: 1)
        }
        var seen: [String: Int] = [:]
        var questions: [SurveyQuestion] = []
        for table in tables {
            let at = TOMLFields(table: table, context: "questions", file: file)
            let id = try at.requiredString("id")
            let q = TOMLFields(table: table, context: "question \(id.value)", file: file)
            try q.checkKeys(["id", "objective", "scale", "kind", "text", "column"])
            if let first = seen[id.value] {
                throw error("question \(id.value) is defined twice (first on line \(first))", line: id.line)
            }
            seen[id.value] = id.line
            let objective = try q.requiredString("objective")
            guard SurveyQuestion.objectives.contains(objective.value) else {
                throw error("question \(id.value): unknown objective \(objective.value); expected one of \(SurveyQuestion.objectives.joined(separator: ", "))", line: objective.line)
            }
            let scale = try q.requiredString("scale")
            guard scales[scale.value] != nil else {
                throw error("question \(id.value): unknown scale \(scale.value); scales: \(scales.keys.sorted().joined(separator: ", "))", line: scale.line)
            }
            var kind = SurveyQuestion.Kind.single
            if let k = try q.string("kind") {
                guard let parsed = SurveyQuestion.Kind(rawValue: k.value) else {
                    throw error("question \(id.value): kind must be single or multiple, not \(k.value)", line: k.line)
                }
                kind = parsed
            }
            // Without `column` the question's id is its code in the export.
            let column = try q.column("column") ?? ColumnReference(id.value, line: id.line)
            for layout in layouts where column.name(for: layout) == nil {
                throw error("question \(id.value): no column for the \(layout.rawValue) layout (add column.\(layout.rawValue) or column.default)", line: column.line)
            }
            let texts = try text(q)
            questions.append(SurveyQuestion(id: id.value, objective: objective.value, scale: scale.value, kind: kind,
                                            text: texts.first, texts: texts, column: column, line: table.line))
        }
        return questions
    }

    /// The wording as full-text exports write it: a string, or a table by
    /// language; English first, then the others in the order written.
    private func text(_ q: TOMLFields) throws -> [String] {
        guard let node = q.node("text") else { return [] }
        if let s = node.string { return [s] }
        guard let t = node.table else { throw error("\(q.prefix)text must be a string or a table by language", line: node.line) }
        var texts: [String] = []
        for (language, value) in t.entries {
            guard let s = value.string else { throw error("\(q.prefix)text.\(language) must be a string", line: value.line) }
            if language == "en" { texts.insert(s, at: 0) } else { texts.append(s) }
        }
        return texts
    }
}
