import Columnar
import Testing

/// Every aggregate on an empty input, one group, many groups and NULLs,
/// against sums worked out in the test.
@Suite struct AggregateTests {
    func engine(rows: Int) -> QueryEngine {
        // g: three groups; v: 1…rows with every fifth NULL; w: floats; s: strings.
        var g: [Value] = [], v: [Value] = [], w: [Value] = [], s: [Value] = []
        for i in 0..<rows {
            g.append(.string(["a", "b", "c"][i % 3]))
            v.append(i % 5 == 4 ? .null : .int(Int64(i + 1)))
            w.append(.float(Double(i) / 4))
            s.append(.string("s\(i % 7)"))
        }
        return QueryEngine(catalog: MemoryCatalog([Fixtures.table("t", [("g", .string, g), ("v", .int64, v), ("w", .float64, w), ("s", .string, s)], rowGroupSize: 1000)]))
    }

    @Test func emptyInputGivesOneRowOfNullsAndZeros() throws {
        let r = try engine(rows: 0).execute("SELECT count(*), count(v), sum(v), avg(w), min(s), max(v), median(w), count(DISTINCT s), bool_or(v > 1), string_agg(s, ',') FROM t")
        #expect(r.rows == [[.int(0), .int(0), .null, .null, .null, .null, .null, .int(0), .null, .null]])
        #expect(try engine(rows: 0).execute("SELECT g, count(*) FROM t GROUP BY g").rowCount == 0)
    }

    @Test func oneGroupMatchesHandSums() throws {
        let rows = 10_000
        let values = (0..<rows).filter { $0 % 5 != 4 }.map { Int64($0 + 1) }
        let sum = values.reduce(0, +)
        let r = try engine(rows: rows).execute("SELECT count(*), count(v), sum(v), min(v), max(v), avg(v), sum(w), count(DISTINCT s) FROM t")
        #expect(r.rows == [[.int(Int64(rows)), .int(Int64(values.count)), .int(sum), .int(1), .int(values.max()!),
                            .float(Double(sum) / Double(values.count)), .float(Double(rows * (rows - 1)) / 8), .int(7)]])
    }

    @Test func manyGroupsWithFilterAndNulls() throws {
        let rows = 30_001
        let r = try engine(rows: rows).execute("""
            SELECT g, count(*) AS n, sum(v) AS total, count(*) FILTER (WHERE v > 100) AS big, min(s), max(s)
            FROM t GROUP BY g ORDER BY g
            """)
        for (k, name) in ["a", "b", "c"].enumerated() {
            let indices = (0..<rows).filter { $0 % 3 == k }
            let present = indices.filter { $0 % 5 != 4 }.map { Int64($0 + 1) }
            #expect(r.rows[k] == [.string(name), .int(Int64(indices.count)), .int(present.reduce(0, +)),
                                  .int(Int64(present.filter { $0 > 100 }.count)), .string("s0"), .string("s6")])
        }
    }

    @Test func quantilesVarianceAndMode() throws {
        let values = (0..<1000).map { Double($0) / 4 }
        let r = try engine(rows: 1000).execute("SELECT median(w), quantile_cont(w, 0.9), quantile_disc(w, 0.25), var_pop(w), stddev_samp(w), mode(s) FROM t")
        let mean = values.reduce(0, +) / 1000
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 1000
        let row = r.rows[0]
        #expect(row[0] == .float((values[499] + values[500]) / 2))
        #expect(row[1] == .float(values[899] + (values[900] - values[899]) * 0.1))
        #expect(row[2] == .float(values[249]))
        if case .float(let v) = row[3] { #expect(abs(v - variance) < 1e-9 * variance) }
        if case .float(let sd) = row[4] { #expect(abs(sd - (variance * 1000 / 999).squareRoot()) < 1e-9) }
        #expect(row[5] == .string("s0"))
    }

    @Test func distinctCountsOverEveryKeyShape() throws {
        let e = engine(rows: 5000)
        #expect(try e.execute("SELECT count(DISTINCT v), count(DISTINCT w), count(DISTINCT v % 10), count(DISTINCT v > 10) FROM t").rows
            == [[.int(4000), .int(5000), .int(8), .int(2)]], "v % 5 = 0 exactly where v is NULL, so v % 10 takes 8 values")
        let perGroup = try e.execute("SELECT g, count(DISTINCT s) FROM t GROUP BY g ORDER BY g").rows
        #expect(perGroup == [[.string("a"), .int(7)], [.string("b"), .int(7)], [.string("c"), .int(7)]])
    }

    @Test func compositeAndHashedKeys() throws {
        let e = engine(rows: 2100)
        let r = try e.execute("SELECT g, s, count(*) FROM t GROUP BY g, s ORDER BY g, s").rows
        #expect(r.count == 21)
        #expect(r.allSatisfy { $0[2] == .int(100) })
        let hashed = try e.execute("SELECT w * 3 AS k, count(*) FROM t WHERE w < 1 GROUP BY k ORDER BY k").rows
        #expect(hashed == [[.float(0), .int(1)], [.float(0.75), .int(1)], [.float(1.5), .int(1)], [.float(2.25), .int(1)]])
    }
}
