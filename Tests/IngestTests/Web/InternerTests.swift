@testable import Ingest
import TestSupport
import Testing

/// The interners give codes in order of first sight and keep a value per
/// entry; the one that keeps short values in its slots (paths) must answer
/// every lookup as the other does, across growth, for values of every length.
@Suite struct InternerTests {
    @Test func inlineInternerAnswersAsByteInterner() {
        var rng = SplitMix64(seed: 41)
        var byteInterner = ByteInterner(capacity: 8)
        var inline = InlineInterner(capacity: 8)
        var pool: [[UInt8]] = [[]]
        for length in [1, 7, 8, 9, 15, 16, 17, 39, 40, 41, 64, 200] {
            pool.append((0..<length).map { _ in UInt8(rng.below(256)) })
        }
        for _ in 0..<3000 {
            // Values that share a prefix or differ only in their last byte, as paths do.
            let length = [0, 3, 8, 12, 24, 39, 40, 41, 48, 120][rng.below(10)]
            var key = (0..<length).map { _ in UInt8(ascii: "a") + UInt8(rng.below(3)) }
            if !key.isEmpty, rng.chance(0.3) { key[key.count - 1] = 0 }
            pool.append(key)
        }
        for step in 0..<40_000 {
            let key = pool[rng.below(pool.count)]
            let (a, b) = key.withUnsafeBufferPointer { (byteInterner.intern($0), inline.intern($0)) }
            #expect(a.code == b.code && a.isNew == b.isNew && a.value == b.value, "step \(step), \(key.count) bytes")
            if a.isNew {
                let value = rng.next()
                byteInterner.setValue(value, of: a)
                inline.setValue(value, of: b)
            }
        }
        #expect(byteInterner.count == inline.count)
    }
}
