import Foundation

/// Reads lines laid out by a ``LogFormat`` (Combined, Common, custom).
///
/// A field runs to the first byte of the literal that follows it; inside
/// quotes a backslash-escaped quote (`\"`, as Apache writes it) does not
/// end the field. A line may stop before the user-agent field (GoAccess
/// accepts that too); the agent is then empty. Bytes after the last field
/// are ignored, so extra fields an admin appended do not break the layout.
struct LineLayout {
    let format: LogFormat
    /// The layout's tokens, flattened: no token holds an array, so walking
    /// them per line copies and counts no references.
    private let steps: [Step]
    /// The bytes of every literal, back to back.
    private let literals: [UInt8]
    private var reading = TimeFormat.Reading()
    // One-entry caches: neighbouring lines share most of their timestamp.
    private var lastStamp: [UInt8] = []
    private var lastSeconds: Int64 = 0
    /// `lastStamp` as ``words(_:)`` when it has the usual 26 bytes.
    private var lastWords: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// The seconds of `lastStamp`, when the layout is Apache's (`%d/%b/%Y:%H:%M:%S %z`):
    /// a stamp that differs from the last only in its seconds is then read from them alone.
    private var lastSecond: Int64 = -1
    private let apacheStamp: Bool
    /// The shortcut for the predefined Apache/nginx layouts (nil for others).
    private let fast: _CombinedSplitter?

    /// The fields of a line that become values once the line is cut.
    struct Fields {
        var date = LogRecord.Span(), time = LogRecord.Span(), datetime = LogRecord.Span()
        var status = LogRecord.Span(), bytes = LogRecord.Span()
        var url = LogRecord.Span(), query = LogRecord.Span(), request = LogRecord.Span()
        var haveQuery = false
        /// The layout has a request line (`%r`), so an empty one is a request still.
        var haveRequest = false
        /// More fields follow the size, which is then read as GoAccess reads it (``LogBytes/byteCount(_:_:lenient:)``).
        var sizeFollowed = false
    }

    /// One token: a literal (`literal` bytes of `literals`) or a field, with
    /// what the parser needs to know about the literal after it.
    private struct Step {
        var isLiteral: Bool
        var field: LogFormat.Field = .skip
        var literal: Range<Int> = 0..<0
        /// The literal that follows a field (empty when the field ends the layout).
        var next: Range<Int> = 0..<0
        /// A field other than the agent (or skipped text) comes at or after this step, so the line may not end here.
        var needsAgent = false
    }

    /// A reader for `format`; `specialised: false` walks even the predefined
    /// layouts step by step (for tests that compare both ways).
    init(format: LogFormat, specialised: Bool = true) {
        self.format = format
        fast = specialised ? _CombinedSplitter(tokens: format.tokens) : nil
        apacheStamp = format.datetime.layout == "%d/%b/%Y:%H:%M:%S %z"
        var steps: [Step] = []
        var literals: [UInt8] = []
        for token in format.tokens {
            switch token {
            case .literal(let bytes):
                steps.append(Step(isLiteral: true, literal: literals.count..<(literals.count + bytes.count)))
                literals += bytes
            case .field(let f):
                steps.append(Step(isLiteral: false, field: f))
            }
        }
        var required = false
        for i in stride(from: steps.count - 1, through: 0, by: -1) {
            if !steps[i].isLiteral, steps[i].field != .agent, steps[i].field != .skip, steps[i].field != .skipSpaces { required = true }
            steps[i].needsAgent = required
            if !steps[i].isLiteral, i + 1 < steps.count, steps[i + 1].isLiteral { steps[i].next = steps[i + 1].literal }
        }
        self.steps = steps
        self.literals = literals
    }

    /// Fills `r` from `line`, or throws why the line does not fit the layout.
    mutating func parse(_ line: UnsafeBufferPointer<UInt8>, into r: inout LogRecord) throws(LineFault) {
        r.reset()
        var f = Fields()
        if let fast, fast.split(line, into: &r, &f) {
            try finish(line, f, into: &r)
            return
        }
        r.reset()
        f = Fields()
        try walk(line, into: &r, &f)
        try finish(line, f, into: &r)
    }

