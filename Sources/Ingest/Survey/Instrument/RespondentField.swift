/// A respondent attribute (user group, region, country, sector, language,
/// response id, submission time) and how its cells become stored values.
struct RespondentField: Sendable {
    /// The column, or `nil` for the layout's default column(s).
    var column: ColumnReference?
    /// A scale whose option codes the cells are mapped to (by code, value or label).
    var scale: String?
    /// Explicit cell text → stored value, compared without regard to case and spacing.
    var map: [String: String] = [:]
    /// Stored for a non-empty cell that neither the map nor the scale knows;
    /// without it such a row is rejected.
    var other: String?
    /// Stored for every row when the export has no such column (`language = { value = "en" }`).
    var value: String?
    /// The question's wording as full-text exports write it, in each language given.
    var texts: [String] = []
    /// Whether an export may lack the column (the value is then null, or derived:
    /// the region from the country).
    var optional = false
    /// The instrument line, for errors.
    var line: Int
}

/// The respondent columns of an instrument.
struct RespondentFields: Sendable {
    var response: RespondentField?
    var submitted: RespondentField?
    var language: RespondentField?
    var userGroup: RespondentField?
    var region: RespondentField?
    var country: RespondentField?
    var sector: RespondentField?

    /// The TOML keys, in the order of the `responses` table.
    static let keys = ["response", "submitted", "user_group", "region", "country", "sector", "language"]
}
