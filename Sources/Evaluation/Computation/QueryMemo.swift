import Columnar
import Foundation

/// Results of the computation's queries, kept so that a query asked again
/// — by another `compute` call, or by a report rendered after the
/// indicators in the same process — is answered without a second scan.
///
/// A memo is only valid for one state of the workspace: share it between
/// computations over the same data, and drop it once anything is ingested.
/// A final class because computations share it by reference; the lock
/// makes it safe to share across threads.
public final class QueryMemo: @unchecked Sendable {
    private var results: [String: QueryResult] = [:]
    private let lock = NSLock()

    /// Creates an empty memo.
    public init() {}

    /// Queries answered so far.
    public var count: Int { lock.withLock { results.count } }

    /// The result of `sql` with `parameters`, running `execute` only the first time.
    public func result(of sql: String, parameters: [String: Value] = [:], execute: () throws -> QueryResult) rethrows -> QueryResult {
        let key = Self.key(sql, parameters)
        if let known = lock.withLock({ results[key] }) { return known }
        let fresh = try execute()
        lock.withLock { results[key] = fresh }
        return fresh
    }

    /// What identifies a statement run: its text and its parameters' values.
    static func key(_ sql: String, _ parameters: [String: Value]) -> String {
        parameters.isEmpty ? sql : sql + "\u{1F}" + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1F}")
    }
}
