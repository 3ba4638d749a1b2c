import Columnar
import Foundation

/// What a computation's statements cost: each one's start, duration and
/// result size, for `chm indicators --profile` (which pass is slow, and
/// whether passes ran side by side).
///
/// A final class because the computation's workers write to it while the
/// caller holds it; the lock makes that safe.
public final class QueryProfile: @unchecked Sendable {
    /// One statement run.
    public struct Entry: Sendable {
        /// The statement's text.
        public var sql: String
        /// The table the computation planned it for.
        public var table: String
        /// Seconds from the first statement's start to this one's.
        public var start: Double
        /// Seconds it took (zero when the memo already held its result).
        public var seconds: Double
        /// Rows of its result.
        public var rows: Int
    }

    private var recorded: [Entry] = []
    private let lock = NSLock()
    private let origin = DispatchTime.now().uptimeNanoseconds

    /// Creates an empty profile; entries' starts count from now.
    public init() {}

    /// The statements run so far, in the order they started.
    public var entries: [Entry] { lock.withLock { recorded.sorted { $0.start < $1.start } } }

    /// Runs `execute` and records it.
    func measure(_ sql: String, table: String, _ execute: () throws -> QueryResult) rethrows -> QueryResult {
        let begin = DispatchTime.now().uptimeNanoseconds
        let result = try execute()
        let end = DispatchTime.now().uptimeNanoseconds
        let entry = Entry(sql: sql, table: table, start: Double(begin &- origin) / 1e9, seconds: Double(end &- begin) / 1e9,
                          rows: result.rowCount)
        lock.withLock { recorded.append(entry) }
        return result
    }

    /// The entries as text under a header line, one line per statement:
    /// start, seconds, rows, table and the statement.
    public func report() -> String {
        (["  start    time        rows  table  statement"] + entries.map { e in
            String(format: "%7.3f %7.3f s %8d rows  ", e.start, e.seconds, e.rows) + e.table + "  " + e.sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }).joined(separator: "\n")
    }
}
