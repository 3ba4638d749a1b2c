import Columnar
import Foundation

/// The queries one computation runs and how each result is absorbed into
/// the raw cells, so that they can run several at a time and still be
/// absorbed in a fixed order (results do not depend on the timing).
struct ComputationPlan {
    /// One statement and what to do with its result.
    struct Query {
        var sql: String
        var parameters: [String: Value]
        /// The table it reads, to schedule the largest first.
        var table: String
        /// The indicators whose definitions an error in it is attributed to.
        var blame: [IndicatorDefinition]
        var absorb: (QueryResult, inout RawCells) -> Void
    }

    private(set) var queries: [Query] = []

    mutating func add(_ sql: String, parameters: [String: Value] = [:], table: String, blame: [IndicatorDefinition],
                      absorb: @escaping (QueryResult, inout RawCells) -> Void) {
        queries.append(Query(sql: sql, parameters: parameters, table: table, blame: blame, absorb: absorb))
    }
}

extension IndicatorComputation {
    /// Runs the plans' queries — each distinct statement once, through the
    /// memo, the costliest first, one per processor at a time — then absorbs
    /// the results into one set of raw cells per plan, in plan order.
    /// - Throws: the error of the first query in plan order that failed,
    ///   attributed to its indicators when it is an engine error.
    func execute(_ plans: [ComputationPlan]) throws -> [RawCells] {
        var statements: [(sql: String, parameters: [String: Value], table: String)] = []
        var index: [String: Int] = [:]
        let slots = plans.map { plan in
            plan.queries.map { q -> Int in
                let key = QueryMemo.key(q.sql, q.parameters)
                if let known = index[key] { return known }
                index[key] = statements.count
                statements.append((q.sql, q.parameters, q.table))
                return statements.count - 1
            }
        }
        // Expected work: rows read, once more per distinct count, and once
        // more for a derived table run on first use.
        var rows: [String: Int] = [:]
        for q in statements where rows[q.table] == nil {
            let stored = catalogue.storedTables([q.table])
            rows[q.table] = try stored.reduce(0) { $0 + ((try catalog.base.table(named: $1))?.rowCount ?? 0) }
        }
        let cost = statements.map { q in
            let n = rows[q.table] ?? 0
            let distinct = q.sql.lowercased().components(separatedBy: "(distinct").count - 1
            return n * (1 + distinct) + (catalogue.derivedTable(q.table) == nil ? 0 : 2 * n)
        }
        let order = statements.indices.sorted { (cost[$0], -$0) > (cost[$1], -$1) }
        let workers = max(1, min(statements.count, ProcessInfo.processInfo.activeProcessorCount))
        // Queries side by side each on one thread: no partition merges, every processor busy.
        var oneEngine = self.engine
        oneEngine.threads = workers > 1 ? 1 : oneEngine.threads
        let engine = oneEngine
        let runnable = statements.map { (sql: $0.sql, parameters: $0.parameters, table: $0.table) }
        let outcomes = _Outcomes(count: statements.count)
        let memo = self.memo, profile = self.profile
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let next = outcomes.claim() {
                let q = runnable[order[next]]
                do {
                    let result = try memo.result(of: q.sql, parameters: q.parameters) {
                        guard let profile else { return try engine.execute(q.sql, parameters: q.parameters) }
                        return try profile.measure(q.sql, table: q.table) { try engine.execute(q.sql, parameters: q.parameters) }
                    }
                    outcomes.finish(order[next], .success(result))
                } catch {
                    outcomes.finish(order[next], .failure(error))
                }
            }
        }
        return try zip(plans, slots).map { plan, slots in
            var raw = RawCells()
            for (q, slot) in zip(plan.queries, slots) {
                switch outcomes.results[slot] {
                case .success(let result): q.absorb(result, &raw)
                case .failure(let e as SQLError): throw blame(e, q.blame)
                case .failure(let e): throw e
                case nil: preconditionFailure("a planned query was not run")
                }
            }
            return raw
        }
    }

    /// An engine error while computing, attributed to the indicators' definitions.
    func blame(_ e: SQLError, _ indicators: [IndicatorDefinition]) -> CatalogueError {
        let names = indicators.map(\.id).joined(separator: ", ")
        let first = indicators[0]
        return CatalogueError(file: first.file, line: first.line, "\(e.message) (in the SQL of \(names))")
    }
}

/// The queries handed out so far and their results, shared by the workers.
private final class _Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private(set) var results: [Result<QueryResult, any Error>?]

    init(count: Int) {
        self.count = count
        results = Array(repeating: nil, count: count)
    }

    /// The position (in run order) of the next query to run, or nil when none is left.
    func claim() -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func finish(_ index: Int, _ outcome: Result<QueryResult, any Error>) {
        lock.withLock { results[index] = outcome }
    }
}
