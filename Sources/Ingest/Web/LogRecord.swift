/// The parts of one log line, as byte ranges into the line (no strings made),
/// plus the values already converted.
struct LogRecord {
    /// A slice of the line: `start ..< end`; empty (`start == end`) when absent.
    struct Span {
        // 32-bit offsets (a line has at most 64 KiB): a record crosses from
        // the parse thread to the encoder, and is smaller so.
        private var first: Int32 = 0
        private var past: Int32 = 0

        init() {}

        init(start: Int, end: Int) {
            first = Int32(truncatingIfNeeded: start)
            past = Int32(truncatingIfNeeded: end)
        }

        var start: Int {
            get { Int(first) }
            set { first = Int32(truncatingIfNeeded: newValue) }
        }
        var end: Int {
            get { Int(past) }
            set { past = Int32(truncatingIfNeeded: newValue) }
        }
        var isEmpty: Bool { first >= past }
        var count: Int { Int(past &- first) }
    }

    var host = Span()
    var vhost = Span()
    var method = Span()
    /// The path, without the query string.
    var path = Span()
    /// The query string without `?`; `hasQuery` tells an empty one from none.
    var query = Span()
    var hasQuery = false
    /// Whether the referrer has a host (``referrerHost``) and whether it has upper-case letters.
    var hasReferrerHost = false
    var referrerHostHasUpper = false
    var referrer = Span()
    /// The referrer's host, when `hasReferrerHost` (``prepareLookups(_:)``).
    var referrerHost = Span()
    var agent = Span()
    var ts: Int64 = 0
    var status = 0
    var bytes: Int64 = 0
    /// The hashes the encoder's interners look the agent, path and query up
    /// by (``prepareLookups(_:)``), worked out with the parse.
    var agentHash: UInt64 = 0
    var pathHash: UInt64 = 0
    var queryHash: UInt64 = 0
    /// The client address as the key words of ``PairTable`` and the hash of
    /// its (address, agent) pair, when the address is short enough for it.
    var hostLow: UInt64 = 0
    var hostHigh: UInt64 = 0
    var pairHash: UInt64 = 0

    mutating func reset() {
        self = LogRecord()
    }

    /// Works out, from the fields cut, what the encoder looks values up by:
    /// the hashes of agent, path, query and (address, agent) pair, and the
    /// referrer's host. Done on
    /// the parse thread, so that the encoder's thread, the busier one, does less.
    @inline(__always)
    mutating func prepareLookups(_ line: UnsafeBufferPointer<UInt8>) {
        agentHash = ByteInterner.hash(UnsafeBufferPointer(rebasing: line[agent.start..<agent.end]))
        pathHash = ByteInterner.hash(UnsafeBufferPointer(rebasing: line[path.start..<path.end]))
        if hasQuery { queryHash = ByteInterner.hash(UnsafeBufferPointer(rebasing: line[query.start..<query.end])) }
        if host.count <= PairTable<UInt64>.maxAddressBytes {
            (hostLow, hostHigh) = PairTable<UInt64>.key(address: UnsafeBufferPointer(rebasing: line[host.start..<host.end]))
            pairHash = PairTable<UInt64>.hash(low: hostLow, high: hostHigh, length: host.count, agentHash: agentHash)
        }
        if let (host, hasUpper) = LogBytes.referrerHost(line, referrer) {
            referrerHost = host
            hasReferrerHost = true
            referrerHostHasUpper = hasUpper
        } else {
            hasReferrerHost = false
        }
    }
}

/// Why a line was not read, for the reject's reason.
enum LineFault: Error {
    case layout(String)

    var reason: String {
        switch self {
        case .layout(let why): why
        }
    }
}

