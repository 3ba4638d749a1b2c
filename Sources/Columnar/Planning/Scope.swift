/// The columns visible to expressions of one SELECT block: every column of
/// every FROM item, under its table alias.
struct Scope: Sendable {
    struct Entry: Sendable {
        /// The alias of the FROM item (table name when no alias).
        var qualifier: String
        var name: String
        var type: DataType
        /// Global id of the column within the SELECT block.
        var id: Int
        /// Hidden by USING (the other side's column answers unqualified lookups).
        var hiddenUnqualified = false
    }

    var entries: [Entry] = []
    let sql: String

    init(sql: String) {
        self.sql = sql
    }

    /// Resolves a possibly qualified column name.
    /// - Throws: `unknownColumn` (listing what is in scope) or `ambiguousColumn`.
    func resolve(table: String?, name: String, range: SourceRange) throws -> Entry {
        let folded = name.lowercased()
        var matches: [Entry]
        if let table {
            let t = table.lowercased()
            guard entries.contains(where: { $0.qualifier.lowercased() == t }) else {
                let known = Set(entries.map(\.qualifier)).sorted().joined(separator: ", ")
                throw SQLError(.unknownTable, "no table or alias \"\(table)\" in this query" + (known.isEmpty ? "" : "; in scope: \(known)"),
                               line: range.line, column: range.column, length: range.length, sql: sql)
            }
            matches = entries.filter { $0.qualifier.lowercased() == t && $0.name.lowercased() == folded }
            if matches.count > 1, let exact = matches.first(where: { $0.name == name }) { matches = [exact] }
            guard let first = matches.first else {
                let columns = entries.filter { $0.qualifier.lowercased() == t }.map(\.name).joined(separator: ", ")
                throw SQLError(.unknownColumn, "unknown column \"\(name)\"; \(table) has: \(columns)",
                               line: range.line, column: range.column, length: range.length, sql: sql)
            }
            return first
        }
        matches = entries.filter { !$0.hiddenUnqualified && $0.name.lowercased() == folded }
        if matches.count > 1 {
            let exact = matches.filter { $0.name == name }
            if exact.count == 1 { return exact[0] }
            let tables = matches.map(\.qualifier).joined(separator: " and ")
            throw SQLError(.ambiguousColumn, "column \"\(name)\" is in both \(tables); qualify it, e.g. \(matches[0].qualifier).\(name)",
                           line: range.line, column: range.column, length: range.length, sql: sql)
        }
        guard let first = matches.first else {
            throw SQLError(.unknownColumn, "unknown column \"\(name)\"; " + describeColumns(),
                           line: range.line, column: range.column, length: range.length, sql: sql)
        }
        return first
    }

    /// "hits has: ts, path, status" or the columns of each table in scope.
    func describeColumns() -> String {
        if entries.isEmpty { return "the query has no FROM clause" }
        var order: [String] = []
        var byTable: [String: [String]] = [:]
        for e in entries {
            if byTable[e.qualifier] == nil { order.append(e.qualifier) }
            byTable[e.qualifier, default: []].append(e.name)
        }
        return order.map { "\($0) has: \(byTable[$0]!.joined(separator: ", "))" }.joined(separator: "; ")
    }

    /// The entry with a global id.
    func entry(id: Int) -> Entry { entries.first { $0.id == id }! }
}
