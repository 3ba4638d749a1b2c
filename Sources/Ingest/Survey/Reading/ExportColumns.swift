/// Finds the columns an instrument names in an export, in whichever form
/// the tool wrote them: the instrument names a column once, by question
/// code (`CHG[VALUE]`, `change/value`), and this finds it as LimeSurvey
/// (`CHG[VALUE]`, `CHG [VALUE]`, `CHG_VALUE`), KoBo (`grp/change/value`),
/// ODK (`grp-change-value`) or, from the question's wording, a full-text
/// export (`How has … changed? [Value]`, SurveyMonkey's two header rows).
struct ExportColumns {
    /// Header comparison keys (``SurveyText/key(_:)``), by column index.
    let keys: [String]
    /// Column indices by key (several when the export repeats a header).
    private let index: [String: [Int]]

    init(headers: [String]) {
        keys = headers.map { SurveyText.key($0) }
        var index: [String: [Int]] = [:]
        for (i, k) in keys.enumerated() where !k.isEmpty { index[k, default: []].append(i) }
        self.index = index
    }

    /// Why a name could not be resolved to one column.
    enum Failure: Error {
        case missing
        case ambiguous([Int])
    }

    /// The spellings of a code in the tools' header forms.
    static func spellings(of code: String) -> [String] {
        let c = SurveyText.key(code)
        var out = [c]
        if c.hasSuffix("]"), let open = c.lastIndex(of: "[") {
            let question = SurveyText.trimmed(c[..<open])
            let sub = SurveyText.trimmed(c[c.index(after: open)..<c.index(before: c.endIndex)])
            // `/` and `-` first: KoBo and ODK write `q/opt` next to a `q_other` text column.
            out += ["\(question)[\(sub)]", "\(question) [\(sub)]", "\(question)/\(sub)", "\(question)-\(sub)", "\(question)_\(sub)"]
        }
        if c.contains("/") { out.append(c.replacingOccurrences(of: "/", with: "-")) }
        var seen: Set<String> = []
        return out.filter { seen.insert($0).inserted }
    }

    /// The column of `code` (or of one of `texts`, the full-text headers).
    func resolve(code: String?, texts: [String] = []) -> Result<Int, Failure> {
        if let code {
            let spellings = Self.spellings(of: code)
            for s in spellings {
                if let hits = index[s] { return hits.count == 1 ? .success(hits[0]) : .failure(.ambiguous(hits)) }
            }
            // Inside groups: KoBo `group/code`, ODK `group-code`; the first spelling found wins.
            for s in spellings {
                let nested = keys.indices.filter { keys[$0].hasSuffix("/\(s)") || keys[$0].hasSuffix("-\(s)") }
                if nested.count == 1 { return .success(nested[0]) }
                if nested.count > 1 { return .failure(.ambiguous(nested)) }
            }
            // "Code and text" headers: `CHG1. How has …`, `CHG1 - How has …`.
            let c = SurveyText.key(code)
            let prefixed = keys.indices.filter { i in [". ", " - ", ": ", ") "].contains { keys[i].hasPrefix(c + $0) } }
            if prefixed.count == 1 { return .success(prefixed[0]) }
            if prefixed.count > 1 { return .failure(.ambiguous(prefixed)) }
        }
        for text in texts {
            if let hits = index[SurveyText.key(text)] { return hits.count == 1 ? .success(hits[0]) : .failure(.ambiguous(hits)) }
        }
        return .failure(.missing)
    }

    /// The first of `names` the export has, exactly (respondent metadata columns).
    func first(of names: [String]) -> Int? {
        for n in names { if let hit = index[SurveyText.key(n)]?.first { return hit } }
        return nil
    }

    /// The per-option column of a select-multiple question whose own column
    /// is `base` (`q/opt` in KoBo and ODK, `Q[opt]` in LimeSurvey, `Question [Label]` in full text).
    func optionColumn(question code: String, base: Int?, option: AnswerScale.Option, texts: [String]) -> Int? {
        var candidates: [String] = []
        if let base {
            candidates += ["\(keys[base])/\(SurveyText.key(option.code))"]
            candidates += option.labels.values.flatMap { ["\(keys[base]) [\(SurveyText.key($0))]", "\(keys[base])/\(SurveyText.key($0))"] }
        }
        if case .success(let i) = resolve(code: "\(code)[\(option.code)]") { return i }
        candidates += texts.flatMap { t in option.labels.values.map { "\(SurveyText.key(t)) [\(SurveyText.key($0))]" } }
        for c in candidates { if let hit = index[SurveyText.key(c)]?.first { return hit } }
        return nil
    }
}
