/// SQL keywords offered by tab completion when the caller supplies no list
/// of its own: the words of the SELECT dialect the engine reads, plus the
/// type names used in casts.
public enum SQLKeywords {
    /// The default keyword list, upper case.
    public static let standard: [String] = [
        "ALL", "AND", "ANY", "AS", "ASC", "BETWEEN", "BIGINT", "BOOLEAN", "BY", "CASE", "CAST", "CROSS",
        "CUBE", "CURRENT", "CURRENT_DATE", "CURRENT_TIMESTAMP", "DESC", "DISTINCT", "DOUBLE", "ELSE", "END", "ESCAPE", "EXCEPT",
        "EXISTS", "EXPLAIN", "FALSE", "FILTER", "FIRST", "FLOAT", "FOLLOWING", "FROM", "FULL", "GROUP", "GROUPING", "HAVING", "ILIKE",
        "IN", "INNER", "INT", "INTEGER", "INTERSECT", "INTERVAL", "IS", "JOIN", "LAST", "LEFT", "LIKE", "LIMIT",
        "NATURAL", "NOT", "NULL", "NULLS", "OFFSET", "ON", "OR", "ORDER", "OUTER", "OVER", "PARTITION", "PRECEDING",
        "QUALIFY", "RANGE", "RIGHT", "ROLLUP", "ROW", "ROWS", "SELECT", "SETS", "STRING", "TEXT", "THEN", "TIMESTAMP", "TRUE",
        "UNBOUNDED", "UNION", "USING", "VALUES", "VARCHAR", "WHEN", "WHERE", "WINDOW", "WITH",
    ]
}
