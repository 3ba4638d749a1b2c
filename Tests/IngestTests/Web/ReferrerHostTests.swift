@testable import Ingest
import TestSupport
import Testing

/// The referrer host is read with shortcuts (the usual schemes matched as one
/// word, the usual host bytes passed over with one test): on any referrer it
/// must find what reading byte by byte finds.
@Suite struct ReferrerHostTests {
    /// The host span and upper-case flag found byte by byte, the shortcuts' reference.
    private func reference(_ line: [UInt8]) -> (Int, Int, Bool)? {
        let end = line.count
        guard end > 1 else { return nil }
        var k = 0
        while k < end, line[k] != UInt8(ascii: ":"), line[k] != UInt8(ascii: "/") { k += 1 }
        var h: Int
        if k + 2 < end, line[k] == UInt8(ascii: ":"), line[k + 1] == UInt8(ascii: "/"), line[k + 2] == UInt8(ascii: "/") {
            h = k + 3
        } else if line[0] == UInt8(ascii: "/"), line[1] == UInt8(ascii: "/") {
            h = 2
        } else {
            return nil
        }
        var e = h, stop = -1, upper = false
        while e < end {
            let c = line[e]
            if c == UInt8(ascii: "/") || c == UInt8(ascii: "@") { break }
            if stop < 0 {
                if Array(":?#\\".utf8).contains(c) { stop = e } else if c &- UInt8(ascii: "A") < 26 { upper = true }
            }
            e += 1
        }
        if e < end, line[e] == UInt8(ascii: "@") {
            h = e + 1
            e = h
            upper = false
            while e < end, !Array("/:?#\\".utf8).contains(line[e]) {
                if line[e] &- UInt8(ascii: "A") < 26 { upper = true }
                e += 1
            }
        } else if stop >= 0 {
            e = stop
        }
        if e > h, line[e - 1] == UInt8(ascii: ".") { e -= 1 }
        return e > h ? (h, e, upper) : nil
    }

    private func read(_ bytes: [UInt8]) -> (Int, Int, Bool)? {
        bytes.withUnsafeBufferPointer { line in
            LogBytes.referrerHost(line, LogRecord.Span(start: 0, end: line.count)).map { ($0.host.start, $0.host.end, $0.hasUpper) }
        }
    }

    static let referrers = [
        "-", "", "https://www.unep.org/news", "http://example.org", "https://", "http://", "https:/x", "http:/", "HTTPS://Example.ORG/",
        "https://User:pw@Example.ORG./x", "http://a@b@c/", "//cdn.example.org/x", "https://host:8080/p?q", "https://h?x", "https://h#f",
        "https://h\\x", "https://ho-st.exa_mple.org.", "android-app://com.google.android.gm/", "ftp://files.example.org/a",
        "https://xn--bcher-kva.example/", "https://[2001:db8::1]:443/", "http://10.0.0.1/", "httpx://a/", "hTTps://a.b/",
        "https://www.Google.com/search?q=a", "https://a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.org/",
    ]

    @Test func everyReferrerReadsAsByteByByte() {
        for text in Self.referrers {
            let bytes = Array(text.utf8)
            #expect(read(bytes).map { "\($0)" } == reference(bytes).map { "\($0)" }, "\(text)")
        }
    }

    /// Referrers damaged at random (bytes dropped, doubled, or replaced by the bytes the reader stops at).
    @Test func damagedReferrersReadAsByteByByte() {
        var rng = SplitMix64(seed: 21)
        let special = Array(#":/@?#\.-AZaz09 "#.utf8)
        for text in Self.referrers where text.count > 2 {
            let bytes = Array(text.utf8)
            for _ in 0..<200 {
                var damaged = bytes
                for _ in 0...rng.below(3) where !damaged.isEmpty {
                    let at = rng.below(damaged.count)
                    switch rng.below(3) {
                    case 0: damaged.remove(at: at)
                    case 1: damaged.insert(damaged[at], at: at)
                    default: damaged[at] = special[rng.below(special.count)]
                    }
                }
                #expect(read(damaged).map { "\($0)" } == reference(damaged).map { "\($0)" }, "\(String(decoding: damaged, as: UTF8.self))")
            }
        }
    }
}
