import Columnar

/// A table derived from the canonical ones by a query, defined in
/// `Indicators/views.toml`: indicators read it like a canonical table
/// (`table = "search_visits"`), and it is computed once per run however
/// many periods and breakdowns group it.
public struct DerivedTable: Sendable, Hashable {
    /// The name indicators use, e.g. `search_visits`.
    public var name: String
    /// What one row is, for `chm indicators --list` and messages.
    public var title: String
    /// The SELECT statement over canonical tables (or other derived tables).
    public var sql: String
    /// The file and line that define it, for messages.
    public var file: String
    public var line: Int

    /// The tables named after FROM and JOIN in its statement (for
    /// provenance: the batches a figure was computed from).
    public var tables: [String] { SQLTables.referenced(in: sql) }

    /// The view the engine runs.
    var view: ViewCatalog.View { ViewCatalog.View(name: name, sql: sql) }
}

extension Catalogue {
    /// The derived table called `name`.
    public func derivedTable(_ name: String) -> DerivedTable? {
        derivedTables.first { $0.name == name.lowercased() }
    }

    /// `catalog` with the catalogue's derived tables added.
    /// - Parameter materializes: run the derived tables' queries (false: only bind them, for checks).
    public func catalog(over catalog: any Catalog, calendar: PeriodCalendar, materializes: Bool = true) -> ViewCatalog {
        ViewCatalog(base: catalog, views: derivedTables.map(\.view), calendar: calendar, materializes: materializes)
    }

    /// The stored tables `tables` read: derived tables are replaced by the
    /// tables their queries read, recursively.
    public func storedTables(_ tables: [String]) -> [String] {
        var out: [String] = []
        var pending = tables.map { $0.lowercased() }
        var seen: Set<String> = []
        while let t = pending.popLast() {
            guard seen.insert(t).inserted else { continue }
            if let d = derivedTable(t) { pending += d.tables } else { out.append(t) }
        }
        return out.sorted()
    }

    static func parseDerivedTables(_ text: String, file: String) throws -> [DerivedTable] {
        let decoded = try decode([String: DerivedTableSection].self, text, file: file)
        let lines = SourceLines(text)
        return decoded.map { name, section in
            DerivedTable(name: name.lowercased(), title: section.title ?? name, sql: section.sql, file: file,
                         line: lines.line(ofHeader: name))
        }.sorted { $0.name < $1.name }
    }
}

/// The TOML layout of one table in `Indicators/views.toml`.
struct DerivedTableSection: Decodable {
    var title: String?
    var sql: String
}
