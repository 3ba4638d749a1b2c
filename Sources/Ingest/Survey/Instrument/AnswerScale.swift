/// Why an answer leaves the denominator of a survey indicator.
public enum AnswerExclusion: String, Sendable, CaseIterable, Hashable {
    /// "Don't know".
    case dontKnow = "dont_know"
    /// "Not applicable".
    case notApplicable = "not_applicable"
    /// "Prefer not to say".
    case refused
    /// No answer: the cell is empty or holds the tool's marker for a question not shown.
    case blank
}

/// The answer options of a question: their codes, the codes and labels the
/// tools write for them (in the six UN languages where given), their order,
/// which count as *improved* and which are excluded from the denominator.
public struct AnswerScale: Sendable {
    /// One answer option.
    public struct Option: Sendable {
        /// The code stored in `responses.answer`.
        public var code: String
        /// Labels by language code (`en`, `fr`, `es`, `ru`, `ar`, `zh`, …).
        public var labels: [String: String]
        /// Other codes the tools write for this option (`A1`, `1`, `Y`).
        public var values: [String]
        /// Set when the option is a don't know / not applicable / refused answer.
        public var exclusion: AnswerExclusion?
        /// The score stored for the option; by default its 1-based rank among
        /// the substantive options of an ordered scale.
        public var score: Double?
    }

    /// The scale's name in the instrument.
    public var id: String
    /// A description for people.
    public var title: String?
    /// The options in scale order.
    public var options: [Option]
    /// Whether the options are ordered (scores are given only then).
    public var ordered: Bool
    /// Codes of the options counted as perceiving improvement; `nil` when the
    /// scale has no notion of improvement.
    public var improved: Set<String>?
    /// Normalised text (code, value or label) → option index.
    var lookup: [String: Int] = [:]

    /// The option a cell's text names (its code, another value or a label), if any.
    func option(matching text: some StringProtocol) -> Int? {
        lookup[SurveyText.key(text)]
    }

    /// The 1-based position of an option among the scale's substantive
    /// options, or `nil` when the scale is unordered or the option excluded.
    func score(ofOption index: Int) -> Double? {
        guard options[index].exclusion == nil else { return nil }
        if let s = options[index].score { return s }
        guard ordered else { return nil }
        return Double(options[..<index].filter { $0.exclusion == nil }.count + 1)
    }

    /// true/false for a valid answer on a scale with an improvement notion, else `nil`.
    func improved(option index: Int) -> Bool? {
        guard let improved, options[index].exclusion == nil else { return nil }
        return improved.contains(options[index].code)
    }

    /// Every spelling that names `option`: its code, values and labels.
    func spellings(of index: Int) -> [String] {
        let o = options[index]
        return [o.code] + o.values + o.labels.keys.sorted().map { o.labels[$0]! }
    }
}
