import Columnar
import Testing

/// GROUPING SETS, ROLLUP and CUBE against sets and counts worked out in the
/// test, with GROUPING() telling the sets apart.
@Suite struct GroupingSetTests {
    /// Row i: g = "a"/"b"/"c" by i % 3, h = i % 4, s = "s" + i % 7, v = i.
    static let rows = 5_000
    static let engine: QueryEngine = {
        var g: [Value] = [], h: [Value] = [], s: [Value] = [], v: [Value] = []
        for i in 0..<rows {
            g.append(.string(["a", "b", "c"][i % 3]))
            h.append(.int(Int64(i % 4)))
            s.append(.string("s\(i % 7)"))
            v.append(.int(Int64(i)))
        }
        return QueryEngine(catalog: MemoryCatalog([Fixtures.table("t", [("g", .string, g), ("h", .int64, h), ("s", .string, s), ("v", .int64, v)],
                                                                  rowGroupSize: 1000)]))
    }()

    /// Count, distinct s and sum of v over the rows where `keep` holds.
    static func expected(_ keep: (Int) -> Bool) -> [Value] {
        let ids = (0..<rows).filter(keep)
        return [.int(Int64(ids.count)), .int(Int64(Set(ids.map { $0 % 7 }).count)), .int(Int64(ids.reduce(0, +)))]
    }

    static func sorted(_ rows: [[Value]]) -> [[Value]] {
        rows.sorted { $0.map(\.description).joined(separator: "|") < $1.map(\.description).joined(separator: "|") }
    }

    @Test func rollupAddsSubtotalsAndAGrandTotal() throws {
        let r = try Self.engine.execute("""
            SELECT g, h, grouping(g, h) AS bits, count(*), count(DISTINCT s), sum(v) FROM t GROUP BY ROLLUP (g, h)
            """)
        var want: [[Value]] = []
        for (k, name) in ["a", "b", "c"].enumerated() {
            for h in 0..<4 {
                // i % 3 == k and i % 4 == h: i % 12 is fixed, so i % 7 takes every value.
                want.append([.string(name), .int(Int64(h)), .int(0)] + Self.expected { $0 % 3 == k && $0 % 4 == h })
            }
            want.append([.string(name), .null, .int(1)] + Self.expected { $0 % 3 == k })
        }
        want.append([.null, .null, .int(3)] + Self.expected { _ in true })
        #expect(r.rowCount == 3 * 4 + 3 + 1)
        #expect(Self.sorted(r.rows) == Self.sorted(want))
    }

    @Test func cubeGivesEverySubsetOfTheKeys() throws {
        let r = try Self.engine.execute("SELECT g, h, grouping(h) AS gh, count(*) FROM t GROUP BY CUBE (g, h)")
        // (g, h): 12 rows, (g): 3, (h): 4, (): 1.
        #expect(r.rowCount == 12 + 3 + 4 + 1)
        let byH = r.rows.filter { $0[0] == .null && $0[2] == .int(0) }
        #expect(Self.sorted(byH) == Self.sorted((0..<4).map { h in [.null, .int(Int64(h)), .int(0), .int(Int64((0..<Self.rows).filter { $0 % 4 == h }.count))] }))
    }

    @Test func setsThatHoldNoOtherAreEachGroupedOnce() throws {
        // Neither set holds the other: two aggregations, concatenated.
        let r = try Self.engine.execute("""
            SELECT g, h, count(DISTINCT s) AS d FROM t WHERE v < 100 GROUP BY GROUPING SETS ((g), (h)) ORDER BY g NULLS LAST, h
            """)
        let g = ["a", "b", "c"].enumerated().map { k, name -> [Value] in
            [.string(name), .null, Self.expected { $0 < 100 && $0 % 3 == k }[1]]
        }
        let h = (0..<4).map { h -> [Value] in [.null, .int(Int64(h)), Self.expected { $0 < 100 && $0 % 4 == h }[1]] }
        #expect(r.rows == g + h)
    }

