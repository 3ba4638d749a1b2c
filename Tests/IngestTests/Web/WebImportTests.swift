import Columnar
import Foundation
@testable import Ingest
import Store
import Testing

@Suite struct WebImportTests {
    let scratch: WebScratch

    init() throws { scratch = try WebScratch() }

    static let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"

    @Test func rowsHoldTheNormalisedRequest() throws {
        let log = """
        192.0.2.10 - - [01/Mar/2024:10:00:00 +0100] "GET /en/news/item-1?utm=x HTTP/1.1" 200 5120 "https://www.Google.com/search?q=pops" "\(Self.chrome)"
        192.0.2.10 - - [01/Mar/2024:10:00:01 +0100] "GET /assets/site.css HTTP/1.1" 304 - "https://chm.example.org/en/news/item-1" "\(Self.chrome)"
        192.0.2.10 - - [01/Mar/2024:10:00:05 +0100] "GET /documents/reports/annual.pdf HTTP/1.1" 200 900000 "-" "\(Self.chrome)"
        192.0.2.10 - - [01/Mar/2024:10:01:00 +0100] "GET /search?q=mercury HTTP/1.1" 200 800 "-" "\(Self.chrome)"
        198.51.100.7 - - [01/Mar/2024:10:02:00 +0100] "GET /en/news/item-1 HTTP/1.1" 200 5120 "-" "Mozilla/5.0 (compatible; GPTBot/1.2; +https://openai.com/gptbot)"
        198.51.100.8 - - [01/Mar/2024:10:03:00 +0100] "HEAD /en/ HTTP/1.1" 200 0 "-" "curl/8.5.0"
        192.0.2.10 - - [01/Mar/2024:10:04:00 +0100] "GET /missing HTTP/1.1" 404 200 "-" "\(Self.chrome)"

        """
        var options = WebScratch.quiet()
        options.documentRules = [try DocumentRule(parsing: "/documents/=*")]
        let (ws, outcome) = try scratch.ingest(log, options: options)
        #expect(outcome.format == "COMBINED")
        #expect(outcome.ingest.batch.rows == 7)
        let rows = try scratch.query(ws, """
            SELECT ts, site, method, path, query, status, bytes, referrer_host, agent, agent_kind, is_bot, is_static,
                   is_download, doc_category, is_search, country, region, is_pageview FROM hits ORDER BY ts
            """)
        let t0 = utc(2024, 3, 1, 9)
        /// One expected row; flags are is_bot, is_static, is_download, is_search, is_pageview.
        func row(_ dt: Int64, _ method: String, _ path: String, _ query: String?, _ status: Int64, _ bytes: Int64, _ referrer: String?,
                 _ agent: String, _ kind: String, _ flags: [Bool], _ category: String?) -> [Value] {
            let text: (String?) -> Value = { $0.map { Value.string($0) } ?? .null }
            var r: [Value] = [.timestamp(t0 + dt), .string("default"), .string(method), .string(path), text(query), .int(status), .int(bytes)]
            r += [text(referrer), .string(agent), .string(kind), .bool(flags[0]), .bool(flags[1]), .bool(flags[2]), text(category)]
            r += [.bool(flags[3]), .null, .null, .bool(flags[4])]
            return r
        }
        let expected: [[Value]] = [
            row(0, "GET", "/en/news/item-1", "utm=x", 200, 5120, "www.google.com", "Chrome", "browser", [false, false, false, false, true], nil),
            row(1, "GET", "/assets/site.css", nil, 304, 0, "chm.example.org", "Chrome", "browser", [false, true, false, false, false], nil),
            row(5, "GET", "/documents/reports/annual.pdf", nil, 200, 900_000, nil, "Chrome", "browser", [false, false, true, false, false], "reports"),
            row(60, "GET", "/search", "q=mercury", 200, 800, nil, "Chrome", "browser", [false, false, false, true, false], nil),
            row(120, "GET", "/en/news/item-1", nil, 200, 5120, nil, "GPTBot", "bot", [true, false, false, false, false], nil),
            row(180, "HEAD", "/en/", nil, 200, 0, nil, "curl", "tool", [true, false, false, false, false], nil),
            row(240, "GET", "/missing", nil, 404, 200, nil, "Chrome", "browser", [false, false, false, false, false], nil),
        ]
        #expect(rows == expected)
        let batch = outcome.ingest.batch.id
        #expect(try scratch.query(ws, "SELECT DISTINCT batch FROM hits") == [[.int(batch)]])
    }