    /// Cuts `line` into fields by walking the layout step by step.
    private func walk(_ line: UnsafeBufferPointer<UInt8>, into r: inout LogRecord, _ f: inout Fields) throws(LineFault) {
        let n = line.count
        var i = 0
        var t = 0
        let count = steps.count
        while t < count {
            let step = steps[t]
            if step.isLiteral {
                if i >= n, !step.needsAgent { break }
                for k in step.literal {
                    let c = literals[k]
                    guard i < n, line[i] == c else {
                        if i >= n, !step.needsAgent { t = count; break }
                        let lit = Array(literals[step.literal])
                        throw .layout(i >= n ? "the line ends early (expected \(Self.show(lit)) at column \(i + 1))"
                                               : "expected \(Self.show(lit)) at column \(i + 1)")
                    }
                    i += 1
                }
                t += 1
                continue
            }
            let field = step.field
            if field == .skipSpaces {
                while i < n, line[i] == 0x20 { i += 1 }
                t += 1
                continue
            }
            let start = i
            var end: Int
            if !step.next.isEmpty {
                let stop = literals[step.next.lowerBound]
                let quoted = stop == UInt8(ascii: "\"") && start > 0 && line[start - 1] == UInt8(ascii: "\"")
                if quoted {
                    end = Self.quoteEnd(line, from: start)
                    // A quote inside the field that is not escaped: the field ends at the quote that the rest of the layout
                    // fits. Not in the request line, which GoAccess ends at its first quote (and then refuses the line).
                    if step.next.count > 1, field != .request, end < n, !matches(line, end, step.next) {
                        var probe = end
                        while probe < n, !matches(line, probe, step.next) {
                            probe += 1
                            while probe < n, line[probe] != stop { probe += 1 }
                        }
                        if probe < n { end = probe }
                    }
                } else {
                    end = Self.find(stop, line, from: i)
                }
            } else {
                end = n
            }
            let span = LogRecord.Span(start: start, end: end)
            switch field {
            case .host: r.host = span
            case .vhost: r.vhost = span
            case .datetime: f.datetime = span
            case .date: f.date = span
            case .time: f.time = span
            case .request: f.request = span; f.haveRequest = true
            case .method: r.method = span
            case .url: f.url = span
            case .query: f.query = span; f.haveQuery = true
            case .protocolName, .skip, .skipSpaces: break
            case .status: f.status = span
            case .bytes: f.bytes = span; f.sizeFollowed = !step.next.isEmpty
            case .referrer: r.referrer = span
            case .agent: r.agent = span
            }
            i = end
            t += 1
        }
    }

    /// Turns the fields cut from `line` into values: status, size, request, time.
    @inline(__always)
    private mutating func finish(_ line: UnsafeBufferPointer<UInt8>, _ f: Fields, into r: inout LogRecord) throws(LineFault) {
        let status = f.status, bytes = f.bytes, request = f.request, url = f.url, queryField = f.query
        guard !r.host.isEmpty else { throw .layout("the client address is empty") }
        guard let code = LogBytes.status(line, status) else {
            throw .layout("the status \(Self.show(line, status)) is not a 3-digit HTTP status")
        }
        r.status = code
        guard let size = LogBytes.byteCount(line, bytes, lenient: f.sizeFollowed) else {
            throw .layout("the size \(Self.show(line, bytes)) is not a number of bytes")
        }
        r.bytes = size
        if !request.isEmpty {
            LogBytes.splitRequest(line, request.start, request.end, into: &r)
        } else if !url.isEmpty {
            LogBytes.splitTarget(line, url.start, url.end, into: &r)
        } else if f.haveRequest {
            // `""`: no method, an empty path (GoAccess counts it as a request too).
            r.path = .init(start: request.start, end: request.start)
            r.query = r.path
        } else {
            throw .layout("the request is empty")
        }
        if f.haveQuery, !r.hasQuery, queryField.count > 0, !(queryField.count == 1 && line[queryField.start] == UInt8(ascii: "-")) {
            var q = queryField
            if line[q.start] == UInt8(ascii: "?") { q.start += 1 }
            r.query = q
            r.hasQuery = true
        }
        r.ts = try timestamp(line, datetime: f.datetime, date: f.date, time: f.time)
    }

