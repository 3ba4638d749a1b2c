/// A logical operator tree with bound expressions: what the physical
/// planner turns into operators.
indirect enum PlanNode: Sendable {
    /// Reads `columns` (table column indexes, in slot order) of the row
    /// groups that may hold matching rows, keeping rows where `filter` holds.
    case scan(ScanPlan)
    /// One row with no columns (SELECT without FROM).
    case singleRow
    /// Rows of the input for which the predicate is true.
    case filter(PlanNode, BoundExpression)
    /// One output column per expression.
    case project(PlanNode, [BoundExpression])
    /// Groups by `keys` and computes `aggregates`; output = keys then aggregates.
    case aggregate(AggregatePlan)
    /// Window function calls over the input: its columns, then one per call.
    case window(WindowPlan)
    /// Joins the streamed left input with a materialised right input.
    case join(JoinPlan)
    /// Sorts; with `limit`, keeps only the first `limit` rows (top-N).
    case sort(PlanNode, [SortKey], limit: Int?)
    /// Skips `offset` rows, then passes at most `limit`.
    case limit(PlanNode, limit: Int?, offset: Int)
    /// Concatenates inputs of identical types (materialised so that each
    /// string column ends up with one dictionary).
    case unionAll([PlanNode], types: [DataType])
    /// An in-memory table (a materialised CTE or sub-query).
    case materialized(Table)
}

/// A scan of one table.
struct ScanPlan: Sendable {
    var table: any TableProvider
    /// Table column indexes read, in output slot order.
    var columns: [Int]
    /// Conjuncts over the scan's slots, evaluated before other columns are read.
    var filter: BoundExpression?
    /// Slots read by operators above the scan (the rest serve only the filter
    /// and are never decoded when the filter can run on encoded data).
    var outputSlots: Set<Int>
}

/// Group-by keys and aggregate calls over the input's slots; output = keys,
/// then one column per GROUPING(…) call, then aggregates.
struct AggregatePlan: Sendable {
    var input: PlanNode
    var keys: [BoundExpression]
    var aggregates: [AggregateCall]
    /// The grouping sets, each the sorted indexes of the keys it groups by;
    /// nil for a plain GROUP BY (one set of every key).
    var sets: [[Int]]? = nil
    /// The keys (indexes) of each GROUPING(…) call.
    var groupings: [[Int]] = []
}

/// The window step of a SELECT block: its output is the input's columns,
/// then one column per call.
struct WindowPlan: Sendable {
    var input: PlanNode
    var calls: [WindowCall]
}

/// An equi-join (or a cross join when there are no keys).
struct JoinPlan: Sendable {
    var left: PlanNode
    var right: PlanNode
    var kind: JoinKind
    /// Key expressions over the left input's slots.
    var leftKeys: [BoundExpression]
    /// Key expressions over the right input's slots.
    var rightKeys: [BoundExpression]
    var leftTypes: [DataType]
    var rightTypes: [DataType]
}

/// One ORDER BY key over the input's slots.
struct SortKey: Sendable, Hashable {
    var slot: Int
    var descending: Bool
    var nullsFirst: Bool
}

extension PlanNode {
    /// The output column types.
    var outputTypes: [DataType] {
        switch self {
        case .scan(let s): s.columns.map { s.table.schema.columns[$0].type }
        case .singleRow: []
        case .filter(let input, _): input.outputTypes
        case .project(_, let exprs): exprs.map(\.type)
        case .aggregate(let a): a.keys.map(\.type) + a.groupings.map { _ in .int64 } + a.aggregates.map(\.type)
        case .window(let w): w.input.outputTypes + w.calls.map(\.type)
        case .join(let j): j.leftTypes + j.rightTypes
        case .sort(let input, _, _): input.outputTypes
        case .limit(let input, _, _): input.outputTypes
        case .unionAll(_, let types): types
        case .materialized(let t): t.schema.columns.map(\.type)
        }
    }
}