    @Test func plainKeysBesideARollupCombineWithEverySet() throws {
        let r = try Self.engine.execute("SELECT g, h, count(*) FROM t WHERE h < 2 GROUP BY g, ROLLUP (h)")
        // (g, h) and (g): 3 × 2 + 3.
        #expect(r.rowCount == 9)
        #expect(r.rows.allSatisfy { $0[0] != .null })
    }

    @Test func anEmptyInputStillHasItsGrandTotal() throws {
        let r = try Self.engine.execute("SELECT g, count(*), sum(v) FROM t WHERE v < 0 GROUP BY ROLLUP (g)")
        #expect(r.rows == [[.null, .int(0), .null]])
    }

    @Test func groupingAloneIsZeroAndAliasesMayBeNamed() throws {
        let plain = try Self.engine.execute("SELECT g, grouping(g), count(*) FROM t GROUP BY g ORDER BY g")
        #expect(plain.rows.map { $0[1] } == [.int(0), .int(0), .int(0)])
        let aliased = try Self.engine.execute("""
            SELECT h % 2 AS parity, count(*) AS n FROM t GROUP BY ROLLUP (parity) HAVING grouping(parity) = 1
            """)
        #expect(aliased.rows == [[.null, .int(Int64(Self.rows))]])
    }

    @Test func aNullKeyIsNotTheGrandTotal() throws {
        let r = try Self.engine.execute("""
            SELECT CASE WHEN v % 5 = 0 THEN NULL ELSE g END AS k, grouping(k) AS left_out, count(*) FROM t GROUP BY ROLLUP (k)
            """)
        let nulls = r.rows.filter { $0[0] == .null }
        #expect(Set(nulls.map { $0[1] }) == [.int(0), .int(1)])
        #expect(nulls.first { $0[1] == .int(0) }?[2] == .int(Int64((0..<Self.rows).filter { $0 % 5 == 0 }.count)))
        #expect(nulls.first { $0[1] == .int(1) }?[2] == .int(Int64(Self.rows)))
    }

    @Test func concatenatedStringsOfDerivedSetsShareOneDictionary() throws {
        // Rows 0–5: g = a, b, c, a, b, c and s = s0 … s5.
        let r = try Self.engine.execute("SELECT g, string_agg(s, ',') AS joined FROM t WHERE v < 6 GROUP BY ROLLUP (g) ORDER BY g NULLS LAST")
        #expect(r.rows.prefix(3).map { $0[1] } == [.string("s0,s3"), .string("s1,s4"), .string("s2,s5")])
        let total = r.rows.last?[1].stringValue ?? ""
        #expect(total.split(separator: ",").sorted() == ["s0", "s1", "s2", "s3", "s4", "s5"])
        // Grouping again over the column reads its batches with one dictionary.
        let distinct = try Self.engine.execute("SELECT DISTINCT string_agg(s, ',') FROM t WHERE v < 6 GROUP BY ROLLUP (g)")
        #expect(distinct.rowCount == 4)
    }

    @Test func misuseIsExplained() {
        func message(_ sql: String) -> String {
            do {
                _ = try Self.engine.execute(sql)
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(message("SELECT g, grouping(s) FROM t GROUP BY ROLLUP (g)").contains("must be GROUP BY keys"))
        #expect(message("SELECT count(*) FROM t WHERE grouping(g) = 0").contains("allowed only"))
        let thirteen = (1...13).map { "v + \($0)" }.joined(separator: ", ")
        #expect(message("SELECT count(*) FROM t GROUP BY CUBE (\(thirteen))").contains("CUBE takes at most 12"))
        let twelve = (1...12).map { "v + \($0)" }.joined(separator: ", ")
        #expect(message("SELECT count(*) FROM t GROUP BY CUBE (\(twelve)), ROLLUP (g)").contains("more than 4096 grouping sets"))
    }
}
