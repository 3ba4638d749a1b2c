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

    private var first: [Int64] = []
    private var last: [Int64] = []
    private var id: [Int64] = []
    private var next: Int64 = 1
    private let base: Int64

    /// Visit ids are `batch << 32 | sequence`: unique in the workspace.
    init(batch: Int64) {
        base = batch << 32
    }

    /// The number of visits started so far.
    var visits: Int64 { next - 1 }

    /// The visit of a request by `visitor` (a small index, one per visitor) at `ts`.
    @inline(__always)
    mutating func visit(visitor: Int, ts: Int64) -> Int64 {
        if visitor >= id.count {
            // Indices of visitors whose requests were all excluded are skipped: 0 marks "no visit yet".
            let grow = visitor + 1 - id.count
            first.append(contentsOf: repeatElement(0, count: grow))
            last.append(contentsOf: repeatElement(0, count: grow))
            id.append(contentsOf: repeatElement(0, count: grow))
        }
        if id[visitor] == 0 {
            first[visitor] = ts
            last[visitor] = ts
            id[visitor] = base | next
            next += 1
            return id[visitor]
        }
        if ts >= first[visitor] - Self.timeout, ts <= last[visitor] + Self.timeout {
            if ts < first[visitor] { first[visitor] = ts }
            if ts > last[visitor] { last[visitor] = ts }
            return id[visitor]
        }
        first[visitor] = ts
        last[visitor] = ts
        id[visitor] = base | next
        next += 1
        return id[visitor]
    }
}
