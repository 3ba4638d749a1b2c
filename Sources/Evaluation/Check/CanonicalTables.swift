import Columnar

/// The columns the indicator catalogue may rely on in each canonical table,
/// as the importers write them (DESIGN.md's data model). `chm check` binds
/// every indicator against these when the workspace does not have the
/// table yet, so a catalogue can be checked before any data arrives.
public enum CanonicalTables {
    /// Table name → columns.
    public static let schemas: [String: TableSchema] = [
        "hits": TableSchema([
            .init(name: "ts", type: .timestamp), .init(name: "site", type: .string), .init(name: "visitor", type: .string),
            .init(name: "method", type: .string), .init(name: "path", type: .string), .init(name: "query", type: .string),
            .init(name: "status", type: .int64), .init(name: "bytes", type: .int64), .init(name: "referrer_host", type: .string),
            .init(name: "agent", type: .string), .init(name: "agent_kind", type: .string), .init(name: "is_bot", type: .bool),
            .init(name: "is_static", type: .bool), .init(name: "is_download", type: .bool), .init(name: "doc_category", type: .string),
            .init(name: "is_search", type: .bool), .init(name: "country", type: .string), .init(name: "region", type: .string),
            .init(name: "is_pageview", type: .bool), .init(name: "visit", type: .int64), .init(name: "batch", type: .int64),
        ]),
        "traffic": TableSchema([
            .init(name: "date", type: .timestamp), .init(name: "site", type: .string), .init(name: "source", type: .string),
            .init(name: "visits", type: .int64), .init(name: "visitors", type: .int64), .init(name: "pageviews", type: .int64),
            .init(name: "downloads", type: .int64), .init(name: "searches", type: .int64), .init(name: "period", type: .string),
            .init(name: "batch", type: .int64),
        ]),
        "responses": TableSchema([
            .init(name: "survey", type: .string), .init(name: "response", type: .string), .init(name: "submitted", type: .timestamp),
            .init(name: "user_group", type: .string), .init(name: "region", type: .string), .init(name: "country", type: .string),
            .init(name: "sector", type: .string), .init(name: "language", type: .string), .init(name: "question", type: .string),
            .init(name: "objective", type: .string), .init(name: "answer", type: .string), .init(name: "score", type: .float64),
            .init(name: "improved", type: .bool), .init(name: "exclusion", type: .string), .init(name: "batch", type: .int64),
        ]),
        "contributions": TableSchema([
            .init(name: "ts", type: .timestamp), .init(name: "kind", type: .string), .init(name: "actor", type: .string),
            .init(name: "actor_category", type: .string), .init(name: "country", type: .string), .init(name: "region", type: .string),
            .init(name: "sector", type: .string), .init(name: "collective", type: .bool), .init(name: "topic", type: .string),
            .init(name: "category", type: .string), .init(name: "amount", type: .float64), .init(name: "ref", type: .string),
            .init(name: "closed_ts", type: .timestamp), .init(name: "batch", type: .int64),
        ]),
    ]

    /// An empty table of the canonical schema.
    public static func emptyTable(_ name: String) -> Table? {
        guard let schema = schemas[name] else { return nil }
        return Table(name: name, schema: schema, rowGroups: [])
    }
}

/// A catalog that answers with the workspace's tables and, for canonical
/// tables the workspace lacks, with empty canonical ones.
struct CanonicalFallbackCatalog: Catalog {
    let base: any Catalog

    func tableNames() throws -> [String] {
        Array(Set(try base.tableNames()).union(CanonicalTables.schemas.keys)).sorted()
    }

    func table(named name: String) throws -> (any TableProvider)? {
        if let t = try base.table(named: name) { return t }
        return CanonicalTables.emptyTable(name.lowercased())
    }
}
