import Columnar
import Foundation
import TestSupport
import Testing
@testable import Store

/// Columns of every type with the awkward values: nulls, empty and non-ASCII
/// strings, extreme integers, NaN and infinities, sorted and random runs.
struct MixedColumns {
    var columns: [(String, DataType, [Value])] = []

    init(rows: Int, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let start = CivilTime.timestamp(year: 2016, month: 1, day: 1)
        var t = start
        var ts: [Value] = [], big: [Value] = [], small: [Value] = [], floats: [Value] = [], counts: [Value] = []
        var flags: [Value] = [], text: [Value] = [], status: [Value] = []
        let pool = ["", "Ünïcødé", "日本語のテキスト", "🙂👍🏽", "a\u{0}b", "/documents/report.pdf", "x"]
            + (0..<3000).map { "/path/\($0)" }
        let specials: [Double] = [.nan, .infinity, -.infinity, -0.0, 0, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 1.5, -2.25]
        let extremes: [Int64] = [.min, .max, 0, -1, 1, .min + 1, .max - 1]
        for i in 0..<rows {
            t += Int64(rng.next() % 25)
            ts.append(i % 97 == 0 ? .null : .timestamp(t))
            big.append(i % 50 == 7 ? .null : .int(i % 1000 < extremes.count ? extremes[i % 1000] : Int64(bitPattern: rng.next())))
            small.append(.int(Int64(i % 7) - 3))
            floats.append(i % 41 == 3 ? .null : .float(i % 500 < specials.count ? specials[i % 500] : Double(bitPattern: rng.next() >> 2)))
            counts.append(i % 11 == 0 ? .null : .float(Double(rng.next() % 10_000)))
            flags.append(i % 17 == 0 ? .null : .bool(rng.next() % 3 == 0))
            switch i % 13 {
            case 0: text.append(.null)
            case 1: text.append(.string("unique-\(i)-\(rng.next() % 1000)"))
            default: text.append(.string(pool[Int(rng.next() % UInt64(pool.count))]))
            }
            status.append(.int([200, 304, 404, 500][Int(rng.next() % 4)]))
        }
        columns = [
            ("ts", .timestamp, ts), ("big", .int64, big), ("small", .int64, small), ("f", .float64, floats),
            ("counts", .float64, counts), ("flag", .bool, flags), ("text", .string, text), ("status", .int64, status),
        ]
    }

    /// Rows `range` of every column.
    func slice(_ range: Range<Int>) -> [(String, DataType, [Value])] {
        columns.map { ($0.0, $0.1, Array($0.2[range])) }
    }
}

@Suite struct RoundTripTests {
    @Test func everyTypeRoundTripsAcrossSegmentsAndBatches() throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        let data = MixedColumns(rows: 150_000, seed: 7)
        // Uneven pieces, some with several row groups, spread over three batches.
        let pieces: [[Int]] = [[1], [999], [30_000, 35_000], [537], [40_000], [3], [20_000, 23_460]]
        let batches = [[0, 1, 2], [3, 4], [5, 6]]
        var start = 0
        var starts: [Int] = []
        for piece in pieces {
            starts.append(start)
            start += piece.reduce(0, +)
        }
        #expect(start == 150_000)
        for (b, members) in batches.enumerated() {
            try workspace.append(to: "hits", batch: describe("batch-\(b)")) { writer in
                for p in members {
                    let size = pieces[p].reduce(0, +)
                    try writer.write(makeTable(data.slice(starts[p]..<(starts[p] + size)), groupSizes: pieces[p]))
                }
            }
        }

        let table = try #require(try workspace.table(named: "HITS"))
        #expect(table.rowGroups.map(\.rowCount) == [65_536, 65_536, 18_928])
        for (name, _, values) in data.columns {
            let read = try readColumn(table, name)
            #expect(firstDifference(read, values) == nil, "column \(name)")
        }

