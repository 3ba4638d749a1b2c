@testable import Ingest
import TestSupport
import Testing

/// A line's time is taken from the previous line's when their stamps are
/// equal or differ only in the seconds (stamps compared as words): a reader
/// that keeps those caches across a stream of lines must give every line the
/// time (or the reject reason) that a fresh reader gives it.
@Suite struct TimestampCacheTests {
    private func read(_ line: [UInt8], with layout: inout LineLayout) -> String {
        var r = LogRecord()
        return line.withUnsafeBufferPointer { b in
            do throws(LineFault) {
                try layout.parse(b, into: &r)
            } catch {
                return "reject: " + error.reason
            }
            return "ts:\(r.ts)"
        }
    }

    @Test func streamedStampsReadAsOnTheirOwn() throws {
        var rng = SplitMix64(seed: 31)
        let format = try LogFormat("COMBINED")
        var streamed = LineLayout(format: format)
        var stamp = Array("10/Oct/2000:13:55:36 -0700".utf8)
        for _ in 0..<20_000 {
            var next = stamp
            switch rng.below(10) {
            case 0...3: break
            case 4...6:
                // Another second of the same minute, sometimes out of range or not digits.
                next[18] = UInt8(ascii: "0") + UInt8(rng.below(rng.chance(0.1) ? 10 : 6))
                next[19] = rng.chance(0.05) ? UInt8(ascii: "x") : UInt8(ascii: "0") + UInt8(rng.below(10))
            case 7:
                // Any other byte changed (minute, hour, zone, separators).
                let at = [0, 1, 2, 3, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 20, 21, 23, 24, 25][rng.below(20)]
                next[at] = Array("0123456789:/ +-A".utf8)[rng.below(16)]
            case 8:
                next = Array("10/Oct/2000:13:55:36 -0700".utf8)
                next[15] = UInt8(ascii: "0") + UInt8(rng.below(6))
            default:
                // Another length: a zone without its minutes, or a stray byte.
                next = rng.chance(0.5) ? Array(stamp.prefix(24)) : stamp + [UInt8(ascii: "0")]
            }
            if next.count == 26, rng.chance(0.7) { stamp = next }
            let line = Array(#"1.2.3.4 - - ["#.utf8) + next + Array(#"] "GET / HTTP/1.1" 200 1 "-" "a""#.utf8)
            var fresh = LineLayout(format: format)
            #expect(read(line, with: &streamed) == read(line, with: &fresh), "\(String(decoding: next, as: UTF8.self))")
        }
    }
}
