/// The parsed form of a statement, before names and types are bound.

/// An expression as written.
struct Expression: Sendable {
    indirect enum Kind: Sendable {
        case literal(Value)
        /// A string literal with a type prefix, e.g. `TIMESTAMP '2024-01-01'`.
        case typedLiteral(DataType, String)
        /// `INTERVAL '3 days'`: a fixed number of seconds.
        case interval(seconds: Int64)
        case column(table: String?, name: String)
        case parameter(String)
        case unary(String, Expression)
        case binary(String, Expression, Expression)
        case not(Expression)
        case isNull(Expression, negated: Bool)
        case isBool(Expression, Bool, negated: Bool)
        case inList(Expression, [Expression], negated: Bool)
        case inQuery(Expression, Query, negated: Bool)
        case between(Expression, Expression, Expression, negated: Bool)
        case like(Expression, Expression, caseInsensitive: Bool, negated: Bool)
        case function(FunctionCall)
        case caseWhen(operand: Expression?, branches: [(Expression, Expression)], otherwise: Expression?)
        case cast(Expression, DataType, tryCast: Bool)
        case subquery(Query)
        case exists(Query, negated: Bool)
        /// `*` inside `count(*)`.
        case star
    }

    var kind: Kind
    var range: SourceRange
}

/// A function or aggregate call as written.
struct FunctionCall: Sendable {
    var name: String
    var arguments: [Expression]
    var distinct: Bool
    /// `count(*)`.
    var isStar: Bool
    /// `FILTER (WHERE …)`.
    var filter: Expression?
    /// `ORDER BY …` inside the call (`string_agg(x, ',' ORDER BY x)`).
    var orderBy: [OrderItem] = []
    var nameRange: SourceRange
    /// `OVER (…)` or `OVER name`: a window function call.
    var over: WindowSpecification? = nil
}

/// One item of a select list.
enum SelectItem: Sendable {
    case expression(Expression, alias: String?)
    /// `*` or `t.*`, optionally `EXCLUDE (a, b)`.
    case star(table: String?, exclude: [String], range: SourceRange)
}

/// How two FROM items are joined.
enum JoinKind: Sendable {
    case inner, left, cross
}

/// An item of the FROM clause.
indirect enum FromItem: Sendable {
    case table(name: String, alias: String?, range: SourceRange)
    case subquery(Query, alias: String?, range: SourceRange)
    case join(FromItem, FromItem, kind: JoinKind, on: Expression?, using: [String], range: SourceRange)
}

/// `GROUP BY` items, or `GROUP BY ALL`.
enum GroupBy: Sendable {
    case none
    case all(SourceRange)
    case expressions([Expression])
    /// GROUPING SETS, ROLLUP and CUBE (and plain keys beside them),
    /// expanded into the list of sets, each a list of keys.
    case sets([[Expression]], SourceRange)
}

/// One `SELECT … FROM … WHERE … GROUP BY … HAVING …` block.
struct Select: Sendable {
    var distinct: Bool
    var items: [SelectItem]
    var from: FromItem?
    var whereClause: Expression?
    var groupBy: GroupBy
    var having: Expression?
    /// `WINDOW name AS (…)` definitions, in order.
    var windows: [NamedWindow] = []
    /// `QUALIFY …`: a filter on window function results.
    var qualify: Expression? = nil
    var range: SourceRange
}

/// SELECT blocks combined by UNION.
indirect enum SetExpression: Sendable {
    case select(Select)
    case query(Query)
    case union(SetExpression, SetExpression, all: Bool, range: SourceRange)
}

/// One ORDER BY key.
struct OrderItem: Sendable {
    var expression: Expression
    var descending: Bool
    /// `nil` = the default, NULLS LAST in either direction (as DuckDB does).
    var nullsFirst: Bool?
    /// `ORDER BY ALL`: every output column, left to right (`expression` is unused).
    var coversAll = false

    /// The items `ORDER BY ALL` stands for over `columns` output columns.
    static func expanding(_ items: [OrderItem], columns: Int) -> [OrderItem] {
        items.flatMap { item -> [OrderItem] in
            guard item.coversAll else { return [item] }
            return (0..<columns).map { k in
                var position = item
                position.coversAll = false
                position.expression = Expression(kind: .literal(.int(Int64(k + 1))), range: item.expression.range)
                return position
            }
        }
    }
}

/// A common table expression.
struct CommonTableExpression: Sendable {
    var name: String
    var columnNames: [String]
    var query: Query
    var range: SourceRange
}

/// A whole query: `WITH … <set expression> ORDER BY … LIMIT … OFFSET …`.
struct Query: Sendable {
    var ctes: [CommonTableExpression]
    var body: SetExpression
    var orderBy: [OrderItem]
    var limit: Expression?
    var offset: Expression?
    var range: SourceRange
}
