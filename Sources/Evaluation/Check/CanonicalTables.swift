import Columnar
import Store

/// The columns the indicator catalogue may rely on in each canonical table,
/// as the importers write them (DESIGN.md's data model). `chm check` binds
/// every indicator against these when the workspace does not have the
/// table yet, so a catalogue can be checked before any data arrives.
public enum CanonicalTables {
    /// Table name → columns.
    public static var schemas: [String: TableSchema] { CanonicalSchema.all }

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
