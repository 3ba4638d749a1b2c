/// One question of an instrument and the column(s) it reads.
public struct SurveyQuestion: Sendable {
    /// How the answers are written.
    public enum Kind: String, Sendable {
        /// One option per respondent, in one column.
        case single
        /// Any number of options: one column of space-separated codes, or
        /// one column per option (ticked 1/Y/Yes/True or the option's label).
        case multiple
    }

    /// The question's id, stored in `responses.question`.
    public var id: String
    /// The plan objective it informs (`value_added`, `quality`, …).
    public var objective: String
    /// The id of its answer scale.
    public var scale: String
    /// Single or select-multiple.
    public var kind: Kind
    /// The question's wording in English, for people reading the instrument.
    public var text: String?
    /// The wording in every language given, matched against full-text headers.
    var texts: [String]
    /// The column it reads (for `multiple`: the question's own column, whose
    /// per-option columns are found from it).
    var column: ColumnReference
    /// The instrument line of `[[questions]]`, for errors.
    var line: Int

    /// The plan's objectives (strategic plan, section IV).
    public static let objectives: [String] = [
        "value_added", "use", "quality", "speed_facility", "responsiveness", "integration", "volume",
        "membership", "member_responsiveness", "awareness_use", "collaboration",
    ]
}
