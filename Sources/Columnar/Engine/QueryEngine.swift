/// Runs SQL statements against a catalog of tables.
///
/// A value type: it holds the catalog and the calendar that `cycle()` and
/// `phase()` use. Each `execute` parses, binds, plans and runs one statement.
public struct QueryEngine: Sendable {
    /// Where tables come from.
    public var catalog: any Catalog
    /// The schedule behind `cycle(ts)` and `phase(ts)`.
    public var calendar: PeriodCalendar

    /// Creates an engine over `catalog`.
    public init(catalog: any Catalog, calendar: PeriodCalendar = .standard) {
        self.catalog = catalog
        self.calendar = calendar
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
        var binder = Binder(catalog: catalog, calendar: calendar, parameters: parameters, sql: sql) { plan in
            try Executor.run(plan)
        }
        let bound = try binder.bindQuery(query)
        do {
            return try Executor.run(bound.plan, names: bound.names)
        } catch var error as SQLError where error.sql.isEmpty {
            error.sql = sql
            throw error
        }
    }
}

extension QueryEngine {
    /// Every function name the SQL dialect knows, for completion and help.
    public static var functionNames: [String] {
        (Binder.scalarNames + Binder.aggregateNames).sorted()
    }
}
