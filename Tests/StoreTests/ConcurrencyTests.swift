import Columnar
import Testing
@testable import Store

@Suite struct ConcurrencyTests {
    @Test func readersSeeWholeBatchesWhileAppendsRun() async throws {
        let temporary = TemporaryWorkspace()
        let workspace = try temporary.open()
        let batch = 20_000
        func rows(_ b: Int) -> Columnar.Table {
            makeTable([
                ("id", .int64, (0..<batch).map { .int(Int64(b * batch + $0)) }),
                ("label", .string, (0..<batch).map { .string("label-\((b * batch + $0) % 5000)") }),
            ])
        }
        try workspace.append(to: "t", batch: describe("b0")) { try $0.write(rows(0)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for b in 1..<6 {
                    try workspace.append(to: "t", batch: describe("b\(b)")) { try $0.write(rows(b)) }
                }
            }
            for _ in 0..<2 {
                group.addTask {
                    for _ in 0..<8 {
                        let table = try #require(try workspace.table(named: "t"))
                        let ids = try readColumn(table, "id")
                        let labels = try readColumn(table, "label")
                        #expect(ids.count % batch == 0, "a reader saw part of a batch")
                        #expect(ids == (0..<ids.count).map { .int(Int64($0)) })
                        #expect(labels == (0..<ids.count).map { .string("label-\($0 % 5000)") })
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try workspace.table(named: "t")?.rowCount == 6 * batch)
    }
}
