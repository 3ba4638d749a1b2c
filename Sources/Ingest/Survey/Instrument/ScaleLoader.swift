/// Reads `[scales.NAME]` tables: options with codes, values and labels,
/// their order, which count as improved and which are excluded.
struct ScaleLoader {
    let file: String

    func error(_ message: String, line: Int) -> IngestError {
        IngestError(.invalidOption, message, file: file, line: line)
    }

    func scales(_ root: TOMLFields) throws -> [String: AnswerScale] {
        guard let all = try root.table("scales") else {
            throw error("the instrument has no [scales.NAME]: every question needs an answer scale", line: 1)
        }
        var scales: [String: AnswerScale] = [:]
        guard !all.table.keys.isEmpty else {
            throw error("[scales] defines no scale: add [scales.NAME] with its options", line: all.table.line)
        }
        for (name, _) in all.table.entries {
            guard let t = try all.table(name) else { continue }
            scales[name] = try scale(name, t)
        }
        return scales
    }

    private func scale(_ id: String, _ t: TOMLFields) throws -> AnswerScale {
        try t.checkKeys(["title", "ordered", "improved", "options"])
        guard let optionTables = try t.tables("options"), !optionTables.isEmpty else {
            throw error("scales.\(id): options is missing; list them as [[scales.\(id).options]]", line: t.table.line)
        }
        var options: [AnswerScale.Option] = []
        var optionLines: [Int] = []
        for table in optionTables {
            let o = TOMLFields(table: table, context: "scales.\(id).options", file: file)
            try o.checkKeys(["code", "labels", "values", "exclude", "score"])
            let code = try o.requiredString("code")
            if let twin = options.firstIndex(where: { $0.code == code.value }) {
                throw error("scales.\(id): option \(code.value) is listed twice (first on line \(optionLines[twin]))", line: code.line)
            }
            var option = AnswerScale.Option(code: code.value, labels: [:], values: try o.strings("values")?.values ?? [], exclusion: nil)
            if let node = o.node("score") {
                switch node.value {
                case .integer(let i): option.score = Double(i)
                case .float(let f): option.score = f
                default: throw error("scales.\(id): option \(code.value): score must be a number, not \(node.typeName)", line: node.line)
                }
            }
            if let labels = try o.table("labels") {
                for (language, node) in labels.table.entries {
                    guard let label = node.string else {
                        throw error("scales.\(id): the \(language) label of \(code.value) must be a string", line: node.line)
                    }
                    option.labels[language] = label
                }
            }
            if let exclude = try o.string("exclude") {
                guard let e = AnswerExclusion(rawValue: exclude.value), e != .blank else {
                    throw error("scales.\(id): option \(code.value): exclude must be dont_know, not_applicable or refused, not \(exclude.value)", line: exclude.line)
                }
                option.exclusion = e
            }
            options.append(option)
            optionLines.append(table.line)
        }
        var scale = AnswerScale(id: id, title: try t.string("title")?.value, options: options, ordered: try t.bool("ordered") ?? true, improved: nil)
        if let improved = try t.strings("improved") {
            for code in improved.values {
                guard let option = options.first(where: { $0.code == code }) else {
                    throw error("scales.\(id): improved names \(code), which is not an option code (\(options.map(\.code).joined(separator: ", ")))", line: improved.line)
                }
                guard option.exclusion == nil else {
                    throw error("scales.\(id): improved names \(code), which is excluded as \(option.exclusion!.rawValue)", line: improved.line)
                }
            }
            scale.improved = Set(improved.values)
        }
        // Every spelling must name one option only, or a cell could be read two ways.
        for index in options.indices {
            for spelling in scale.spellings(of: index) {
                let key = SurveyText.key(spelling)
                guard !key.isEmpty else { throw error("scales.\(id): option \(options[index].code) has an empty value or label", line: optionLines[index]) }
                if let other = scale.lookup[key], other != index {
                    throw error("scales.\(id): \"\(spelling)\" names both \(options[other].code) and \(options[index].code)", line: optionLines[index])
                }
                scale.lookup[key] = index
            }
        }
        return scale
    }
}
