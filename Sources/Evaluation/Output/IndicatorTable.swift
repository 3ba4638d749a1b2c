import Columnar

/// Indicator values as a result table, for the shell's renderers and for
/// saving: one row per indicator, period and breakdown cell.
public enum IndicatorTable {
    /// Column names, in order.
    public static let columns: [(String, DataType)] = [
        ("indicator", .string), ("title", .string), ("period", .string), ("breakdown", .string), ("cell", .string),
        ("value", .float64), ("unit", .string), ("numerator", .float64), ("denominator", .float64), ("n", .int64),
        ("excluded", .int64), ("lower", .float64), ("upper", .float64), ("share", .float64), ("previous_period", .string),
        ("previous", .float64), ("change", .float64), ("relative_change", .float64), ("baseline", .float64),
        ("target", .float64), ("rating", .string), ("status", .string),
    ]

    /// The values as a result, floats rounded to each indicator's decimals
    /// (shares, intervals and relative changes to one more).
    public static func result(_ values: [IndicatorValue], catalogue: Catalogue) -> QueryResult {
        var b = columns.map { ColumnBuilder(type: $0.1) }
        func float(_ k: Int, _ v: Double?, _ decimals: Int) {
            guard let v else { b[k].appendNull(); return }
            b[k].append(float: rounded(v, decimals))
        }
        func string(_ k: Int, _ s: String?) { if let s { b[k].append(string: s) } else { b[k].appendNull() } }
        func int(_ k: Int, _ v: Int?) { if let v { b[k].append(integer: Int64(v)) } else { b[k].appendNull() } }
        let definitions = catalogue.indicatorsByID
        for v in values {
            let i = definitions[v.indicator]
            let d = i?.decimals ?? 2
            string(0, v.indicator)
            string(1, i?.title)
            string(2, v.period)
            string(3, v.breakdown)
            string(4, v.cell)
            float(5, v.value, d)
            string(6, i?.unit)
            float(7, v.numerator, 6)
            float(8, v.denominator, 6)
            int(9, v.n)
            int(10, v.excluded)
            float(11, v.lower, d + 1)
            float(12, v.upper, d + 1)
            float(13, v.share, 1)
            string(14, v.previousPeriod)
            float(15, v.previous, d)
            float(16, v.change, d)
            float(17, v.relativeChange, 4)
            float(18, v.baseline, d)
            float(19, v.target, d)
            string(20, v.rating?.rawValue)
            string(21, v.status.rawValue)
        }
        return QueryResult(columns: zip(columns, b).map { ResultColumn(name: $0.0, chunk: $1.build()) })
    }

    /// A compact view for reading at a terminal: indicator, period, cell, value, interval, change, rating, status.
    public static func summary(_ values: [IndicatorValue], catalogue: Catalogue) -> QueryResult {
        let full = result(values, catalogue: catalogue)
        let keep = ["indicator", "period", "cell", "value", "unit", "n", "lower", "upper", "previous", "change", "baseline", "target", "rating", "status"]
        return QueryResult(columns: keep.compactMap { name in full.columns.first { $0.name == name } })
    }

    /// Rounds half away from zero to `decimals` places.
    public static func rounded(_ v: Double, _ decimals: Int) -> Double {
        guard v.isFinite else { return v }
        var p = 1.0
        for _ in 0..<max(0, decimals) { p *= 10 }
        return (v * p).rounded(.toNearestOrAwayFromZero) / p
    }
}
