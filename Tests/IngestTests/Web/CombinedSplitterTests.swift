@testable import Ingest
import TestSupport
import Testing

/// The shortcut for the predefined layouts must read every line exactly as
/// the generic layout walk does: the same record, or the same reject reason.
@Suite struct CombinedSplitterTests {
    static let layouts = ["COMBINED", "VCOMBINED", "VHOSTCOMBINED", "COMMON", "VCOMMON"]

    static let lines: [String] = [
        #"83.149.9.216 - frank [17/May/2015:10:05:03 +0000] "GET /presentations/logstash/images/kibana-search.png?size=2 HTTP/1.1" 200 203023 "http://semicomplete.com/presentations/" "Mozilla/5.0 (Macintosh) Chrome/32.0""#,
        #"2001:db8::1 - - [10/Oct/2000:13:55:36 -0700] "GET /a?b=c#frag HTTP/2.0" 304 - "https://User:pw@Example.ORG./x" "curl/8.0""#,
        #"chm.example.org:443 10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "POST /login HTTP/2.0" 302 - "-" "curl/8.0""#,
        #"www.example.org 2001:db8::1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 5 "-" "x""#,
        #"www.example.org:80 2001:db8:0:0:0:0:0:1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 5"#,
        #"10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326"#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "-" 408 0 "-" "-""#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "" 400 0 "" """#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "Evil \"agent\" 1.0""#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /a "quoted" HTTP/1.1" 200 1 "-" "a""#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "ref "with" quote" "a""#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /a\" HTTP/1.1" 200 1 "-\\" "a\""#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET http://example.org/x/y?z=1 HTTP/1.1" 200 1 "-" "a""#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-""#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "a" "203.0.113.9" rt=0.003"#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1"#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200"#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1""#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1"#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000]"#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000"#,
        #"1.2.3.4 - john smith [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "a""#,
        #"1.2.3.4 ident user [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "a""#,
        #"1.2.3.4  - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "a""#,
        #"1.2.3.4 - - 10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "a""#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000]"GET / HTTP/1.1" 200 1 "-" "a""#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1"200 1 "-" "a""#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 - "a""#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" a"#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 2000 1 "-" "a""#,
        #"1.2.3.4 - - [10/Foo/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "a""#,
        #"1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 12x "-" "a""#,
        #"- - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "a""#,
        #" - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "a""#,
        "1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] \"GET /\tx HTTP/1.1\" 200 1 \"-\" \"a\\\"",
        "just some words",
        "",
        "\"",
        "a b c [d] \"e\" f g \"h\" \"i\"",
        "\u{0}\u{1}\u{2} - - [\u{FF}",
    ]

    @Test func everyLayoutReadsEveryLineAsTheGenericWalk() throws {
        for name in Self.layouts {
            let format = try LogFormat(name)
            for line in Self.lines + Self.lines.map({ "vhost.example.org:443 " + $0 }) + Self.lines.map({ "vhost.example.org " + $0 }) {
                #expect(read(line, format, specialised: true) == read(line, format, specialised: false), "\(name): \(line)")
            }
        }
    }

    /// Lines damaged at random (bytes dropped, doubled or replaced by separators): both readers agree on each.
    @Test func damagedLinesAreReadAlike() throws {
        var rng = SplitMix64(seed: 7)
        let separators = Array(#" "[]-:\/"#.utf8)
        for name in Self.layouts {
            let format = try LogFormat(name)
            for base in Self.lines.prefix(16) {
                let bytes = Array(base.utf8)
                for _ in 0..<150 where !bytes.isEmpty {
                    var damaged = bytes
                    for _ in 0...(rng.next() % 3) {
                        let at = Int(rng.next() % UInt64(damaged.count))
                        switch rng.next() % 3 {
                        case 0: damaged.remove(at: at)
                        case 1: damaged.insert(damaged[at], at: at)
                        default: damaged[at] = separators[Int(rng.next() % UInt64(separators.count))]
                        }
                        if damaged.isEmpty { break }
                    }
                    let line = String(decoding: damaged, as: UTF8.self)
                    #expect(read(line, format, specialised: true) == read(line, format, specialised: false), "\(name): \(line)")
                }
            }
        }
    }

    @Test func onlyThePredefinedLayoutsAreSpecialised() throws {
        for name in Self.layouts { #expect(_CombinedSplitter(tokens: try LogFormat(name).tokens) != nil) }
        // The Combined layout spelt out is the same layout.
        #expect(_CombinedSplitter(tokens: try LogFormat(#"%h %^ %^ [%x] "%r" %s %b "%R" "%u""#).tokens) != nil)
        #expect(_CombinedSplitter(tokens: try LogFormat(#"%h %^[%d:%t %^] "%r" %s %b "%R" "%u""#).tokens) == nil)
        #expect(_CombinedSplitter(tokens: try LogFormat(#"%h %^ %^ [%x] "%r" %s %b "%R" "%u" %D"#).tokens) == nil)
    }

    /// Everything a reader makes of a line, as text: the record's parts or the reason it was refused.
    private func read(_ line: String, _ format: LogFormat, specialised: Bool) -> String {
        var layout = LineLayout(format: format, specialised: specialised)
        var r = LogRecord()
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { b in
            do throws(LineFault) {
                try layout.parse(b, into: &r)
            } catch {
                return "reject: " + error.reason
            }
            let spans = [r.host, r.vhost, r.method, r.path, r.query, r.referrer, r.agent].map { "\($0.start)..<\($0.end)" }
            return spans.joined(separator: " ") + " query:\(r.hasQuery) ts:\(r.ts) status:\(r.status) bytes:\(r.bytes)"
        }
    }
}
