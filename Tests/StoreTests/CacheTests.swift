import Columnar
import Testing
@testable import Store

@Suite struct CacheTests {
    @Test func appendsInvalidateCachedSegmentsAndOldSnapshotsStayExact() throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        let data = MixedColumns(rows: 71_000, seed: 8)
        try workspace.append(to: "t", batch: describe("a")) { try $0.write(makeTable(data.slice(0..<70_000))) }
        let old = try #require(try workspace.storedTable(named: "t"))
        let text = try #require(old.schema.index(of: "text"))
        let oldText = try readColumn(old, "text")
        #expect(workspace.cacheUsage.segments == 2)
        #expect(try old.loadColumn(text, rowGroup: 1).count == 70_000 - 65_536)

        // Tops up segment 1: the cached decoding of it no longer matches.
        try workspace.append(to: "t", batch: describe("b")) { try $0.write(makeTable(data.slice(70_000..<71_000))) }
        let new = try #require(try workspace.storedTable(named: "t"))
        #expect(new.version == old.version + 1)
        let expected = data.columns[6].2
        #expect(firstDifference(try readColumn(new, "text"), expected) == nil)
        #expect(try new.loadColumn(text, rowGroup: 1).count == 71_000 - 65_536)

        // The old snapshot still reads exactly the rows it had.
        #expect(try old.loadColumn(text, rowGroup: 1).count == 70_000 - 65_536)
        #expect(firstDifference(try readColumn(old, "text"), oldText) == nil)
        #expect(try old.dictionary(ofColumn: text).count <= new.dictionary(ofColumn: text).count)

        // Warm reads come from the cache.
        _ = try readColumn(new, "ts")
        let before = workspace.cacheUsage
        _ = try readColumn(new, "ts")
        #expect(workspace.cacheUsage.segments == before.segments)
        try new.prefetch(columns: Array(new.schema.columns.indices), rowGroups: [0, 1])
        #expect(workspace.cacheUsage.segments == new.schema.columns.count * 2)

        try workspace.dropTable("t")
        #expect(workspace.cacheUsage.segments == 0)
        #expect(throws: StoreError.self) { try new.loadColumn(0, rowGroup: 0) }
    }

    @Test func theCacheStaysWithinItsBudget() throws {
        let cache = _ChunkCache(budget: 10_000)
        let chunk = ColumnChunk(type: .float64, storage: .floats([Double](repeating: 1, count: 500)), validity: nil)
        for k in 0..<10 {
            cache.insert(.init(table: 1, column: 0, segment: k), checksum: 1, values: .chunk(chunk))
        }
        #expect(cache.usage.bytes <= 10_000)
        #expect(cache.usage.entries == 2)
        #expect(cache.lookup(.init(table: 1, column: 0, segment: 9), checksum: 1) != nil)
        #expect(cache.lookup(.init(table: 1, column: 0, segment: 0), checksum: 1) == nil)
        #expect(cache.lookup(.init(table: 1, column: 0, segment: 9), checksum: 2) == nil, "a rewritten segment misses")
        #expect(cache.usage.entries == 1)
    }
}

@Suite struct CacheBudgetTests {
    @Test func theBudgetIsReadFromTheEnvironmentSetting() {
        #expect(Workspace.cacheBudget(nil) == Workspace.defaultCacheBytes)
        #expect(Workspace.cacheBudget("") == Workspace.defaultCacheBytes)
        #expect(Workspace.cacheBudget("1000") == 1000)
        #expect(Workspace.cacheBudget("512M") == 512 << 20)
        #expect(Workspace.cacheBudget("2g") == 2 << 30)
        #expect(Workspace.cacheBudget("0") == 0)
        #expect(Workspace.cacheBudget("lots") == Workspace.defaultCacheBytes)
        #expect(Workspace.cacheBudget("-5") == Workspace.defaultCacheBytes)
    }
}
