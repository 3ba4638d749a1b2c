/// Cuts each visitor's requests into visits while the lines stream by: a
/// visit lasts until 30 minutes pass without a request from its visitor.
///
/// Each visitor keeps the first and last time of its current visit. A line
/// within 30 minutes of that span joins the visit (so lines a little out of
/// order, as servers with several workers write them, stay in their visit);
/// a line further away starts a new visit, which becomes the visitor's
/// current one. Visits never continue across files: every batch starts afresh.
struct VisitTracker {
    /// Seconds without a request that end a visit (Matomo's default).
    static let timeout: Int64 = 30 * 60

    /// The current visit of one visitor: its span of time and its id (0: none yet).
    /// Kept by the caller beside what else it knows of the visitor, so that
    /// a line reads one record for both (one cache miss, not two).
    struct Current {
        var first: Int64 = 0
        var last: Int64 = 0
        var id: Int64 = 0
    }

    private var next: Int64 = 1
    private let base: Int64

    /// Visit ids are `batch << 32 | sequence`: unique in the workspace.
    init(batch: Int64) {
        base = batch << 32
    }

    /// The number of visits started so far.
    var visits: Int64 { next - 1 }

    /// The visit of a request at `ts` by the visitor whose current visit is `current` (updated).
    @inline(__always)
    mutating func visit(_ current: inout Current, ts: Int64) -> Int64 {
        if current.id != 0, ts >= current.first - Self.timeout, ts <= current.last + Self.timeout {
            if ts < current.first { current.first = ts }
            if ts > current.last { current.last = ts }
            return current.id
        }
        current = Current(first: ts, last: ts, id: base | next)
        next += 1
        return current.id
    }
}
