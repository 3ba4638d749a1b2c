import Columnar
import TestSupport
import Testing
@testable import Store

/// Codes handed to the store in an importer's dictionary are translated into
/// the column's dictionary, whether it is new (and fills in the importer's
/// order) or has entries already: every row must get the code of its string
/// there, and 0 when it is null.
@Suite struct StringMergerTests {
    private func check(base: [String], seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var merger = _StringMerger(base: StringDictionary(base))
        let source = StringDictionary()
        var expected: [Int64] = [], out: [Int64] = []
        for _ in 0..<40 {
            let n = 1 + rng.below(500)
            var codes: [UInt32] = [], valid: [UInt8] = []
            for _ in 0..<n {
                // New strings mostly in order of first use; now and then one interned but first used later.
                if rng.chance(0.05) { _ = source.intern("early-\(rng.below(50))") }
                let isValid = !rng.chance(0.2)
                let code = rng.chance(0.3) || source.count == 0 ? source.intern("s\(rng.below(2000))") : UInt32(rng.below(source.count))
                codes.append(isValid ? code : 0)
                valid.append(isValid ? 1 : 0)
            }
            let withValidity = rng.chance(0.5)
            codes.withUnsafeBufferPointer { c in
                valid.withUnsafeBufferPointer { v in
                    merger.remap(c, valid: withValidity ? v : nil, from: source, into: &out)
                }
            }
            for (code, flag) in zip(codes, valid) {
                if withValidity, flag == 0 {
                    expected.append(0)
                } else {
                    expected.append(Int64(merger.dictionary.code(of: source[Int(code)])!))
                }
            }
        }
        #expect(out == expected)
    }

    @Test func newColumnCodesTranslateAsLookedUp() {
        for seed in 1...5 as ClosedRange<UInt64> { check(base: [], seed: seed) }
    }

    @Test func existingColumnCodesTranslateAsLookedUp() {
        for seed in 6...10 as ClosedRange<UInt64> { check(base: ["s5", "other", "s1", "early-3"], seed: seed) }
    }
}
