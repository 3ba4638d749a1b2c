/// The parsed form of window clauses: `OVER (…)`, `WINDOW name AS (…)`
/// and frames, before names and types are bound.

/// What follows `OVER`: a window written in place, or the name of one
/// defined by the block's WINDOW clause, optionally refined.
struct WindowSpecification: Sendable {
    /// `OVER w` or `OVER (w ORDER BY …)`: the named window this one builds on.
    var base: String?
    var partitionBy: [Expression] = []
    var orderBy: [OrderItem] = []
    var frame: FrameSyntax?
    var range: SourceRange
}

/// `ROWS|RANGE BETWEEN start AND end`, or `ROWS start` (end = current row).
struct FrameSyntax: Sendable {
    enum Unit: Sendable { case rows, range }

    /// One end of a frame as written; offsets are expressions the binder
    /// requires to be constant.
    enum Bound: Sendable {
        case unboundedPreceding
        case preceding(Expression)
        case currentRow
        case following(Expression)
        case unboundedFollowing

        /// Position in the order start ≤ end must respect (offsets aside).
        var rank: Int {
            switch self {
            case .unboundedPreceding: 0
            case .preceding: 1
            case .currentRow: 2
            case .following: 3
            case .unboundedFollowing: 4
            }
        }
    }

    var unit: Unit
    var start: Bound
    var end: Bound
    var range: SourceRange
}

/// `WINDOW name AS (…)`.
struct NamedWindow: Sendable {
    var name: String
    var specification: WindowSpecification
    var range: SourceRange
}
