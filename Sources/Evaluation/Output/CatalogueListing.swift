import Columnar

/// The catalogue as a table: one row per indicator with its objective,
/// kind, unit, direction, tables and breakdowns.
public enum CatalogueListing {
    /// The listing, in catalogue order.
    public static func result(_ catalogue: Catalogue) -> QueryResult {
        let names = ["indicator", "objective", "goal", "title", "kind", "unit", "direction", "tables", "breakdowns"]
        var b = names.map { _ in ColumnBuilder(type: .string) }
        b[2] = ColumnBuilder(type: .int64)
        for i in catalogue.indicators {
            b[0].append(string: i.id)
            b[1].append(string: i.objective)
            b[2].append(integer: Int64(i.goal))
            b[3].append(string: i.title)
            b[4].append(string: i.kind.rawValue)
            b[5].append(string: i.unit)
            b[6].append(string: i.direction.rawValue)
            b[7].append(string: i.tables.joined(separator: ", "))
            b[8].append(string: i.breakdowns.joined(separator: ", "))
        }
        return QueryResult(columns: zip(names, b).map { ResultColumn(name: $0, chunk: $1.build()) })
    }
}