    private mutating func timestamp(_ line: UnsafeBufferPointer<UInt8>, datetime: LogRecord.Span, date: LogRecord.Span, time: LogRecord.Span) throws(LineFault) -> Int64 {
        if !datetime.isEmpty {
            let field = UnsafeBufferPointer(rebasing: line[datetime.start..<datetime.end])
            if field.count == 26, lastStamp.count == 26 {
                // The usual stamp's length: compared as four words, with no call.
                let w = Self.words(field)
                let d0 = w.0 ^ lastWords.0, d1 = w.1 ^ lastWords.1, d2 = w.2 ^ lastWords.2, d3 = w.3 ^ lastWords.3
                if d0 | d1 | d2 | d3 == 0 { return lastSeconds }
                // Bytes 18 and 19 (the seconds) are bytes 2–3 of the third word and 0–1 of the fourth.
                if lastSecond >= 0, d0 | d1 == 0, d2 & 0xFFFF_FFFF_0000_FFFF == 0, d3 & 0xFFFF_FFFF_FFFF_0000 == 0,
                   let seconds = sameMinute(field) {
                    return seconds
                }
            } else {
                if field.count == lastStamp.count, lastStamp.withUnsafeBufferPointer({ memcmp($0.baseAddress!, field.baseAddress!, field.count) == 0 }) {
                    return lastSeconds
                }
            }
            reading = TimeFormat.Reading()
            guard format.datetime.read(field, into: &reading) else {
                throw .layout("the time \(Self.show(line, datetime)) does not fit \(format.datetime.layout)")
            }
            lastStamp.removeAll(keepingCapacity: true)
            lastStamp.append(contentsOf: field)
            if field.count == 26 { lastWords = Self.words(field) }
            lastSeconds = reading.utcSeconds
            // Only a stamp with every separator in its usual place has its seconds at bytes 18 and 19.
            let usual = field.count == 26 && field[2] == UInt8(ascii: "/") && field[6] == UInt8(ascii: "/") && field[11] == UInt8(ascii: ":")
                && field[14] == UInt8(ascii: ":") && field[17] == UInt8(ascii: ":") && field[20] == 0x20
            lastSecond = apacheStamp && usual ? Int64(reading.second) : -1
            return lastSeconds
        }
        guard !date.isEmpty else { throw .layout("the date is empty") }
        reading = TimeFormat.Reading()
        guard format.date.read(UnsafeBufferPointer(rebasing: line[date.start..<date.end]), into: &reading) else {
            throw .layout("the date \(Self.show(line, date)) does not fit \(format.date.layout)")
        }
        if !time.isEmpty, !format.time.read(UnsafeBufferPointer(rebasing: line[time.start..<time.end]), into: &reading) {
            throw .layout("the time \(Self.show(line, time)) does not fit \(format.time.layout)")
        }
        return reading.utcSeconds
    }

    /// The time of an Apache stamp (`10/Oct/2000:13:55:36 -0700`) that
    /// differs from the last one read only in its two digits of seconds (the
    /// caller has compared the rest): the last time moved by the difference.
    /// Nil when the seconds are not two digits up to 60.
    @inline(__always)
    private func sameMinute(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        let tens = field[18] &- 48, ones = field[19] &- 48
        guard tens < 10, ones < 10 else { return nil }
        let second = Int64(tens) * 10 + Int64(ones)
        // The reader takes 60 (a leap second) as 59 and refuses more.
        guard second <= 60 else { return nil }
        return lastSeconds - lastSecond + Swift.min(second, 59)
    }

    /// A 26-byte stamp as the words at bytes 0, 8, 16 and 18 (the last two overlap).
    @inline(__always)
    private static func words(_ field: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64, UInt64) {
        let p = UnsafeRawPointer(field.baseAddress!)
        return (p.loadUnaligned(as: UInt64.self), p.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                p.loadUnaligned(fromByteOffset: 16, as: UInt64.self), p.loadUnaligned(fromByteOffset: 18, as: UInt64.self))
    }

