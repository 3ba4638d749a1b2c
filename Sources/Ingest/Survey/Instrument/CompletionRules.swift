/// Which respondent rows count: a row whose completion column is empty is
/// incomplete, and a row whose column holds one of a rule's values is
/// excluded for that rule's reason. Excluded rows are counted, not stored.
struct CompletionRules: Sendable {
    /// A rule excluding rows by the value of one column.
    struct Exclusion: Sendable {
        var column: ColumnReference
        /// Values, as comparison keys (``SurveyText/key(_:)``).
        var values: Set<String>
        /// The reason reported (e.g. `rejected`).
        var reason: String
    }

    /// An empty cell here marks an incomplete response (LimeSurvey's `submitdate`).
    var incompleteWhenEmpty: ColumnReference?
    var exclusions: [Exclusion] = []
    /// Whether the instrument wrote `[completion]` (else the layout's defaults apply).
    var explicit = false
}
