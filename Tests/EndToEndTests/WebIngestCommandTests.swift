import Columnar
import Foundation
import Store
import Testing

/// `chm init` and `chm ingest web` as a user runs them.
@Suite struct WebIngestCommandTests {
    static func line(_ i: Int) -> String {
        let agents = ["Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0", "curl/8.5.0", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"]
        let second = i % 60, minute = i / 60 % 60, hour = i / 3600 % 24
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "198.51.\(i % 200).\(i % 250 + 1) - - [01/Mar/2024:\(two(hour)):\(two(minute)):\(two(second)) +0000] \"GET /p/\(i % 5000) HTTP/1.1\" 200 \(i % 9000) \"-\" \"\(agents[i % 3])\"\n"
    }

    @Test func initThenIngestFromStandardInput() throws {
        let runner = try CommandRunner()
        let created = try runner.run(["init", "--db", "w.db"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.contains("Created workspace"))
        let again = try runner.run(["init", "--db", "w.db"])
        #expect(again.status == 0 && again.stderr.contains("already a workspace"), "\(again.stderr)")
        let log = (0..<100).map(Self.line).joined()
        let ingest = try runner.run(["ingest", "web", "-", "--db", "w.db", "--site", "chm.example.org"], stdin: log)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stderr.contains("100 hits"), "\(ingest.stderr)")
        #expect(!ingest.stderr.contains("Created workspace"))
        let ws = try Workspace.open(path: runner.path("w.db"), create: false)
        #expect(try QueryEngine(catalog: ws).execute("SELECT count(*), count(DISTINCT site), sum(bytes) FROM hits").rows[0]
                == [.int(100), .int(1), .int(Int64((0..<100).reduce(0, +)))])
    }

    @Test func ingestCreatesAWorkspaceAndSaysSo() throws {
        let runner = try CommandRunner()
        let file = try runner.write("a.log", (0..<10).map(Self.line).joined())
        let r = try runner.run(["ingest", "web", file, "--db", "new.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("Created workspace new.db with a new secret key"), "\(r.stderr)")
        let bad = try runner.run(["ingest", "web", try runner.write("b.csv", "a,b\n1,2\n"), "--db", "new.db"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("b.csv") && bad.stderr.contains("Combined or Common"), "\(bad.stderr)")
    }

    /// A batch is one transaction: `chm ingest web` killed at any moment leaves the store as it was or with the whole file.
    @Test func killedIngestLeavesTheStoreWhole() throws {
        let runner = try CommandRunner()
        let lines = 100_000
        var text = ""
        text.reserveCapacity(lines * 130)
        for i in 0..<lines { text += Self.line(i) }
        let log = try runner.write("big.log", text)
        let started = Date()
        let first = try runner.run(["ingest", "web", log, "--db", "w.db"])
        #expect(first.status == 0, "\(first.stderr)")
        let duration = Date().timeIntervalSince(started)

        func check(_ note: String) throws -> Int {
            let ws = try Workspace.open(path: runner.path("w.db"), create: false)
            let committed = try ws.batches().filter { $0.status == .committed }.count
            let row = try QueryEngine(catalog: ws).execute("SELECT count(*), sum(bytes) FROM hits").rows[0]
            let bytesPerFile = Int64((0..<lines).reduce(0) { $0 + $1 % 9000 })
            #expect(row == [.int(Int64(lines * committed)), .int(bytesPerFile * Int64(committed))], "\(note): \(row) with \(committed) batches")
            return committed
        }
        var batches = try check("after the first ingest")
        for fraction in [0.2, 0.5, 0.8, 0.95] {
            let (process, _, _) = try runner.start(["ingest", "web", log, "--db", "w.db", "--force"])
            Thread.sleep(forTimeInterval: duration * fraction)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try check("killed at \(fraction) of an ingest")
            #expect(now == batches || now == batches + 1)
            batches = now
        }
    }
}