/// Helpers on the line's bytes shared by the line and W3C readers.
enum LogBytes {
    /// Splits a request target into path and query (`?`), and strips a
    /// scheme and host when a proxy logged an absolute URL.
    static func splitTarget(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into r: inout LogRecord) {
        var s = start
        // "http://host/path" (proxy form): keep the path.
        if end - s > 8, line[s] | 0x20 == UInt8(ascii: "h"), line[s + 1] | 0x20 == UInt8(ascii: "t") {
            var k = s
            while k + 2 < end, line[k] != UInt8(ascii: ":") { k += 1 }
            if k + 2 < end, line[k + 1] == UInt8(ascii: "/"), line[k + 2] == UInt8(ascii: "/") {
                var p = k + 3
                while p < end, line[p] != UInt8(ascii: "/"), line[p] != UInt8(ascii: "?") { p += 1 }
                s = p
            }
        }
        // Eight bytes at a time: paths are long enough for that to pay.
        let q = s + LineLayout.find(UInt8(ascii: "?"), UnsafeBufferPointer(rebasing: line[s..<end]), from: 0)
        r.path = .init(start: s, end: q)
        if q < end {
            r.hasQuery = true
            var e = q + 1
            while e < end, line[e] != UInt8(ascii: "#") { e += 1 }
            r.query = .init(start: q + 1, end: e)
        } else {
            r.hasQuery = false
            r.query = .init(start: q, end: q)
        }
    }

    /// Reads a request line `METHOD target PROTOCOL`. A request that is not
    /// in that shape (`-` from a timed-out connection, garbage from a scanner)
    /// keeps its text as the path and `-` as the method, as GoAccess does.
    static func splitRequest(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into r: inout LogRecord) {
        var m = start
        while m < end, line[m] &- UInt8(ascii: "A") < 26 || line[m] == UInt8(ascii: "-") && m > start { m += 1 }
        guard m > start, m - start <= 24, m < end, line[m] == 0x20 else {
            r.method = .init(start: 0, end: 0)
            r.path = .init(start: start, end: end)
            r.query = .init(start: end, end: end)
            r.hasQuery = false
            return
        }
        r.method = .init(start: start, end: m)
        var t = m + 1
        while t < end, line[t] == 0x20 { t += 1 }
        var e = end
        // Drop " HTTP/1.1".
        var k = end - 1
        while k > t, line[k] != 0x20 { k -= 1 }
        if k > t, end - k > 5, line[k + 1] == UInt8(ascii: "H"), line[k + 2] == UInt8(ascii: "T"), line[k + 3] == UInt8(ascii: "T"), line[k + 4] == UInt8(ascii: "P") {
            e = k
            while e > t, line[e - 1] == 0x20 { e -= 1 }
        }
        splitTarget(line, t, e, into: &r)
    }

    /// The length of a leading `https://` or `http://` (lower case, as
    /// nearly every referrer has it) at `start`, which has eight bytes after it; nil otherwise.
    @inline(__always)
    static func webScheme(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        let w = UnsafeRawPointer(line.baseAddress! + start).loadUnaligned(as: UInt64.self)
        // Little-endian words of the bytes `https://` and `http://`.
        let https: UInt64 = 0x2F2F_3A73_7074_7468, http: UInt64 = 0x002F_2F3A_7074_7468
        if w == https { return 8 }
        if w & 0x00FF_FFFF_FFFF_FFFF == http { return 7 }
        return nil
    }

    /// A status code 100–599, read as GoAccess reads it (a C `strtol`): an
    /// optional `+` and leading zeros are allowed (`0404` is 404).
    static func status(_ line: UnsafeBufferPointer<UInt8>, _ s: LogRecord.Span) -> Int? {
        if s.count == 3 {
            let a = Int(line[s.start] &- 48), b = Int(line[s.start + 1] &- 48), c = Int(line[s.start + 2] &- 48)
            guard (1...5).contains(a), b < 10, c < 10 else { return nil }
            return a * 100 + b * 10 + c
        }
        var i = s.start
        if i < s.end, line[i] == UInt8(ascii: "+") { i += 1 }
        while i < s.end, line[i] == UInt8(ascii: "0") { i += 1 }
        guard s.end - i == 3, i > s.start else { return nil }
        return status(line, .init(start: i, end: s.end))
    }

