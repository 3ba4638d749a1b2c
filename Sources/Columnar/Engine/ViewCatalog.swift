import Synchronization

/// A catalog that adds named views to another catalog's tables.
///
/// A view is a query over the catalog's tables (or over other views). It is
/// run the first time a statement reads it and its result is kept for the
/// statements after (a materialised view), so that a derived table — one
/// row per visit, say — costs one pass however many queries group it.
/// Views see the data as it was when they were first read: make a new
/// catalog once anything is ingested.
public struct ViewCatalog: Catalog {
    /// One named query.
    public struct View: Sendable, Hashable {
        /// The name statements use in FROM.
        public var name: String
        /// The SELECT statement that defines it. A view whose statement
        /// reads a table that does not exist does not exist either, like a
        /// table not ingested yet.
        public var sql: String

        /// Creates a view.
        public init(name: String, sql: String) {
            self.name = name
            self.sql = sql
        }
    }

    /// The catalog the views read.
    public let base: any Catalog
    /// The views by lower-cased name.
    public let views: [String: View]
    /// The schedule behind `cycle()` and `phase()` in the views' SQL.
    public let calendar: PeriodCalendar
    /// Whether views are run; when false a view is an empty table with its
    /// result's columns, bound but not run (for checking statements).
    public let materializes: Bool
    /// Views being resolved further up, to report a view that reads itself.
    private var resolving: [String]
    private let store: _MaterializedViews

    /// Creates a catalog of `base`'s tables and `views`.
    /// - Parameters:
    ///   - materializes: run the views (default) or only bind them.
    public init(base: any Catalog, views: [View], calendar: PeriodCalendar = .standard, materializes: Bool = true) {
        self.base = base
        self.views = Dictionary(views.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { $1 })
        self.calendar = calendar
        self.materializes = materializes
        self.resolving = []
        self.store = _MaterializedViews()
    }

    private init(_ other: ViewCatalog, resolving name: String) {
        base = other.base
        views = other.views
        calendar = other.calendar
        materializes = other.materializes
        resolving = other.resolving + [name]
        store = other.store
    }

    /// The base catalog's tables and the views, sorted.
    public func tableNames() throws -> [String] {
        Array(Set(try base.tableNames()).union(views.values.map(\.name))).sorted()
    }

    /// Whether `name` is a table of the base catalog or a view whose
    /// statement reads only tables that exist, without running any view.
    public func contains(_ name: String) throws -> Bool {
        if try base.table(named: name) != nil { return true }
        let key = name.lowercased()
        guard let view = views[key], !resolving.contains(key) else { return false }
        // Bound, not run, against a catalog of its own (nothing is kept).
        var binding = ViewCatalog(base: base, views: Array(views.values), calendar: calendar, materializes: false)
        binding.resolving = resolving + [key]
        do {
            _ = try QueryEngine(catalog: binding, calendar: calendar).check(view.sql)
            return true
        } catch let e as SQLError where e.code == .unknownTable {
            return false
        } catch {
            // Any other mistake is reported when the view is read.
            return true
        }
    }

    /// A table of the base catalog, or a view's result.
    /// - Throws: ``SQLError`` naming the view when its statement fails or
    ///   reads itself; errors of the base catalog pass through.
    public func table(named name: String) throws -> (any TableProvider)? {
        if let table = try base.table(named: name) { return table }
        let key = name.lowercased()
        guard let view = views[key] else { return nil }
        if let known = store.table(key) { return known }
        if resolving.contains(key) {
            throw SQLError(.unsupported, "view \(view.name) reads itself (\((resolving + [key]).joined(separator: " → ")))")
        }
        let inner = ViewCatalog(self, resolving: key)
        let engine = QueryEngine(catalog: inner, calendar: calendar)
        let table: Table
        do {
            if materializes {
                table = try engine.execute(view.sql).table(named: view.name)
            } else {
                let columns = try engine.check(view.sql)
                table = Table(name: view.name, schema: TableSchema(columns.map { ColumnSchema(name: $0.name, type: $0.type) }), rowGroups: [])
            }
        } catch let e as SQLError where e.code == .unknownTable {
            // It reads a table that does not exist (yet): so the view does not exist either.
            return nil
        } catch var e as SQLError {
            e.message = "in view \(view.name): \(e.message)"
            if e.sql.isEmpty { e.sql = view.sql }
            throw e
        }
        store.keep(table, as: key)
        return table
    }
}

/// Results of the views run so far, shared by the copies of one catalog.
final class _MaterializedViews: Sendable {
    private let tables = Mutex<[String: Table]>([:])

    func table(_ key: String) -> Table? { tables.withLock { $0[key] } }

    func keep(_ table: Table, as key: String) { tables.withLock { $0[key] = table } }
}
