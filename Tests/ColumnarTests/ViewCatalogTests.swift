import Columnar
import Foundation
import Testing

/// Named views over a catalog: run once, read like tables, absent when
/// their tables are, and reported by name when they fail.
@Suite struct ViewCatalogTests {
    static let visits = ViewCatalog.View(
        name: "visit_spans",
        sql: "WITH h AS (SELECT * FROM hits) SELECT visit, min(ts) AS began, count(*) AS requests FROM h GROUP BY visit")

    static var hits: Table {
        let t = { (s: String) in Value.timestamp(CivilTime.parse(s)!) }
        return Fixtures.table("hits", [
            ("ts", .timestamp, [t("2024-01-01 10:00:00"), t("2024-01-01 10:05:00"), t("2024-01-02 09:00:00"), t("2024-01-01 10:09:00"), t("2024-01-03 12:00:00")]),
            ("visit", .int64, [.int(1), .int(1), .int(2), .int(1), .int(3)]),
        ])
    }

    /// A catalog that counts the scans of its tables' row groups.
    final class CountingCatalog: Catalog, @unchecked Sendable {
        let base: MemoryCatalog
        private let lock = NSLock()
        private var loads = 0
        init(_ base: MemoryCatalog) { self.base = base }
        var scans: Int { lock.withLock { loads } }
        func tableNames() throws -> [String] { try base.tableNames() }
        func table(named name: String) throws -> (any TableProvider)? {
            guard let t = try base.table(named: name) as? Table else { return nil }
            return Counted(table: t) { [self] in lock.withLock { loads += 1 } }
        }

        struct Counted: TableProvider {
            let table: Table
            let counted: @Sendable () -> Void
            var name: String { table.name }
            var schema: TableSchema { table.schema }
            var rowGroups: [RowGroupInfo] { table.rowGroups }
            func loadColumn(_ column: Int, rowGroup: Int) throws -> ColumnChunk {
                counted()
                return try table.loadColumn(column, rowGroup: rowGroup)
            }
            func dictionary(ofColumn column: Int) throws -> StringDictionary { try table.dictionary(ofColumn: column) }
        }
    }

    @Test func aViewIsReadLikeATableAndRunOnce() throws {
        let base = CountingCatalog(MemoryCatalog([Self.hits]))
        let catalog = ViewCatalog(base: base, views: [Self.visits])
        #expect(try catalog.tableNames() == ["hits", "visit_spans"])
        #expect(try catalog.contains("VISIT_SPANS"))
        #expect(base.scans == 0)  // Knowing that it exists runs nothing.
        let engine = QueryEngine(catalog: catalog)
        let r = try engine.execute("SELECT requests, count(*) FROM visit_spans GROUP BY 1 ORDER BY 1")
        // Visit 1 has three requests, visits 2 and 3 one each.
        #expect(r.rows == [[.int(1), .int(2)], [.int(3), .int(1)]])
        let afterFirst = base.scans
        #expect(afterFirst > 0)
        let began = try engine.execute("SELECT strftime(began, '%Y-%m-%d %H:%M') FROM visit_spans WHERE visit = 1")
        #expect(began.rows == [[.string("2024-01-01 10:00")]])
        // The second statement read the kept result: hits was not scanned again.
        #expect(base.scans == afterFirst)
    }

    @Test func aViewWithoutItsTablesDoesNotExist() throws {
        let catalog = ViewCatalog(base: MemoryCatalog(), views: [Self.visits])
        #expect(try catalog.contains("visit_spans") == false)
        #expect(try catalog.table(named: "visit_spans") == nil)
        #expect(throws: SQLError.self) { try QueryEngine(catalog: catalog).execute("SELECT count(*) FROM visit_spans") }
    }

    @Test func viewsMayReadViewsButNotThemselves() throws {
        let long = ViewCatalog.View(name: "long_visits", sql: "SELECT visit FROM visit_spans WHERE requests >= 3")
        let loop = ViewCatalog.View(name: "loop", sql: "SELECT * FROM loop")
        let a = ViewCatalog.View(name: "a", sql: "SELECT * FROM b")
        let b = ViewCatalog.View(name: "b", sql: "SELECT * FROM a")
        let catalog = ViewCatalog(base: MemoryCatalog([Self.hits]), views: [Self.visits, long, loop, a, b])
        #expect(try QueryEngine(catalog: catalog).execute("SELECT visit FROM long_visits").rows == [[.int(1)]])
        // A view that reads itself exists, so that reading it says what is wrong.
        #expect(throws: SQLError.self) { try catalog.table(named: "loop") }
        do {
            _ = try catalog.table(named: "a")
            Issue.record("a view that reads itself through another must fail")
        } catch let e as SQLError {
            #expect(e.message.contains("reads itself"))
        }
    }

    @Test func aFailingViewIsNamedInTheError() throws {
        let broken = ViewCatalog.View(name: "broken", sql: "SELECT nosuchcolumn FROM hits")
        let catalog = ViewCatalog(base: MemoryCatalog([Self.hits]), views: [broken])
        do {
            _ = try QueryEngine(catalog: catalog).execute("SELECT count(*) FROM broken")
            Issue.record("the view's error must surface")
        } catch let e as SQLError {
            #expect(e.message.hasPrefix("in view broken:"))
            #expect(e.code == .unknownColumn)
        }
    }

    @Test func checkingBindsAViewWithoutRunningIt() throws {
        let catalog = ViewCatalog(base: MemoryCatalog([Self.hits]), views: [Self.visits], materializes: false)
        let columns = try QueryEngine(catalog: catalog).check("SELECT began, requests FROM visit_spans")
        #expect(columns.map(\.type) == [.timestamp, .int64])
        let table = try #require(try catalog.table(named: "visit_spans"))
        #expect(table.rowCount == 0)
    }
}