    /// A byte count; `-` (nothing sent) and an empty field are 0. A field
    /// that is not a number fails (nil) unless `lenient`: a size followed by
    /// more fields is then read as GoAccess reads it (a C `strtoull` whose
    /// failure counts 0), so that `12a`, `1.5` or `-5` are 0, not a reason to
    /// refuse the line.
    static func byteCount(_ line: UnsafeBufferPointer<UInt8>, _ s: LogRecord.Span, lenient: Bool = false) -> Int64? {
        if s.isEmpty || (s.count == 1 && line[s.start] == UInt8(ascii: "-")) { return 0 }
        guard s.count <= 18 else { return lenient ? 0 : nil }
        var v: Int64 = 0
        for i in s.start..<s.end {
            let d = line[i] &- 48
            guard d < 10 else { return lenient ? 0 : nil }
            v = v * 10 + Int64(d)
        }
        return v
    }

    /// The host of a referrer URL (without user, port, path and one trailing
    /// dot) as a span of the line, and whether it has upper-case letters to
    /// lower; nil when there is none (`-`, empty, a bare path). Most hosts are
    /// already lower case, so they are looked up in place, without a copy.
    static func referrerHost(_ line: UnsafeBufferPointer<UInt8>, _ s: LogRecord.Span) -> (host: LogRecord.Span, hasUpper: Bool)? {
        guard s.count > 1 else { return nil }
        var h: Int
        if s.count >= 8, let scheme = webScheme(line, s.start) {
            // `https://` or `http://`: what the search below finds, read as one word.
            h = s.start + scheme
        } else {
            var k = s.start
            while k < s.end, line[k] != UInt8(ascii: ":"), line[k] != UInt8(ascii: "/") { k += 1 }
            if k + 2 < s.end, line[k] == UInt8(ascii: ":"), line[k + 1] == UInt8(ascii: "/"), line[k + 2] == UInt8(ascii: "/") {
                h = k + 3
            } else if s.start + 1 < s.end, line[s.start] == UInt8(ascii: "/"), line[s.start + 1] == UInt8(ascii: "/") {
                h = s.start + 2
            } else {
                return nil
            }
        }
        // One pass to the first `/` or `@`, noting where the host would end; an `@` (user:password@host) starts it again after.
        // Most bytes of a host are lower-case letters, digits, dots and dashes: one test each.
        var e = h
        var stop = -1
        var hasUpper = false
        while e < s.end {
            let c = line[e]
            if c &- UInt8(ascii: "a") < 26 || c &- UInt8(ascii: "0") < 10 || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") {
                e += 1
                continue
            }
            if c == UInt8(ascii: "/") || c == UInt8(ascii: "@") { break }
            if stop < 0 {
                if c == UInt8(ascii: ":") || c == UInt8(ascii: "?") || c == UInt8(ascii: "#") || c == UInt8(ascii: "\\") {
                    stop = e
                } else if c &- UInt8(ascii: "A") < 26 {
                    hasUpper = true
                }
            }
            e += 1
        }
        if e < s.end, line[e] == UInt8(ascii: "@") {
            h = e + 1
            e = h
            hasUpper = false
            while e < s.end {
                let c = line[e]
                if c == UInt8(ascii: "/") || c == UInt8(ascii: ":") || c == UInt8(ascii: "?") || c == UInt8(ascii: "#") || c == UInt8(ascii: "\\") { break }
                if c &- UInt8(ascii: "A") < 26 { hasUpper = true }
                e += 1
            }
        } else if stop >= 0 {
            e = stop
        }
        if e > h, line[e - 1] == UInt8(ascii: ".") { e -= 1 }
        return e > h ? (LogRecord.Span(start: h, end: e), hasUpper) : nil
    }
}
