import Columnar
import Foundation
@testable import Ingest
import Store
import Testing

/// The parse runs on a thread of its own and hands lines on in pieces; a
/// log of several read chunks, with lines across chunk boundaries, bad lines
/// and no final newline, must come out as if read line by line.
@Suite struct ParseAheadTests {
    let scratch: WebScratch

    init() throws { scratch = try WebScratch() }

    /// A Combined log of `count` lines of varied length (so that lines straddle
    /// the 1 MiB read chunks), every 997th line damaged, no final newline;
    /// with what the test expects of it, worked out from the lines as written.
    static func log(lines count: Int) -> (text: String, good: Int, bytes: Int64, notFound: Int, bad: [Int], paths: Int) {
        var text = ""
        var good = 0, notFound = 0
        var bytes: Int64 = 0
        var bad: [Int] = []
        var paths = Set<String>()
        for n in 1...count {
            if n % 997 == 0 {
                text += "192.0.2.\(n % 250) - - [01/Mar/2024:10:00:00 +0000] \"GET /x HTTP/1.1\" 2OO 12 \"-\" \"curl/8\"\n"
                bad.append(n)
                continue
            }
            let path = "/section-\(n % 41)/page-\(n % 1301)" + String(repeating: "a", count: n % 173)
            let status = n % 11 == 0 ? 404 : 200
            let size = Int64(n % 9000)
            let second = n % 60, minute = (n / 60) % 60, hour = 10 + (n / 3600) % 10
            let stamp = "01/Mar/2024:\(String(format: "%02d:%02d:%02d", hour, minute, second)) +0000"
            let agent = "Mozilla/5.0 (X11; Linux x86_64) TestAgent/\(n % 13)" + String(repeating: " pad", count: n % 29)
            text += "198.51.100.\(n % 200) - - [\(stamp)] \"GET \(path) HTTP/1.1\" \(status) \(size) \"https://ref\(n % 7).example.org/p\" \"\(agent)\""
            if n < count { text += "\n" }
            good += 1
            bytes += size
            if status == 404 { notFound += 1 }
            paths.insert(path)
        }
        return (text, good, bytes, notFound, bad, paths.count)
    }

    @Test func linesAcrossChunksComeOutAsWritten() throws {
        let expected = Self.log(lines: 14_000)
        #expect(expected.text.utf8.count > 3 * InputStream.chunkSize, "the log must span several read chunks")
        var options = WebScratch.quiet()
        options.ingest.maxRejectRate = 0.01
        let (ws, outcome) = try scratch.ingest(expected.text, options: options)
        #expect(outcome.ingest.batch.rows == expected.good)
        #expect(outcome.ingest.lines == 14_000)
        let sums = try scratch.query(ws, "SELECT count(*), sum(bytes), count(*) FILTER (WHERE status = 404), count(DISTINCT path) FROM hits")
        #expect(sums == [[.int(Int64(expected.good)), .int(expected.bytes), .int(Int64(expected.notFound)), .int(Int64(expected.paths))]])
        // The last line has no newline and is read all the same.
        let last = try scratch.query(ws, "SELECT path, bytes FROM hits ORDER BY ts DESC, bytes DESC LIMIT 1")
        #expect(last.first?.first == .string("/section-\(14_000 % 41)/page-\(14_000 % 1301)" + String(repeating: "a", count: 14_000 % 173)))
        let rejected = try ws.rejects(batch: outcome.ingest.batch.id).map(\.line)
        #expect(rejected == expected.bad)
    }

    @Test func oneCPUAndTwoStoreTheSameRows() throws {
        // With one CPU allowed, lines are parsed and encoded in turn; with two, on two threads.
        let text = Self.log(lines: 9_000).text
        var rows: [[[Value]]] = []
        for ahead in [false, true] {
            let scratch = try WebScratch()
            var options = WebScratch.quiet()
            options.parsesAhead = ahead
            let (ws, outcome) = try scratch.ingest(text, options: options)
            #expect(outcome.ingest.batch.rows == 9_000 - 9)
            #expect(try ws.rejects(batch: outcome.ingest.batch.id).count == 9)
            // Every column but the visitor hash, whose key is each workspace's own.
            rows.append(try scratch.query(ws, """
                SELECT ts, site, method, path, query, status, bytes, referrer_host, agent, agent_kind, is_bot, is_static,
                       is_download, doc_category, is_search, country, region, is_pageview, visit FROM hits ORDER BY ts, path, bytes
                """) + scratch.query(ws, "SELECT count(DISTINCT visitor), count(DISTINCT (visitor || visit::varchar)) FROM hits"))
        }
        #expect(rows[0].count == 9_000 - 9 + 1)
        #expect(rows[0] == rows[1])
    }

    @Test func aReadErrorAfterManyPiecesFailsTheBatch() throws {
        // A gzip file cut short: the pieces before the damage are parsed, then the error stops the batch.
        let text = Self.log(lines: 20_000).text
        let plain = try scratch.file("big.log", text)
        let gz = plain + ".gz"
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        zip.arguments = ["gzip", "-k", "-1", plain]
        try zip.run()
        zip.waitUntilExit()
        #expect(zip.terminationStatus == 0, "gzip must be installed")
        let whole = try Data(contentsOf: URL(fileURLWithPath: gz))
        let cut = try scratch.bytes("cut.log.gz", Array(whole.prefix(whole.count * 3 / 4)))
        let ws = try scratch.workspace()
        #expect(throws: IngestError.self) { try WebLogImport.run(file: cut, workspace: ws, options: WebScratch.quiet()) }
        // No row of it is stored (the table may not even exist yet).
        #expect(((try? scratch.query(ws, "SELECT count(*) FROM hits")) ?? [[.int(0)]]) == [[.int(0)]])
        // The whole file goes in afterwards: nothing of the failed batch is left in the way.
        let outcome = try WebLogImport.run(file: gz, workspace: ws, options: WebScratch.quiet())
        #expect(outcome.ingest.batch.rows == 20_000 - 20_000 / 997)
    }

    @Test func cgroupQuotaCapsTheCPUs() {
        #expect(CPUAllowance.cgroupQuota("max 100000\n") == nil)
        #expect(CPUAllowance.cgroupQuota("100000 100000\n") == 1)
        #expect(CPUAllowance.cgroupQuota("150000 100000") == 2)
        #expect(CPUAllowance.cgroupQuota("50000 100000") == 1)
        #expect(CPUAllowance.cgroupQuota("") == nil)
        #expect(CPUAllowance.cgroupQuota(nil) == nil)
        // Never more than the machine has, never none.
        #expect((1...ProcessInfo.processInfo.activeProcessorCount).contains(CPUAllowance.count))
    }
}
