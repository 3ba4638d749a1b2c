import Foundation
@testable import Ingest
import Testing

@Suite struct LogLayoutTests {
    @Test func combinedLine() throws {
        let line = #"83.149.9.216 - frank [17/May/2015:10:05:03 +0000] "GET /presentations/logstash/images/kibana-search.png?size=2 HTTP/1.1" 200 203023 "http://semicomplete.com/presentations/" "Mozilla/5.0 (Macintosh) Chrome/32.0""#
        let (r, b) = try parseLine(line, format: LogFormat("COMBINED"))
        #expect(r.host.text(b) == "83.149.9.216")
        #expect(r.method.text(b) == "GET")
        #expect(r.path.text(b) == "/presentations/logstash/images/kibana-search.png")
        #expect(r.hasQuery && r.query.text(b) == "size=2")
        #expect(r.status == 200 && r.bytes == 203023)
        #expect(r.referrer.text(b) == "http://semicomplete.com/presentations/")
        #expect(r.agent.text(b) == "Mozilla/5.0 (Macintosh) Chrome/32.0")
        #expect(r.ts == utc(2015, 5, 17, 10, 5, 3))
    }

    @Test func offsetsAreStoredInUTC() throws {
        let f = try LogFormat("COMBINED")
        let east = try parseLine(#"1.2.3.4 - - [01/Jan/2024:00:30:00 +0530] "GET / HTTP/1.1" 200 1 "-" "x""#, format: f).0
        #expect(east.ts == utc(2023, 12, 31, 19, 0, 0))
        let west = try parseLine(#"1.2.3.4 - - [31/Dec/2023:20:15:00 -0700] "GET / HTTP/1.1" 200 1 "-" "x""#, format: f).0
        #expect(west.ts == utc(2024, 1, 1, 3, 15, 0))
        let leap = try parseLine(#"1.2.3.4 - - [29/Feb/2024:23:59:59 +0000] "GET / HTTP/1.1" 200 1 "-" "x""#, format: f).0
        #expect(leap.ts == utc(2024, 2, 29, 23, 59, 59))
    }

    @Test func commonAndVirtualHostLayouts() throws {
        let common = try parseLine(#"10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326"#, format: LogFormat("COMMON")).0
        #expect(common.status == 200 && common.bytes == 2326 && common.agent.isEmpty)
        #expect(common.ts == utc(2000, 10, 10, 20, 55, 36))
        let (v, vb) = try parseLine(#"chm.example.org:443 10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "POST /login HTTP/2.0" 302 - "-" "curl/8.0""#, format: LogFormat("VCOMBINED"))
        #expect(v.vhost.text(vb) == "chm.example.org" && v.host.text(vb) == "10.0.0.1" && v.bytes == 0 && v.method.text(vb) == "POST")
        let (s, sb) = try parseLine(#"www.example.org 2001:db8::1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 5 "-" "x""#, format: LogFormat("VHOSTCOMBINED"))
        #expect(s.vhost.text(sb) == "www.example.org" && s.host.text(sb) == "2001:db8::1")
    }

    @Test func oddRequestsAndQuotes() throws {
        let f = try LogFormat("COMBINED")
        // A timed-out connection logs "-" as the request: kept, with method "-".
        let (timeout, tb) = try parseLine(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "-" 408 0 "-" "-""#, format: f)
        #expect(timeout.status == 408 && timeout.method.isEmpty && timeout.path.text(tb) == "-")
        // Apache escapes a quote inside the agent as \".
        let (q, qb) = try parseLine(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "Evil \"agent\" 1.0""#, format: f)
        #expect(q.agent.text(qb) == #"Evil \"agent\" 1.0"#)
        // A proxy logs the absolute URL: the path is kept without scheme and host.
        let (p, pb) = try parseLine(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET http://example.org/x/y?z=1 HTTP/1.1" 200 1 "-" "a""#, format: f)
        #expect(p.path.text(pb) == "/x/y" && p.query.text(pb) == "z=1")
        // A line that stops before the agent is read with an empty agent (as GoAccess does).
        let short = try parseLine(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-""#, format: f).0
        #expect(short.agent.isEmpty && short.status == 200)
        // Extra fields after the agent are ignored.
        let extra = try parseLine(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "a" "203.0.113.9" rt=0.003"#, format: f).0
        #expect(extra.status == 200)
    }

    @Test func badLinesSayWhy() throws {
        let f = try LogFormat("COMBINED")
        let cases = [
            (#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 2000 1 "-" "a""#, "status"),
            (#"1.2.3.4 - - [10/Foo/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "a""#, "time"),
            (#"1.2.3.4 - - [29/Feb/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "a""#, "time"),
            (#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1"#, "ends early"),
            (#"1.2.3.4 - - [10/Oct/2000:13:55:36 +000] "GET / HTTP/1.1" 200 1 "-" "a""#, "time"),
            (#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /a"b HTTP/1.1" 200 1 "-" "a""#, "expected"),
            ("just some words", "expected"),
        ]
        for (line, word) in cases {
            #expect {
                _ = try parseLine(line, format: f)
            } throws: { error in
                guard let fault = error as? LineFault else { return false }
                return fault.reason.contains(word)
            }
        }
        // Where the size ends the line (Common), it must be a number; followed by more fields, a size
        // that is not one counts 0, as GoAccess reads it.
        #expect {
            _ = try parseLine(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 12x"#, format: try LogFormat("COMMON"))
        } throws: { error in (error as? LineFault)?.reason.contains("size") == true }
        #expect(try parseLine(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 12x "-" "a""#, format: f).0.bytes == 0)
        // A status is read as a number: leading zeros and a plus sign are allowed.
        #expect(try parseLine(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 0404 1 "-" "a""#, format: f).0.status == 404)
        #expect(try parseLine(#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" +200 1 "-" "a""#, format: f).0.status == 200)
        for status in ["99", "600", "2OO", "-", "-200"] {
            #expect(throws: LineFault.self) {
                _ = try parseLine("1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] \"GET / HTTP/1.1\" \(status) 1 \"-\" \"a\"", format: f)
            }
        }
    }

    @Test func customLayoutWithSeparateDateAndTime() throws {
        let f = try LogFormat(#"%h %^[%d:%t %^] "%r" %s %b "%R" "%u""#, dateFormat: "%d/%b/%Y", timeFormat: "%H:%M:%S")
        let r = try parseLine(#"1.2.3.4 - - [05/Mar/2021:08:09:10 +0200] "GET /a HTTP/1.1" 200 1 "-" "a""#, format: f).0
        // %t stops at the space, so the offset is skipped (as GoAccess does): local time.
        #expect(r.ts == utc(2021, 3, 5, 8, 9, 10))
        let iso = try LogFormat(#"%x %h "%r" %s %b"#, datetimeFormat: "%Y-%m-%dT%H:%M:%S%z")
        let r2 = try parseLine(#"2021-03-05T08:09:10.123+02:00 1.2.3.4 "GET /b HTTP/1.1" 404 -"#, format: iso).0
        #expect(r2.ts == utc(2021, 3, 5, 6, 9, 10) && r2.status == 404)
        let epoch = try LogFormat(#"%x %h %m %U %s %b"#, datetimeFormat: "%s")
        let (r3, b3) = try parseLine("1614931750.250 1.2.3.4 GET /c?q=1 200 10", format: epoch)
        #expect(r3.ts == 1_614_931_750 && r3.method.text(b3) == "GET" && r3.query.text(b3) == "q=1")
    }

    @Test func invalidLayoutsAreRefused() {
        #expect(throws: IngestError.self) { try LogFormat("%h %Z %s") }
        #expect(throws: IngestError.self) { try LogFormat(#"%h [%x] "%r""#) } // no status
        #expect(throws: IngestError.self) { try LogFormat("%h%s") }
        #expect(throws: IngestError.self) { try LogFormat(#"%h [%x] "%r" %s"#, datetimeFormat: "%Q") }
    }

    @Test func w3cHeadersRepeatAndChange() throws {
        var layout = W3CLayout()
        var r = LogRecord()
        func read(_ line: String) throws -> (LogRecord, String?) {
            let bytes = Array(line.utf8)
            return try bytes.withUnsafeBufferPointer { b in
                if try layout.directive(b) { return (r, nil) }
                let view = try layout.parse(b, into: &r)
                return (r, String(decoding: view[r.agent.start..<r.agent.end], as: UTF8.self))
            }
        }
        _ = try read("#Software: Microsoft Internet Information Services 10.0")
        _ = try read("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken")
        let (a, agent) = try read("2024-03-01 23:59:58 10.0.0.5 GET /Default.aspx q=x 443 - 192.0.2.7 Mozilla/5.0+(Windows+NT+10.0)+Firefox/123.0 - 200 0 0 15")
        #expect(a.ts == utc(2024, 3, 1, 23, 59, 58) && a.status == 200 && a.hasQuery && agent == "Mozilla/5.0 (Windows NT 10.0) Firefox/123.0")
        // After a restart: a new header with other fields (sc-bytes, cs-host, no query).
        _ = try read("#Fields: date time c-ip cs-host cs-method cs-uri-stem sc-status sc-bytes cs(User-Agent)")
        let (b, _) = try read("2024-03-02 00:00:01 192.0.2.8 www.example.org GET /docs/a.pdf 206 5120 curl/8.0")
        #expect(b.status == 206 && b.bytes == 5120 && !b.hasQuery && b.ts == utc(2024, 3, 2, 0, 0, 1))
        #expect(throws: LineFault.self) { try read("2024-03-02 00:00:01 192.0.2.8 GET /x 200") }
    }
}
