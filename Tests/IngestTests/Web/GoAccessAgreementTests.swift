import Columnar
import Foundation
@testable import Ingest
import Store
import Testing

/// chm's counts against GoAccess 1.7's on the same logs.
///
/// GoAccess runs with the flags that make it count like chm: UTC days
/// (`%x` with `--datetime-format … %z --tz=UTC`), chm's static extensions
/// only (`--no-global-config` and one `--static-file` per extension in
/// extensions.txt), and no list truncation. Where the definitions still
/// differ, the test checks the difference is exactly the documented one.
@Suite struct GoAccessAgreementTests {
    static let goaccess = "/usr/bin/goaccess"
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let elastic = fixtures.appendingPathComponent("../../../../shared/fixtures/logs/apache-combined-elastic-examples.log").standardized.path

    struct Figures {
        var total = 0, valid = 0, failed = 0, notFound = 0, staticHits = 0
        var visitorsByDay: [String: Int] = [:]
    }

    /// The flags, as the README gives them.
    static func goaccessArguments(log: String, json: String) throws -> [String] {
        let text = try String(contentsOfFile: fixtures.appendingPathComponent("../../../Sources/Ingest/Resources/extensions.txt").standardized.path, encoding: .utf8)
        let statics = text.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.split(separator: "\t").count == 2 }.map { "--static-file=.\($0.split(separator: "\t")[0])" }
        return [log, "--no-global-config", #"--log-format=%h %^ %e [%x] "%r" %s %b "%R" "%u""#, "--datetime-format=%d/%b/%Y:%H:%M:%S %z",
                "--tz=UTC", "--no-progress", "--max-items=100000", "--num-tests=0", "-o", json] + statics
    }

    static func runGoAccess(_ log: String, scratch: WebScratch) throws -> Figures {
        guard FileManager.default.isExecutableFile(atPath: goaccess) else {
            throw PeerFailure("GoAccess is not installed at \(goaccess): install it (apt-get install goaccess) to run the agreement tests")
        }
        let json = scratch.directory.appendingPathComponent("goaccess-\(UUID().uuidString).json").path
        _ = try runPeer(goaccess, try goaccessArguments(log: log, json: json))
        // GoAccess copies invalid UTF-8 from the log into its JSON; read it leniently.
        let data = Data(String(decoding: try Data(contentsOf: URL(fileURLWithPath: json)), as: UTF8.self).utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let general = try #require(root["general"] as? [String: Any])
        func panelHits(_ name: String) throws -> Int {
            let panel = try #require(root[name] as? [String: Any])
            let meta = try #require(panel["metadata"] as? [String: Any])
            let hits = try #require(meta["hits"] as? [String: Any])
            let total = try #require(hits["total"] as? [String: Any])
            return try #require(total["value"] as? Int)
        }
        var f = Figures()
        f.total = try #require(general["total_requests"] as? Int)
        f.valid = try #require(general["valid_requests"] as? Int)
        f.failed = try #require(general["failed_requests"] as? Int)
        f.notFound = try panelHits("not_found")
        f.staticHits = try panelHits("static_requests")
        let visitors = try #require((root["visitors"] as? [String: Any])?["data"] as? [[String: Any]])
        for day in visitors {
            let date = try #require(day["data"] as? String)
            let count = try #require((day["visitors"] as? [String: Any])?["count"] as? Int)
            f.visitorsByDay[date] = count
        }
        return f
    }

    /// Ingests with every line allowed to fail (GoAccess keeps going too) and reads chm's figures by SQL.
    static func chmFigures(_ log: String, scratch: WebScratch) throws -> (Figures, Workspace) {
        let ws = try scratch.workspace()
        var options = WebScratch.quiet()
        options.ingest.maxRejectRate = 1
        let outcome = try WebLogImport.run(file: log, workspace: ws, options: options)
        let engine = QueryEngine(catalog: ws)
        func int(_ sql: String) throws -> Int {
            guard case .int(let v) = try engine.execute(sql).rows[0][0] else { return -1 }
            return Int(v)
        }
        var f = Figures()
        f.total = outcome.ingest.lines
        f.failed = Int(outcome.ingest.batch.rejects)
        f.valid = try int("SELECT count(*) FROM hits")
        f.notFound = try int("SELECT count(*) FROM hits WHERE status = 404")
        // GoAccess's static panel: a static extension at the very end of the request (so not with a query
        // string), not a 404 (those go to its 404 panel), and robots.txt is not static there.
        f.staticHits = try int("SELECT count(*) FROM hits WHERE is_static AND status <> 404 AND query IS NULL AND NOT ends_with(path, 'robots.txt')")
        // GoAccess's unique visitor: distinct (day, IP, user agent), 4xx excluded; chm's visitor hashes IP + agent.
        let rows = try engine.execute("""
            SELECT strftime(ts, '%Y%m%d') AS d, count(DISTINCT visitor) FROM hits
            WHERE status < 400 OR status > 499 GROUP BY d
            """).rows
        for row in rows {
            if case .string(let d) = row[0], case .int(let n) = row[1] { f.visitorsByDay[d] = Int(n) }
        }
        return (f, ws)
    }

    func compare(_ log: String) throws -> (chm: Figures, goaccess: Figures, ws: Workspace, scratch: WebScratch) {
        let scratch = try WebScratch()
        let peer = try Self.runGoAccess(log, scratch: scratch)
        let (mine, ws) = try Self.chmFigures(log, scratch: scratch)
        #expect(mine.total == peer.total, "total requests")
        #expect(mine.valid == peer.valid, "valid requests")
        #expect(mine.failed == peer.failed, "failed lines")
        #expect(mine.notFound == peer.notFound, "404s")
        #expect(mine.staticHits == peer.staticHits, "static requests")
        #expect(mine.visitorsByDay == peer.visitorsByDay, "unique visitors per day")
        return (mine, peer, ws, scratch)
    }

    @Test func realApacheLog() throws {
        let r = try compare(Self.elastic)
        // The fixture's README gives GoAccess's figures with its shipped configuration; the per-day sum is the same here.
        #expect(r.goaccess.total == 10_000 && r.goaccess.failed == 0)
        #expect(r.goaccess.visitorsByDay.values.reduce(0, +) == 2_095)
    }

    @Test func handWrittenEdgeCases() throws {
        let log = Self.fixtures.appendingPathComponent("Logs/edge-cases.log").path
        let r = try compare(log)
        // The documented differences in what is static: chm also counts static files with a query string,
        // static 404s and robots.txt as static (GoAccess counts none of them in its static panel).
        let engine = QueryEngine(catalog: r.ws)
        let all = try engine.execute("SELECT count(*) FROM hits WHERE is_static").rows[0][0]
        let withQuery = try engine.execute("SELECT count(*) FROM hits WHERE is_static AND query IS NOT NULL").rows[0][0]
        let missing = try engine.execute("SELECT count(*) FROM hits WHERE is_static AND status = 404").rows[0][0]
        let robots = try engine.execute("SELECT count(*) FROM hits WHERE path = '/robots.txt'").rows[0][0]
        #expect([all, withQuery, missing, robots] == [.int(7), .int(1), .int(1), .int(1)])
        #expect(r.goaccess.staticHits == 4)
        // By hand: 20 lines, 2 unparsable (a sentence; a line that stops after the status); 2 404s;
        // 1 January has 6 visitors (curl's 403/404 and the 408 are excluded), 2 January 2 (the 401 is excluded).
        #expect(r.goaccess.total == 20 && r.goaccess.failed == 2 && r.goaccess.notFound == 2)
        #expect(r.goaccess.visitorsByDay == ["20240101": 6, "20240102": 2])
    }

    @Test func damagedLinesAreCountedAsGoAccessCountsThem() throws {
        let log = Self.fixtures.appendingPathComponent("Logs/damaged-lines.log").path
        let r = try compare(log)
        // By hand, GoAccess's rules: a size that is not a number is 0 (lines 2, 3); a status is read as
        // a number (0200, +200), 100–599 (line 6 fails); a request ends at its first unescaped quote
        // (line 7 fails), an empty one is a request (line 8); the client must be an address (lines 9–11
        // fail); an offset has 2 or 4 digits (line 12 fails); an escaped quote stays in the request (line 14).
        #expect(r.goaccess.total == 16 && r.goaccess.failed == 6 && r.goaccess.notFound == 1)
        let rows = try r.scratch.query(r.ws, "SELECT path, status, bytes FROM hits WHERE path IN ('/en/a', '/en/b', '/en/c', '/en/d', '') ORDER BY path")
        #expect(rows == [[.string(""), .int(400), .int(0)], [.string("/en/a"), .int(200), .int(0)], [.string("/en/b"), .int(200), .int(0)],
                         [.string("/en/c"), .int(200), .int(17)], [.string("/en/d"), .int(200), .int(18)]])
        let rejected = try r.ws.rejects(batch: 1).map(\.line)
        #expect(rejected == [6, 7, 9, 10, 11, 12])
    }

    @Test func aHostNameIsAClientForChmOnly() throws {
        // Apache with HostnameLookups On logs names; GoAccess refuses them (a documented difference).
        let scratch = try WebScratch()
        let line = #"crawl-66-249-66-1.googlebot.com - - [01/Jan/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "Mozilla/5.0 (compatible; Googlebot/2.1)""#
        let (ws, outcome) = try scratch.ingest(line + "\n")
        #expect(outcome.ingest.batch.rows == 1)
        #expect(try scratch.query(ws, "SELECT is_bot, country FROM hits") == [[.bool(true), .null]])
    }
}
