/// A reference to an input column of an operator, with the position it was
/// written at (kept for error messages, ignored by equality).
struct ColumnReference: Hashable, Sendable {
    var slot: Int
    var type: DataType
    var range: SourceRange?

    static func == (a: ColumnReference, b: ColumnReference) -> Bool {
        a.slot == b.slot && a.type == b.type
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(slot)
        hasher.combine(type)
    }
}

/// A typed expression whose names are resolved to input slots.
indirect enum BoundExpression: Hashable, Sendable {
    /// A constant of a type (`.null` included).
    case constant(Value, DataType)
    /// A NULL literal whose type the context decides.
    case untypedNull
    /// An input column.
    case column(ColumnReference)
    /// A scalar function or operator.
    case call(ScalarFunction, [BoundExpression], DataType)
    /// An aggregate call; replaced by a column reference once the
    /// aggregation is planned.
    case aggregate(AggregateCall)
    /// `GROUPING(keys…)`: which of the keys the row's grouping set leaves
    /// out, as bits (the first key the highest); replaced by a column
    /// reference once the aggregation is planned.
    case grouping([BoundExpression])
    /// A window function call; replaced by a column reference once the
    /// window step is planned.
    case window(WindowCall)

    /// The expression's type (an untyped NULL reads as string).
    var type: DataType {
        switch self {
        case .constant(_, let t): t
        case .untypedNull: .string
        case .column(let c): c.type
        case .call(_, _, let t): t
        case .aggregate(let a): a.type
        case .grouping: .int64
        case .window(let w): w.type
        }
    }

    /// Whether this is a constant (including untyped NULL).
    var isConstant: Bool {
        switch self {
        case .constant, .untypedNull: true
        default: false
        }
    }

    /// The constant value, if this is a constant.
    var constantValue: Value? {
        switch self {
        case .constant(let v, _): v
        case .untypedNull: .null
        default: nil
        }
    }

    /// Whether an aggregate call occurs anywhere in the tree (window
    /// calls included: `sum(count(*)) OVER ()` reads an aggregate).
    var containsAggregate: Bool {
        switch self {
        case .aggregate, .grouping: true
        case .call(_, let args, _): args.contains { $0.containsAggregate }
        case .window(let w): w.expressions.contains { $0.containsAggregate }
        default: false
        }
    }

    /// Whether a window function call occurs anywhere in the tree.
    var containsWindow: Bool {
        switch self {
        case .window: true
        case .call(_, let args, _), .grouping(let args): args.contains { $0.containsWindow }
        case .aggregate(let a): a.argument?.containsWindow == true || a.filter?.containsWindow == true || a.second?.containsWindow == true
        default: false
        }
    }

    /// The slots of every column referenced.
    var referencedSlots: Set<Int> {
        var out = Set<Int>()
        collectSlots(into: &out)
        return out
    }

    private func collectSlots(into out: inout Set<Int>) {
        switch self {
        case .column(let c): out.insert(c.slot)
        case .call(_, let args, _), .grouping(let args): for a in args { a.collectSlots(into: &out) }
        case .aggregate(let a):
            a.argument?.collectSlots(into: &out)
            a.second?.collectSlots(into: &out)
            a.filter?.collectSlots(into: &out)
        case .window(let w):
            for e in w.expressions { e.collectSlots(into: &out) }
        default: break
        }
    }

    /// Rewrites the tree bottom-up... top-down: `transform` may replace a
    /// node (returning non-nil) before its children are visited.
    func rewritten(_ transform: (BoundExpression) throws -> BoundExpression?) rethrows -> BoundExpression {
        if let replaced = try transform(self) { return replaced }
        switch self {
        case .call(let f, let args, let t):
            return .call(f, try args.map { try $0.rewritten(transform) }, t)
        case .aggregate(var a):
            a.argument = try a.argument?.rewritten(transform)
            a.second = try a.second?.rewritten(transform)
            a.filter = try a.filter?.rewritten(transform)
            return .aggregate(a)
        case .grouping(let args):
            return .grouping(try args.map { try $0.rewritten(transform) })
        case .window(let w):
            return .window(try w.mapExpressions { try $0.rewritten(transform) })
        default:
            return self
        }
    }

    /// The first column reference in the tree (for error positions).
    var firstColumnRange: SourceRange? {
        switch self {
        case .column(let c): c.range
        case .call(_, let args, _), .grouping(let args): args.lazy.compactMap(\.firstColumnRange).first
        case .aggregate(let a): a.argument?.firstColumnRange ?? a.second?.firstColumnRange
        case .window(let w): w.expressions.lazy.compactMap(\.firstColumnRange).first
        default: nil
        }
    }
}

/// Which way values are sorted.
enum SortDirection: Hashable, Sendable {
    case ascending, descending
}

/// The aggregate functions.
enum AggregateFunction: Hashable, Sendable {
    case countStar, count, sum, avg, min, max, median
    case quantileContinuous(Double)
    /// The value at rank ⌈n·p⌉ from the bottom, or from the top when descending.
    case quantileDiscrete(Double, descending: Bool)
    case boolAnd, boolOr
    case anyValue
    case stddevSample, stddevPopulation, varianceSample, variancePopulation
    /// Strings joined by a separator, in input order, or sorted when
    /// `sorted` says which way (`ORDER BY` the aggregated value itself).
    case stringAgg(String, sorted: SortDirection?)
    case mode
    /// `arg_max(x, by)` / `arg_min(x, by)`: x of the row with the largest (smallest) `by`.
    case argExtremum(isMax: Bool)
    /// `covar_pop`, `covar_samp`, `corr`, `regr_slope`, `regr_intercept` of (y, x) pairs.
    case bivariate(BivariateStatistic)
}

/// The statistics of (y, x) pairs, computed from their co-moments.
enum BivariateStatistic: Hashable, Sendable {
    case covariancePopulation, covarianceSample, correlation, regressionSlope, regressionIntercept
}

/// One aggregate call: function, argument, DISTINCT and FILTER.
struct AggregateCall: Hashable, Sendable {
    var function: AggregateFunction
    var argument: BoundExpression?
    var distinct: Bool
    var filter: BoundExpression?
    var type: DataType
    /// The second argument of a two-argument aggregate (`by` of arg_max, x of corr(y, x)).
    var second: BoundExpression? = nil
}
