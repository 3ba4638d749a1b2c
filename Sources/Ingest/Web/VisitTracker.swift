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
    /// One record per visitor, so a line touches one cache line of this table, not three.
    private struct Current {
        var first: Int64 = 0
        var last: Int64 = 0
        var id: Int64 = 0
    }

    private var current: [Current] = []
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
        if visitor >= current.count {
            // Indices of visitors whose requests were all excluded are skipped: id 0 marks "no visit yet".
            current.append(contentsOf: repeatElement(Current(), count: Swift.max(visitor + 1 - current.count, current.count / 2)))
        }
        return current.withUnsafeMutableBufferPointer { all in
            let c = all.baseAddress! + visitor
            if c.pointee.id != 0, ts >= c.pointee.first - Self.timeout, ts <= c.pointee.last + Self.timeout {
                if ts < c.pointee.first { c.pointee.first = ts }
                if ts > c.pointee.last { c.pointee.last = ts }
                return c.pointee.id
            }
            c.pointee = Current(first: ts, last: ts, id: base | next)
            next += 1
            return c.pointee.id
        }
    }
}
