import Columnar
import Store

/// One period's measures for one site, as an export gives them; a measure
/// the export lacks is nil (stored as NULL, never as 0).
struct TrafficRow: Equatable {
    /// UTC midnight of the period's first day.
    var date: Int64
    /// The span the row covers.
    var period: TrafficPeriod
    /// Visits, visitors, page views, downloads, searches, in ``TrafficMeasure`` order.
    var values: [Int64?] = Array(repeating: nil, count: TrafficMeasure.allCases.count)

    /// The `traffic` table's columns, in order.
    static let schema = CanonicalSchema.traffic.columns

    /// Appends the row to builders laid out as ``schema``.
    func append(to builders: inout [ColumnBuilder], site: String, source: String, batch: Int64) {
        builders[0].append(integer: date)
        builders[1].append(string: site)
        builders[2].append(string: source)
        for (i, v) in values.enumerated() {
            if let v { builders[3 + i].append(integer: v) } else { builders[3 + i].appendNull() }
        }
        builders[8].append(string: period.rawValue)
        builders[9].append(integer: batch)
    }
}