        // A second handle decodes from the file, with no cache in common.
        let reopened = try Workspace.open(path: temporary.path, create: false)
        let again = try #require(try reopened.table(named: "hits"))
        for (name, _, values) in data.columns {
            #expect(firstDifference(try readColumn(again, name), values) == nil, "column \(name) after reopening")
        }
    }

    @Test func segmentStatisticsDescribeTheValues() throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        let data = MixedColumns(rows: 140_000, seed: 11)
        try workspace.append(to: "t", batch: describe("a")) { try $0.write(makeTable(data.slice(0..<100_000))) }
        try workspace.append(to: "t", batch: describe("b")) { try $0.write(makeTable(data.slice(100_000..<140_000))) }
        let table = try #require(try workspace.table(named: "t"))
        for (c, column) in data.columns.enumerated() {
            for (k, group) in table.rowGroups.enumerated() {
                let values = column.2[(k * 65_536)..<min((k + 1) * 65_536, 140_000)]
                let stats = group.statistics[c]
                #expect(stats.rowCount == values.count)
                #expect(stats.nullCount == values.filter(\.isNull).count, "nulls of \(column.0) in segment \(k)")
                let present = values.filter { !$0.isNull }
                switch column.1 {
                case .int64, .timestamp, .date:
                    let ints = present.compactMap(\.integerValue)
                    #expect(stats.integerRange == ints.min()!...ints.max()!, "range of \(column.0) in segment \(k)")
                case .float64:
                    let numbers = present.compactMap(\.doubleValue).filter { !$0.isNaN }
                    #expect(stats.bounds == .floats(min: numbers.min()!, max: numbers.max()!))
                case .bool:
                    let bools = present.compactMap(\.boolValue)
                    #expect(stats.bounds == .booleans(hasFalse: bools.contains(false), hasTrue: bools.contains(true)))
                case .string:
                    let chunk = try table.loadColumn(c, rowGroup: k)
                    #expect(stats == chunk.statistics)
                    let dictionary = try table.dictionary(ofColumn: c)
                    guard case .codes(let lo, let hi)? = stats.bounds else {
                        Issue.record("string statistics without code bounds")
                        continue
                    }
                    #expect(hi < UInt32(dictionary.count))
                    #expect(lo <= hi)
                }
            }
        }
    }

    @Test func chunksShareTheSnapshotDictionary() throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        let data = MixedColumns(rows: 70_000, seed: 3)
        try workspace.append(to: "t", batch: describe("a")) { try $0.write(makeTable(data.slice(0..<70_000))) }
        let table = try #require(try workspace.table(named: "t"))
        let c = try #require(table.schema.index(of: "text"))
        let dictionary = try table.dictionary(ofColumn: c)
        for k in table.rowGroups.indices {
            #expect(try table.loadColumn(c, rowGroup: k).dictionary === dictionary)
        }
        // A table built from the snapshot's chunks satisfies Columnar's invariants.
        let copy = Columnar.Table(name: "copy", schema: table.schema, rowGroups: try table.rowGroups.indices.map { k in
            try table.schema.columns.indices.map { try table.loadColumn($0, rowGroup: k) }
        })
        #expect(copy.rowCount == 70_000)
    }

    @Test func emptyAndAllNullWritesAreKept() throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        let record = try workspace.append(to: "empty", batch: describe("e")) { writer in
            try writer.write(makeTable([("a", .int64, []), ("s", .string, [])]))
        }
        #expect(record.rows == 0)
        #expect(try workspace.schema(of: "empty")?.names == ["a", "s"])
        #expect(try workspace.table(named: "empty")?.rowCount == 0)

        let nulls = [Value](repeating: .null, count: 1000)
        try workspace.append(to: "empty", batch: describe("n")) { writer in
            try writer.write(makeTable([("a", .int64, nulls), ("s", .string, nulls)]))
        }
        let table = try #require(try workspace.table(named: "empty"))
        #expect(try readColumn(table, "s") == nulls)
        #expect(try readColumn(table, "a") == nulls)
        #expect(table.rowGroups[0].statistics[1] == .allNull(rowCount: 1000))
    }
}
