import Columnar
import TestSupport
import Testing
@testable import Store

@Suite struct EncodingTests {
    /// Writes `values` as one column of two full segments and returns the snapshot.
    private func store(_ columns: [(String, DataType, [Value])]) throws -> (TemporaryWorkspace, StoredTable) {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        try workspace.append(to: "t", batch: describe("a")) { try $0.write(makeTable(columns)) }
        return (temporary, try #require(try workspace.storedTable(named: "t")))
    }

    @Test func encodingsShrinkTypicalColumns() throws {
        let rows = 2 * Workspace.rowsPerSegment
        var rng = SplitMix64(seed: 5)
        var t = CivilTime.timestamp(year: 2018, month: 3, day: 1)
        var ts: [Value] = [], status: [Value] = [], constant: [Value] = [], random: [Value] = []
        var flags: [Value] = [], amounts: [Value] = [], country: [Value] = []
        for _ in 0..<rows {
            t += Int64(rng.next() % 30)
            ts.append(.timestamp(t))
            status.append(.int([200, 304, 404, 500][Int(rng.next() % 4)]))
            constant.append(.int(42))
            random.append(.int(Int64(bitPattern: rng.next())))
            flags.append(.bool(rng.next() % 10 == 0))
            amounts.append(.float(Double(rng.next() % 1000)))
            country.append(.string(["FR", "DE", "KE", "BR", "CN"][Int(rng.next() % 5)]))
        }
        let (temporary, table) = try store([
            ("ts", .timestamp, ts), ("status", .int64, status), ("constant", .int64, constant),
            ("random", .int64, random), ("flag", .bool, flags), ("amount", .float64, amounts), ("country", .string, country),
        ])
        _ = temporary
        func sizes(_ name: String) -> [Int] {
            let c = table.schema.index(of: name)!
            return table.segments.map { $0[c]!.byteSize }
        }
        let perSegment = Workspace.rowsPerSegment
        #expect(table.encodings(ofColumn: 0) == ["delta", "delta"])
        #expect(sizes("ts").allSatisfy { $0 < perSegment * 5 / 8 + 100 }, "sorted timestamps: 5 bits a row at most")
        #expect(table.encodings(ofColumn: 1) == ["dictionary", "dictionary"])
        #expect(sizes("status").allSatisfy { $0 < perSegment * 2 / 8 + 100 }, "4 statuses: 2 bits a row")
        #expect(table.encodings(ofColumn: 2) == ["constant", "constant"])
        #expect(sizes("constant").allSatisfy { $0 < 64 })
        #expect(table.encodings(ofColumn: 3) == ["bitpacked", "bitpacked"])
        #expect(sizes("random").allSatisfy { $0 <= perSegment * 8 + 64 })
        #expect(sizes("flag").allSatisfy { $0 < perSegment / 8 + 64 }, "booleans: 1 bit a row")
        #expect(table.encodings(ofColumn: 5).allSatisfy { $0?.hasPrefix("integral-") == true })
        #expect(sizes("amount").allSatisfy { $0 < perSegment * 10 / 8 + 64 }, "integral floats: 10 bits a row")
        #expect(sizes("country").allSatisfy { $0 < perSegment * 3 / 8 + 64 }, "5 countries: 3 bits a row")

        // Decoded, integers use the narrowest width of their range.
        let chunk = try table.loadColumn(1, rowGroup: 0)
        guard case .integers(let base, let offsets) = chunk.storage else {
            Issue.record("status is not stored as integers")
            return
        }
        #expect(base == 200)
        #expect(offsets.width == 2)
        if case .strings(let codes, _) = try table.loadColumn(6, rowGroup: 1).storage {
            #expect(codes.width == 1)
        } else {
            Issue.record("country is not stored as codes")
        }
    }

    @Test func integerRunsRoundTripInEveryEncoding() throws {
        var rng = SplitMix64(seed: 9)
        let runs: [[Int64]] = [
            [],
            [5],
            [Int64.min, Int64.max],
            (0..<5000).map { _ in Int64(bitPattern: rng.next()) },
            (0..<5000).map { Int64($0) * 1_000_003 - 17 },
            (0..<5000).map { _ in [-7, 3, 1_000_000_007, Int64.min][Int(rng.next() % 4)] },
            (0..<5000).map { i in Int64(i / 100) },
            [Int64](repeating: Int64.max, count: 300),
            (0..<4000).map { i in i % 2 == 0 ? Int64.min : Int64.max },
        ]
        for values in runs {
            var writer = _ByteWriter()
            let name = values.withUnsafeBufferPointer { _IntegerCodec.encode($0, into: &writer) }
            try writer.bytes.withUnsafeBytes { raw in
                var reader = _ByteReader(raw)
                let header = try _IntegerCodec.readHeader(&reader)
                let packed = try _IntegerCodec.decodePacked(header, &reader, count: values.count, base: header.min,
                                                            maxOffset: UInt64(bitPattern: header.max &- header.min))
                let decoded = (0..<values.count).map { header.min &+ Int64(bitPattern: packed[$0]) }
                #expect(decoded == values, "encoding \(name)")
                #expect(values.isEmpty || reader.remaining == 0)
            }
        }
    }

    @Test func dictionaryDeltasPackHexAlphabets() throws {
        var rng = SplitMix64(seed: 1)
        let hex = StringDictionary((0..<5000).map { _ in String(rng.next(), radix: 16) + String(rng.next(), radix: 16) })
        let mixed = StringDictionary(["", "é", "日本", "\u{0}", "plain"] + (0..<100).map { "s\($0)" })
        for dictionary in [hex, mixed] {
            let (blob, _) = _DictionaryChunkCodec.encode(dictionary, codes: 0..<dictionary.count)
            let decoded = try blob.withUnsafeBytes { try _DictionaryChunkCodec.decode($0, expectedCount: dictionary.count) }
            #expect(StringDictionary(bytes: decoded.bytes, offsets: decoded.offsets).strings == dictionary.strings)
            if dictionary === hex {
                #expect(blob.count < dictionary.byteCount * 6 / 10, "hex strings take about 4 bits a character")
            }
        }
    }
}