    @Test func visitorIsAKeyedHashAndTheAddressIsNeverStored() throws {
        let log = """
        203.0.113.77 - - [01/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "Agent-A"
        203.0.113.77 - - [01/Mar/2024:10:00:01 +0000] "GET / HTTP/1.1" 200 1 "-" "Agent-B"
        203.0.113.78 - - [01/Mar/2024:10:00:02 +0000] "GET / HTTP/1.1" 200 1 "-" "Agent-A"
        203.0.113.77 - - [01/Mar/2024:10:00:03 +0000] "GET /x HTTP/1.1" 200 1 "-" "Agent-A"

        """
        let (ws, _) = try scratch.ingest(log)
        let visitors = try scratch.query(ws, "SELECT visitor FROM hits ORDER BY ts").map { $0[0] }
        #expect(visitors[0] == visitors[3])
        #expect(Set(visitors).count == 3)
        // The peer: Python's hmac module with the workspace's secret.
        let secret = try ws.secret().map { String(format: "%02x", $0) }.joined()
        let script = """
        import hmac, hashlib, sys
        key = bytes.fromhex(sys.argv[1])
        for ip, ua in [("203.0.113.77", "Agent-A"), ("203.0.113.77", "Agent-B"), ("203.0.113.78", "Agent-A")]:
            print(hmac.new(key, ip.encode() + b"\\0" + ua.encode(), hashlib.sha256).hexdigest()[:16])
        """
        let expected = try runPeer("/usr/bin/env", ["python3", "-c", script, secret]).split(separator: "\n").map { Value.string(String($0)) }
        #expect(Array(visitors.prefix(3)) == expected)
        // No stored string holds the address.
        let all = try scratch.query(ws, "SELECT site, visitor, method, path, query, referrer_host, agent, agent_kind, doc_category, country, region FROM hits")
        for row in all { for v in row { if case .string(let text) = v { #expect(!text.contains("203.0.113")) } } }
    }

    @Test func visitsEndAfterThirtyQuietMinutes() throws {
        // By hand: A at 10:00, 10:29:59 (gap 29:59 → same), 11:00:00 (gap 30:01 → new), 11:30:00 (gap exactly 30:00 → same);
        // B at 10:10 and 10:45 (gap 35 min → two visits); C's line at 10:05 comes after its 10:20 line (out of order, same visit).
        let lines = [
            ("A", "10:00:00"), ("B", "10:10:00"), ("C", "10:20:00"), ("C", "10:05:00"), ("A", "10:29:59"),
            ("B", "10:45:00"), ("A", "11:00:00"), ("A", "11:30:00"),
        ]
        let ips = ["A": "192.0.2.1", "B": "192.0.2.2", "C": "192.0.2.3"]
        let log = lines.map { "\(ips[$0.0]!) - - [01/Mar/2024:\($0.1) +0000] \"GET /\($0.0) HTTP/1.1\" 200 1 \"-\" \"x\"" }.joined(separator: "\n") + "\n"
        let (ws, outcome) = try scratch.ingest(log)
        #expect(outcome.visits == 5)
        let rows = try scratch.query(ws, "SELECT path, ts, visit FROM hits")
        var visitOf: [String: [Int64]] = [:]
        for row in rows {
            guard case .string(let p) = row[0], case .int(let v) = row[2] else { continue }
            visitOf[p, default: []].append(v)
        }
        let a = visitOf["/A"]!, b = visitOf["/B"]!, c = visitOf["/C"]!
        #expect(a[0] == a[1] && a[1] != a[2] && a[2] == a[3])
        #expect(b[0] != b[1])
        #expect(c[0] == c[1])
        #expect(Set(a + b + c).count == 5)
        // Ids are unique in the workspace: the batch in the high bits.
        #expect((a + b + c).allSatisfy { $0 >> 32 == outcome.ingest.batch.id })
        let second = try scratch.ingest(log.replacingOccurrences(of: "/A ", with: "/A2 "), name: "other.log").1
        #expect(second.ingest.batch.id != outcome.ingest.batch.id)
        #expect(try scratch.query(ws, "SELECT count(DISTINCT visit) FROM hits") == [[.int(10)]])
    }

    @Test func geoipExcludeIPAndSite() throws {
        let geo = try scratch.file("geo.csv", "41.0.0.0,41.31.255.255,ZA\n2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,US\n190.0.0.0,190.0.255.255,AR\n")
        let log = """
        41.1.2.3 - - [01/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"
        2001:4860::8888 - - [01/Mar/2024:10:00:01 +0000] "GET / HTTP/1.1" 200 1 "-" "x"
        190.0.1.1 - - [01/Mar/2024:10:00:02 +0000] "GET / HTTP/1.1" 200 1 "-" "x"
        10.1.2.3 - - [01/Mar/2024:10:00:03 +0000] "GET / HTTP/1.1" 200 1 "-" "x"
        ::1 - - [01/Mar/2024:10:00:04 +0000] "GET / HTTP/1.1" 200 1 "-" "x"
        8.8.8.8 - - [01/Mar/2024:10:00:05 +0000] "GET / HTTP/1.1" 200 1 "-" "x"

        """
        var options = WebScratch.quiet()
        options.geo = try GeoTable(path: geo)
        options.excludedNetworks = ["10.0.0.0/8", "::1/128"]
        options.site = "chm.example.org"
        let (ws, outcome) = try scratch.ingest(log, options: options)
        #expect(outcome.excluded == 2)
        #expect(outcome.ingest.batch.rows == 4)
        #expect(try scratch.query(ws, "SELECT site, country, region FROM hits ORDER BY ts") == [
            [.string("chm.example.org"), .string("ZA"), .string("African States")],
            [.string("chm.example.org"), .string("US"), .string("Western European and other States")],
            [.string("chm.example.org"), .string("AR"), .string("Latin American and Caribbean States")],
            [.string("chm.example.org"), .null, .null],
        ])
        var bad = WebScratch.quiet()
        bad.excludedNetworks = ["10.0.0.0/40"]
        #expect(throws: IngestError.self) { try scratch.ingest(log, name: "again.log", options: bad) }
    }

    @Test func virtualHostNamesTheSite() throws {
        let log = """
        Chm.Example.org:443 192.0.2.1 - - [01/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"
        docs.example.org:80 192.0.2.1 - - [01/Mar/2024:10:00:01 +0000] "GET / HTTP/1.1" 200 1 "-" "x"

        """
        let (ws, outcome) = try scratch.ingest(log)
        #expect(outcome.format == "VCOMBINED")
        #expect(try scratch.query(ws, "SELECT site FROM hits ORDER BY ts") == [[.string("chm.example.org")], [.string("docs.example.org")]])
    }

    @Test func iisLogWithRestartsAndCRLF() throws {
        let log = [
            "#Software: Microsoft Internet Information Services 10.0",
            "#Version: 1.0",
            "#Date: 2024-03-01 00:00:00",
            "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken",
            "2024-03-01 00:00:01 10.0.0.5 GET /default.aspx - 443 - 192.0.2.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64;+rv:123.0)+Gecko/20100101+Firefox/123.0 https://www.bing.com/ 200 0 0 12",
            "2024-03-01 00:00:02 10.0.0.5 GET /docs/a.pdf - 443 - 192.0.2.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64;+rv:123.0)+Gecko/20100101+Firefox/123.0 - 200 0 0 40",
            "#Software: Microsoft Internet Information Services 10.0",
            "#Version: 1.0",
            "#Date: 2024-03-01 06:00:00",
            "#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status sc-bytes cs(User-Agent)",
            "2024-03-01 06:00:03 192.0.2.8 GET /search q=ddt 200 1234 curl/8.0",
            "",
        ].joined(separator: "\r\n")
        let (ws, outcome) = try scratch.ingest(log, name: "u_ex240301.log")
        #expect(outcome.format == "W3C")
        #expect(try scratch.query(ws, "SELECT ts, path, query, status, bytes, referrer_host, agent, is_download, is_search FROM hits ORDER BY ts") == [
            [.timestamp(utc(2024, 3, 1, 0, 0, 1)), .string("/default.aspx"), .null, .int(200), .int(0), .string("www.bing.com"), .string("Firefox"), .bool(false), .bool(false)],
            [.timestamp(utc(2024, 3, 1, 0, 0, 2)), .string("/docs/a.pdf"), .null, .int(200), .int(0), .null, .string("Firefox"), .bool(true), .bool(false)],
            [.timestamp(utc(2024, 3, 1, 6, 0, 3)), .string("/search"), .string("q=ddt"), .int(200), .int(1234), .null, .string("curl"), .bool(false), .bool(true)],
        ])
    }

    @Test func customFormatFromTheCommandLine() throws {
        let log = """
        2024-03-01T10:00:00+02:00|192.0.2.1|GET /a?q=x HTTP/1.1|200|10|Firefox/1
        2024-03-01T10:00:05+02:00|192.0.2.1|GET /b HTTP/1.1|404|-|Firefox/1

        """
        var options = WebScratch.quiet()
        options.logFormat = "%x|%h|%r|%s|%b|%u"
        options.datetimeFormat = "%Y-%m-%dT%H:%M:%S%z"
        let (ws, _) = try scratch.ingest(log, options: options)
        #expect(try scratch.query(ws, "SELECT ts, path, status, bytes, is_search FROM hits ORDER BY ts") == [
            [.timestamp(utc(2024, 3, 1, 8)), .string("/a"), .int(200), .int(10), .bool(true)],
            [.timestamp(utc(2024, 3, 1, 8, 0, 5)), .string("/b"), .int(404), .int(0), .bool(false)],
        ])
    }

    @Test func gzipInput() throws {
        let text = (0..<500).map { "192.0.2.\($0 % 250) - - [01/Mar/2024:10:00:00 +0000] \"GET /p\($0) HTTP/1.1\" 200 1 \"-\" \"x\"" }.joined(separator: "\n") + "\n"
        let plain = try scratch.file("a.log", text)
        _ = try runPeer("/usr/bin/env", ["gzip", "-k", plain])
        let ws = try scratch.workspace()
        let outcome = try WebLogImport.run(file: plain + ".gz", workspace: ws, options: WebScratch.quiet())
        #expect(outcome.ingest.batch.rows == 500)
        #expect(try scratch.query(ws, "SELECT count(DISTINCT path) FROM hits") == [[.int(500)]])
    }
}

/// Runs a peer program and returns its standard output; fails when it cannot run.
func runPeer(_ executable: String, _ arguments: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
        throw PeerFailure("\(arguments.first ?? executable) failed (is it installed?): \(String(decoding: e, as: UTF8.self).prefix(400))")
    }
    return String(decoding: data, as: UTF8.self)
}

struct PeerFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
