extension SurveyLayout {
    /// The layout whose signature columns the headers carry; `.csv` when none.
    /// LimeSurvey exports without their metadata columns are still known by
    /// their sub-question headers (`Q2[SQ001]`, `Question text [Sub-question]`).
    static func detect(headers: [String]) -> SurveyLayout {
        let keys = Set(headers.map { SurveyText.key($0) })
        for layout in [SurveyLayout.surveyMonkey, .odkCentral, .odkBriefcase, .kobo, .limeSurvey] {
            if layout.signatures.contains(where: { $0.allSatisfy(keys.contains) }) { return layout }
        }
        if keys.contains("response id") || keys.contains("answer id") { return .limeSurvey }
        let bracketed = headers.filter { h in
            guard h.hasSuffix("]"), let open = h.lastIndex(of: "["), open > h.startIndex else { return false }
            return !h[..<open].contains("/")
        }
        return bracketed.count >= 2 && bracketed.count * 4 >= headers.count ? .limeSurvey : .csv
    }
}
