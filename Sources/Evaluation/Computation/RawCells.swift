/// Numerators and denominators as the composed queries return them, by
/// indicator, grouping period (a cycle or phase id), breakdown and cell.
struct RawCells {
    struct Key: Hashable {
        var indicator: String
        var period: String
        var breakdown: String?
        var cell: String?
    }

    struct Cell {
        var numerator: Double?
        var denominator: Double?
        /// Survey: valid answers, excluded answers, respondents.
        var valid: Int?
        var excluded: Int?
        var respondents: Int?
    }

    var cells: [Key: Cell] = [:]
    /// Rows of a table in a grouping period (to tell "no data" from zero).
    var tableRows: [String: [String: Int]] = [:]
    /// The cells seen per indicator, period and breakdown.
    var cellLabels: [String: Set<String>] = [:]

    subscript(_ key: Key) -> Cell? {
        get { cells[key] }
        set {
            cells[key] = newValue
            if let cell = key.cell { cellLabels[key.indicator + "\u{1F}" + (key.breakdown ?? ""), default: []].insert(cell) }
        }
    }

    func labels(indicator: String, breakdown: String) -> [String] {
        (cellLabels[indicator + "\u{1F}" + breakdown] ?? []).sorted()
    }

    func rows(table: String, period: String) -> Int? {
        tableRows[table]?[period]
    }
}
