import Columnar
import Foundation
import Store
import Testing

/// A batch is one transaction: an import killed at any moment leaves the
/// workspace readable and either without the batch or with all of it.
@Suite struct InterruptedImportTests {
    @Test func killedImportsLeaveTheWorkspaceWhole() throws {
        let runner = try CommandRunner()
        var text = "id,name,value,ts\n"
        let rows = 200_000
        for i in 0..<rows {
            text += "\(i),name-\(i % 1000),\(Double(i) / 7),2024-01-01 00:00:\(i % 60 < 10 ? "0" : "")\(i % 60)\n"
        }
        let csv = try runner.write("big.csv", text)

        // Time one complete import, so the kills below land across both passes,
        // including inside the write transaction.
        let started = Date()
        let first = try runner.run(["import", "t", csv, "--db", "w.db"])
        #expect(first.status == 0, "\(first.stderr)")
        let duration = Date().timeIntervalSince(started)

        func check(_ note: String) throws -> Int {
            let ws = try Workspace.open(path: runner.path("w.db"), create: false)
            let committed = try ws.batches().filter { $0.status == .committed }.count
            let rowsRead = try QueryEngine(catalog: ws).execute("SELECT count(*), sum(id) FROM t").rows[0]
            let expected = [Value.int(Int64(rows * committed)), .int(Int64(rows) * Int64(rows - 1) / 2 * Int64(committed))]
            #expect(rowsRead == expected, "\(note): \(rowsRead) with \(committed) committed batches")
            return committed
        }
        var batches = try check("after the first import")
        for fraction in [0.15, 0.4, 0.6, 0.8, 0.95] {
            let (process, _, _) = try runner.start(["import", "t", csv, "--db", "w.db", "--force"])
            Thread.sleep(forTimeInterval: duration * fraction)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try check("killed at \(fraction) of an import")
            #expect(now == batches || now == batches + 1)
            batches = now
        }
        let last = try runner.run(["import", "t", csv, "--db", "w.db", "--force"])
        #expect(last.status == 0, "\(last.stderr)")
        #expect(try check("after a final import") == batches + 1)
    }
}
