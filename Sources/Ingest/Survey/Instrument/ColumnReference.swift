/// A column an instrument reads, named once for every layout or per layout
/// (`column.limesurvey = "CHG[VALUE]"`, `column.kobo = "change/value"`,
/// `column.odk = "change-value"`), with the instrument line that names it.
struct ColumnReference: Sendable {
    /// Header by key: a layout's name, `odk` (both ODK layouts) or `default`.
    var names: [String: String]
    /// The instrument line, for errors.
    var line: Int

    /// A reference used for every layout.
    init(_ name: String, line: Int) {
        names = ["default": name]
        self.line = line
    }

    /// A reference with per-layout names.
    init(names: [String: String], line: Int) {
        self.names = names
        self.line = line
    }

    /// The header to look for in an export of `layout`, or `nil` when the
    /// instrument gives none for it.
    func name(for layout: SurveyLayout) -> String? {
        for key in layout.referenceKeys { if let n = names[key] { return n } }
        return nil
    }

    /// Keys allowed in a per-layout table.
    static let keys: Set<String> = Set(SurveyLayout.allCases.map(\.rawValue) + ["odk", "default"])
}
