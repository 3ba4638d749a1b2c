/// Runs SQL statements against a catalog of tables.
///
/// A value type: it holds the catalog and the calendar that `cycle()` and
/// `phase()` use. Each `execute` parses, binds, plans and runs one statement.
public struct QueryEngine: Sendable {
    /// Where tables come from.
    public var catalog: any Catalog
    /// The schedule behind `cycle(ts)` and `phase(ts)`.
    public var calendar: PeriodCalendar
    /// Threads an aggregation over a large table may use (results do not
    /// depend on it).
    public var threads: Int

    /// Creates an engine over `catalog`.
    /// - Parameters:
    ///   - threads: at most this many threads per query; by default one per processor, up to 8.
    public init(catalog: any Catalog, calendar: PeriodCalendar = .standard, threads: Int? = nil) {
        self.catalog = catalog
        self.calendar = calendar
        self.threads = max(1, threads ?? min(8, Processors.online))
    }

    /// Runs one SQL statement.
    /// - Parameters:
    ///   - sql: a single statement; a trailing `;` is allowed.
    ///   - parameters: values for `:name` placeholders.
    /// - Returns: the rows, materialised.
    /// - Throws: ``SQLError`` for errors in the statement or while running it;
    ///   errors of the catalog (e.g. a corrupt segment) pass through.
    public func execute(_ sql: String, parameters: [String: Value] = [:]) throws -> QueryResult {
        let query = try Parser.parse(sql)
        let threads = self.threads
        var binder = Binder(catalog: catalog, calendar: calendar, parameters: parameters, sql: sql) { plan in
            try Executor.run(plan, threads: threads)
        }
        let bound = try binder.bindQuery(query)
        do {
            return try Executor.run(bound.plan, names: bound.names, threads: threads)
        } catch var error as SQLError where error.sql.isEmpty {
            error.sql = sql
            throw error
        }
    }
}

extension QueryEngine {
    /// Checks a statement against the catalog's tables without running it:
    /// names, types and functions are resolved; sub-queries and CTEs are
    /// bound but not executed.
    /// - Returns: the output column names and types.
    /// - Throws: ``SQLError`` as `execute` would for the same mistake.
    public func check(_ sql: String, parameters: [String: Value] = [:]) throws -> [(name: String, type: DataType)] {
        let query = try Parser.parse(sql)
        var binder = Binder(catalog: catalog, calendar: calendar, parameters: parameters, sql: sql) { plan in
            // Nothing runs: an empty result of the right shape stands in.
            QueryResult(columns: plan.outputTypes.enumerated().map { ResultColumn(name: "column\($0.offset)", chunk: ColumnBuilder(type: $0.element).build()) })
        }
        let bound = try binder.bindQuery(query)
        return zip(bound.names, bound.types).map { ($0, $1) }
    }

    /// Every function name the SQL dialect knows, for completion and help.
    public static var functionNames: [String] {
        (Binder.scalarNames + Binder.aggregateNames + Binder.windowNames).sorted()
    }
}
