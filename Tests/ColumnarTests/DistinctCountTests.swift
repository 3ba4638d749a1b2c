import Columnar
import Testing

/// count(DISTINCT …) over 64-bit values whose range is too wide for one
/// bitmap: clustered identifiers (kept as bitmap blocks), scattered values
/// (moved to hash sets mid-query) and the extremes of the type, against
/// counts worked out in the test.
@Suite struct DistinctCountTests {
    /// 300,000 rows (enough to run on several threads). `id`: a visit number per batch (batch << 32 | sequence), as the web importer assigns them;
    /// `g`: the batch; `x`: scattered 64-bit values with repeats.
    static let rows = 300_000
    static let batches = rows / 50_000
    static let scattered: [Int64?] = {
        var state: UInt64 = 7
        return (0..<rows).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return i % 4 == 3 ? nil : (Int64(bitPattern: state) >> 20) << 20 | Int64(i % 1000)
        }
    }()
    static let table: Table = {
        var id: [Value] = [], g: [Value] = []
        for i in 0..<rows {
            let batch = Int64(i / 50_000)
            // Every visit has about three rows; consecutive rows share or nearly share an id.
            id.append(.int(batch << 32 | Int64(i % 50_000 / 3)))
            g.append(.int(batch))
        }
        let x = scattered.map { $0.map(Value.int) ?? .null }
        return Fixtures.table("t", [("id", .int64, id), ("g", .int64, g), ("x", .int64, x)], rowGroupSize: 16_384)
    }()

    func run(_ sql: String, threads: Int = 1) throws -> [[Value]] {
        try QueryEngine(catalog: MemoryCatalog([Self.table]), threads: threads).execute(sql).rows
    }

    @Test func clusteredIdentifiersPerGroup() throws {
        // 50,000 rows per batch, ids 0…16,666 within each.
        let perBatch = Int64((50_000 - 1) / 3 + 1)
        for threads in [1, 3] {
            #expect(try run("SELECT count(DISTINCT id) FROM t", threads: threads) == [[.int(Int64(Self.batches) * perBatch)]])
            #expect(try run("SELECT g, count(DISTINCT id) FROM t GROUP BY g ORDER BY g", threads: threads)
                    == (0..<Self.batches).map { [.int(Int64($0)), .int(perBatch)] })
        }
    }

    @Test func filteredClusteredIdentifiers() throws {
        // Ids whose sequence is even: 8,334 per batch.
        let r = try run("SELECT g, count(DISTINCT id) FILTER (WHERE id % 2 = 0) FROM t GROUP BY g ORDER BY g", threads: 2)
        #expect(r == (0..<Self.batches).map { [.int(Int64($0)), .int(8_334)] })
    }

    @Test func scatteredValuesMatchASet() throws {
        var seen = Set<Int64>()
        var perBatch = [Set<Int64>](repeating: [], count: Self.batches)
        for (i, x) in Self.scattered.enumerated() {
            guard let v = x else { continue }
            seen.insert(v)
            perBatch[i / 50_000].insert(v)
        }
        for threads in [1, 2] {
            #expect(try run("SELECT count(DISTINCT x) FROM t", threads: threads) == [[.int(Int64(seen.count))]])
            #expect(try run("SELECT g, count(DISTINCT x) FROM t GROUP BY g ORDER BY g", threads: threads)
                    == (0..<Self.batches).map { [.int(Int64($0)), .int(Int64(perBatch[$0].count))] })
        }
    }

    @Test func extremesOfTheType() throws {
        let values: [Value] = [.int(-5), .int(-5), .int(0), .int(1 << 40), .int((1 << 40) + 1), .int(.max), .int(.min), .int(.max), .null]
        let t = Fixtures.table("e", [("v", .int64, values)])
        let r = try QueryEngine(catalog: MemoryCatalog([t])).execute("SELECT count(DISTINCT v) FROM e").rows
        #expect(r == [[.int(6)]])
    }

    @Test func groupingByClusteredAndScatteredKeys() throws {
        // Clustered ids are numbered through blocks, scattered values move to a hash map
        // mid-query; either way every group's rows and minimum must be exact.
        var rowsPerID: [Int64: Int64] = [:], firstRowPerID: [Int64: Int64] = [:]
        var rowsPerX: [Int64: Int64] = [:]
        for i in 0..<Self.rows {
            let id = Int64(i / 50_000) << 32 | Int64(i % 50_000 / 3)
            rowsPerID[id, default: 0] += 1
            if firstRowPerID[id] == nil { firstRowPerID[id] = Int64(i / 50_000) }
            if let x = Self.scattered[i] { rowsPerX[x, default: 0] += 1 }
        }
        let byID = try run("SELECT id, count(*), min(g) FROM t GROUP BY id")
        #expect(byID.count == rowsPerID.count)
        #expect(byID.allSatisfy { row in
            guard case .int(let id) = row[0] else { return false }
            return row[1] == .int(rowsPerID[id]!) && row[2] == .int(firstRowPerID[id]!)
        })
        let byX = try run("SELECT x, count(*) FROM t WHERE x IS NOT NULL GROUP BY x")
        #expect(byX.count == rowsPerX.count)
        #expect(byX.allSatisfy { row in
            guard case .int(let x) = row[0] else { return false }
            return row[1] == .int(rowsPerX[x]!)
        })
        let nulls = try run("SELECT count(*) FROM t WHERE x IS NULL")
        #expect(try run("SELECT count(*) FROM (SELECT x FROM t GROUP BY x)") == [[.int(Int64(rowsPerX.count + (nulls == [[.int(0)]] ? 0 : 1)))]])
    }
}
