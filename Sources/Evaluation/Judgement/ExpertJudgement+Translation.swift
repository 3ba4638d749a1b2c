/// A judgement's texts in other languages.
///
/// The evaluator writes the judgement in one language; translators add a
/// table per language, and a report in that language quotes it:
///
/// ```toml
/// [translations.fr]
/// conclusions = ["Le mécanisme a progressé …"]
/// recommendations = ["…"]
/// [translations.fr.objectives]
/// use = "3 des 4 indicateurs notés sont en bonne voie."
/// ```
///
/// A text left out of a translation is quoted in the original language.
extension ExpertJudgement {
    /// One language's texts.
    public struct Translation: Sendable, Hashable {
        /// Per objective id, its text.
        public var objectives: [String: String]
        /// The conclusions, one per original conclusion (nil: not translated).
        public var conclusions: [String]?
        /// The recommendations, one per original recommendation (nil: not translated).
        public var recommendations: [String]?

        struct File: Decodable {
            var objectives: [String: String]?
            var conclusions: [String]?
            var recommendations: [String]?
        }

        /// Checks a language's table against the original judgement.
        static func validate(_ file: File, language: String, path: String, lines: SourceLines, objectives: [String],
                             conclusions: Int, recommendations: Int) -> (Translation, [CatalogueError]) {
            let line = lines.line(ofHeader: "translations.\(language)")
            var errors: [CatalogueError] = []
            if !Self.languages.contains(language) {
                errors.append(CatalogueError(file: path, line: line, "translations.\(language): \"\(language)\" is not a report language; languages: \(Self.languages.joined(separator: ", "))"))
            }
            for id in (file.objectives ?? [:]).keys.sorted() where !objectives.contains(id) {
                errors.append(CatalogueError(file: path, line: lines.line(ofHeader: "translations.\(language).objectives"),
                                             "translations.\(language): \"\(id)\" is not an objective; objectives: \(objectives.joined(separator: ", "))"))
            }
            // Paragraph for paragraph: a report must not drop or add one in translation.
            for (name, translated, original) in [("conclusions", file.conclusions, conclusions), ("recommendations", file.recommendations, recommendations)] {
                guard let translated, translated.count != original else { continue }
                errors.append(CatalogueError(file: path, line: line, "translations.\(language): \(translated.count) \(name) for the original's \(original)"))
            }
            return (Translation(objectives: file.objectives ?? [:], conclusions: file.conclusions, recommendations: file.recommendations), errors)
        }

        /// The languages reports are written in.
        static let languages = ["en", "fr", "es", "ru", "ar", "zh"]
    }

    /// The judgement with its texts in `language` where translated, the
    /// original's elsewhere (ratings do not change).
    public func localized(_ language: String) -> ExpertJudgement {
        guard let t = translations[language] else { return self }
        var copy = self
        for k in copy.assessments.indices {
            if let text = t.objectives[copy.assessments[k].objective] { copy.assessments[k].text = text }
        }
        if let c = t.conclusions { copy.conclusions = c }
        if let r = t.recommendations { copy.recommendations = r }
        return copy
    }

    /// Texts of the original that a language's table leaves untranslated, as
    /// `translations.fr: objective use` etc. (reports quote the original there).
    public func untranslated() -> [String] {
        var out: [String] = []
        for language in translations.keys.sorted() {
            let t = translations[language]!
            for a in assessments where !a.text.isEmpty && t.objectives[a.objective] == nil {
                out.append("translations.\(language): no text for objective \(a.objective)")
            }
            if !conclusions.isEmpty, t.conclusions == nil { out.append("translations.\(language): no conclusions") }
            if !recommendations.isEmpty, t.recommendations == nil { out.append("translations.\(language): no recommendations") }
        }
        return out
    }
}
