/// Window function calls once bound: the function, its arguments, the
/// partitioning, ordering and frame, all over the input of the window step.

/// The window functions: ranking and navigation functions, and the
/// aggregates that may run over a window.
enum WindowFunction: Hashable, Sendable {
    case rowNumber, rank, denseRank, percentRank, cumeDist
    /// `ntile(n)`; nil when n is NULL (every result is NULL).
    case ntile(Int64?)
    /// `lag(x, offset, default)` and `lead`: arguments are x and the default;
    /// a nil offset (NULL) gives NULL everywhere.
    case lag(Int64?), lead(Int64?)
    case firstValue, lastValue
    /// `nth_value(x, n)`: the n-th row of the frame, counted from 1.
    case nthValue(Int64?)
    /// Aggregates over the frame (ranking functions, lag and lead ignore
    /// any frame given, as in DuckDB).
    case countStar, count, sum, avg, min, max
}

/// One end of a bound frame. An offset is a number of rows (ROWS, a whole
/// number) or a distance from the current row's ORDER BY value (RANGE; for
/// timestamps and dates, in seconds).
enum FrameBound: Hashable, Sendable {
    case unboundedPreceding
    case preceding(Double)
    case currentRow
    case following(Double)
    case unboundedFollowing

    /// Whether the bound is a distance from the current row.
    var hasOffset: Bool {
        switch self {
        case .preceding, .following: true
        default: false
        }
    }
}

/// Which rows of the partition a frame-reading function sees around the
/// current row: counted in rows, or by ORDER BY value for RANGE (CURRENT ROW
/// is then the current row's peer group: rows with equal ORDER BY keys).
struct WindowFrame: Hashable, Sendable {
    enum Unit: Hashable, Sendable { case rows, range }

    var unit: Unit
    var start: FrameBound
    var end: FrameBound

    /// The default: from the partition's start to the current row's last
    /// peer (the whole partition when there is no ORDER BY).
    static let standard = WindowFrame(unit: .range, start: .unboundedPreceding, end: .currentRow)
    /// The whole partition.
    static let partition = WindowFrame(unit: .rows, start: .unboundedPreceding, end: .unboundedFollowing)
}

/// One ORDER BY key of a window.
struct WindowOrderKey: Hashable, Sendable {
    var expression: BoundExpression
    var descending: Bool
    var nullsFirst: Bool
}

/// Where a window function's rows come from: PARTITION BY and ORDER BY.
/// Calls with equal specifications share one sort.
struct WindowSpec: Hashable, Sendable {
    var partitionBy: [BoundExpression]
    var orderBy: [WindowOrderKey]
}

/// One window function call: replaced by a column reference once the
/// window step is planned.
struct WindowCall: Hashable, Sendable {
    var function: WindowFunction
    /// The value argument (x) and, for lag and lead, the default.
    var arguments: [BoundExpression]
    /// `FILTER (WHERE …)` of a windowed aggregate.
    var filter: BoundExpression?
    var spec: WindowSpec
    var frame: WindowFrame
    var type: DataType

    /// Every expression the call reads, for pruning and rewriting.
    var expressions: [BoundExpression] {
        arguments + (filter.map { [$0] } ?? []) + spec.partitionBy + spec.orderBy.map(\.expression)
    }

    /// The call with `transform` applied to each expression it reads.
    func mapExpressions(_ transform: (BoundExpression) throws -> BoundExpression) rethrows -> WindowCall {
        var c = self
        c.arguments = try arguments.map(transform)
        c.filter = try filter.map(transform)
        c.spec.partitionBy = try spec.partitionBy.map(transform)
        c.spec.orderBy = try spec.orderBy.map { key in
            var k = key
            k.expression = try transform(key.expression)
            return k
        }
        return c
    }
}