    /// Whether `literals[lit]` is at `at` in the line (or its beginning is, where the line ends early).
    @inline(__always)
    private func matches(_ line: UnsafeBufferPointer<UInt8>, _ at: Int, _ lit: Range<Int>) -> Bool {
        guard at + lit.count <= line.count else {
            // The literal runs past the end: fine when what is there is its beginning (the line stopped before the agent).
            let avail = line.count - at
            return avail > 0 && (0..<avail).allSatisfy { line[at + $0] == literals[lit.lowerBound + $0] }
        }
        for k in 0..<lit.count where line[at + k] != literals[lit.lowerBound + k] { return false }
        return true
    }

    /// The first `byte` at or after `from`, or the end of the line; eight bytes at a time.
    @inline(__always)
    static func find(_ byte: UInt8, _ line: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = line.count
        let raw = UnsafeRawBufferPointer(line)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let pattern = ones &* UInt64(byte)
        var e = from
        while e + 8 <= n {
            let x = raw.loadUnaligned(fromByteOffset: e, as: UInt64.self) ^ pattern
            let hit = (x &- ones) & ~x & highs
            // The lowest flagged byte is the first match (a borrow only flags bytes above a true zero).
            if hit != 0 { return e + hit.trailingZeroBitCount >> 3 }
            e += 8
        }
        while e < n, line[e] != byte { e += 1 }
        return e
    }

    /// Where a quoted field that starts at `from` ends: at the first `"` not
    /// escaped by a backslash (the backslash escapes whatever byte follows it),
    /// or at the end of the line.
    @inline(__always)
    static func quoteEnd(_ line: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = line.count
        guard from < n, let base = line.baseAddress else { return n }
        // A short field (`-`, an empty referrer) ends in its first eight bytes: found there without a call.
        if from + 8 <= n {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let w = UnsafeRawPointer(base + from).loadUnaligned(as: UInt64.self)
            let q = w ^ (ones &* UInt64(UInt8(ascii: "\""))), b = w ^ (ones &* UInt64(UInt8(ascii: "\\")))
            // The lowest flagged byte of each is exact (a borrow only flags bytes above a true match).
            let quotes = (q &- ones) & ~q & highs, backslashes = (b &- ones) & ~b & highs
            if quotes != 0, backslashes == 0 || backslashes.trailingZeroBitCount > quotes.trailingZeroBitCount {
                return from + quotes.trailingZeroBitCount >> 3
            }
        }
        // Most fields hold no backslash: the first quote ends them. memchr reads
        // a vector at a time, which pays on long fields such as user agents.
        let quote = memchr(base + from, Int32(UInt8(ascii: "\"")), n - from).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? n
        if memchr(base + from, Int32(UInt8(ascii: "\\")), quote - from) == nil { return quote }
        var e = from
        while e < n {
            let c = line[e]
            if c == UInt8(ascii: "\\"), e + 1 < n { e += 2; continue }
            if c == UInt8(ascii: "\"") { return e }
            e += 1
        }
        return n
    }

    static func show(_ lit: [UInt8]) -> String { "'\(String(decoding: lit, as: UTF8.self))'" }

    static func show(_ line: UnsafeBufferPointer<UInt8>, _ s: LogRecord.Span) -> String {
        if s.isEmpty { return "(empty)" }
        let text = String(decoding: UnsafeBufferPointer(rebasing: line[s.start..<min(s.end, s.start + 40)]), as: UTF8.self)
        return "'\(text)'"
    }

    static func name(_ f: LogFormat.Field) -> String {
        switch f {
        case .host: "client address"
        case .vhost: "virtual host"
        case .datetime, .date, .time: "time"
        case .request: "request"
        case .method: "method"
        case .url: "URL"
        case .query: "query"
        case .protocolName: "protocol"
        case .status: "status"
        case .bytes: "size"
        case .referrer: "referrer"
        case .agent: "user agent"
        case .skip, .skipSpaces: "skipped"
        }
    }
}
