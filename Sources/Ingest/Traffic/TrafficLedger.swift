import Columnar

/// Gathers the rows of one export, merging what several tables (or several
/// rows of one table split by another dimension) say about the same period.
struct TrafficLedger {
    private(set) var rows: [TrafficRow] = []
    private var index: [PeriodKey: Int] = [:]
    /// Which table first gave each measure of each row; a later table giving
    /// the same measure again is ignored (the file holds the same figure twice).
    private var sourceTable: [PeriodKey: [Int?]] = [:]
    /// Notes for the user: measures given twice with different values, visitors dropped.
    private(set) var warnings: [String] = []

    private struct PeriodKey: Hashable {
        var date: Int64
        var period: TrafficPeriod
    }

    /// Adds one table row's measures for a period. Rows of the same table for
    /// the same period are added up (a table split by page, country, event…);
    /// visitors cannot be, so a table that splits a period loses them (see ``dropVisitors(table:)``).
    mutating func add(date: Int64, period: TrafficPeriod, values: [TrafficMeasure: Int64], table: Int) {
        let key = PeriodKey(date: date, period: period)
        let i: Int
        if let existing = index[key] {
            i = existing
        } else {
            i = rows.count
            rows.append(TrafficRow(date: date, period: period))
            index[key] = i
            sourceTable[key] = Array(repeating: nil, count: TrafficMeasure.allCases.count)
        }
        for (measure, value) in values {
            let m = measure.rawValue
            switch sourceTable[key]![m] {
            case nil:
                sourceTable[key]![m] = table
                rows[i].values[m] = value
            case table?:
                rows[i].values[m] = (rows[i].values[m] ?? 0) + value
            case _?:
                if rows[i].values[m] != value, warnings.count < 20 {
                    warnings.append("\(measure.name) for \(CivilTime.format(date).prefix(10)) (\(period.rawValue)) appears in two tables with different values; the first table's is kept")
                }
            }
        }
    }

    /// Clears the visitors a table gave for periods it split over several rows.
    mutating func dropVisitors(table: Int, periods: Set<Int64>) {
        for (key, i) in index where periods.contains(key.date) && sourceTable[key]![TrafficMeasure.visitors.rawValue] == table {
            rows[i].values[TrafficMeasure.visitors.rawValue] = nil
            sourceTable[key]![TrafficMeasure.visitors.rawValue] = nil
        }
    }

    /// Adds a note for the user.
    mutating func warn(_ text: String) { warnings.append(text) }

    /// The rows in date order, days before longer periods starting the same day.
    var sortedRows: [TrafficRow] {
        rows.sorted { ($0.date, TrafficPeriod.allCases.firstIndex(of: $0.period)!) < ($1.date, TrafficPeriod.allCases.firstIndex(of: $1.period)!) }
    }
}
