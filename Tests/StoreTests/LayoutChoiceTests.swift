import TestSupport
import Testing
@testable import Store

/// The integer codec's shortcuts in choosing a layout (the distinct-value
/// search that gives up once the list cannot win, the survey of flags
/// without differences) pick what trying every layout in full picks.
@Suite struct LayoutChoiceTests {
    /// The encoded size of each layout of `values` worked out in full, and the smallest.
    private func expectedLayout(_ values: [Int64]) -> String {
        let n = values.count
        let lo = values.min()!, hi = values.max()!
        let width = _BitPacking.bitWidth(UInt64(bitPattern: hi &- lo))
        var best = ("frame", 1 + _BitPacking.byteCount(count: n, width: width))
        if n >= 2, width > 0 {
            let deltas = (1..<n).map { values[$0] &- values[$0 - 1] }
            let w = _BitPacking.bitWidth(UInt64(bitPattern: deltas.max()! &- deltas.min()!))
            let size = 17 + _BitPacking.byteCount(count: n - 1, width: w)
            if size < best.1 { best = ("delta", size) }
        }
        let k = Set(values).count
        if width > 1, best.1 > 5 + 16 + _BitPacking.byteCount(count: n, width: 1), k <= _IntegerCodec.dictionaryLimit {
            let size = 5 + 8 * k + _BitPacking.byteCount(count: n, width: _BitPacking.bitWidth(UInt64(k - 1)))
            if size < best.1 { best = ("dictionary", size) }
        }
        return best.0
    }

    private func chosenLayout(_ values: [Int64], flags: Bool = false) -> (layout: String, bytes: [UInt8]) {
        var writer = _ByteWriter()
        values.withUnsafeBufferPointer {
            let survey = flags ? _IntegerCodec.surveyFlags($0) : _IntegerCodec.survey($0)
            _ = _IntegerCodec.encode($0, survey: survey, into: &writer)
        }
        let layout = switch _IntegerEncoding(rawValue: writer.bytes[0]) {
        case .frameOfReference: "frame"
        case .delta: "delta"
        case .dictionary: "dictionary"
        case nil: "unknown"
        }
        return (layout, writer.bytes)
    }

    @Test func distinctValueSearchStopsOnlyWhereTheListCannotWin() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<300 {
            let n = 1 + rng.below(3000)
            // A few values spread over a wide range (the list wins), or many over a narrow one (it loses).
            let k = 1 + rng.below(rng.chance(0.5) ? 8 : 300)
            let spread = Int64(1) << Int64(1 + rng.below(40))
            let pool = (0..<k).map { _ in Int64(rng.below(Int(spread))) - spread / 2 }
            let values = (0..<n).map { _ in pool[rng.below(k)] }
            #expect(chosenLayout(values).layout == expectedLayout(values), "n \(n), k \(k), spread \(spread)")
        }
    }

    @Test func flagsEncodeAsWhenTheirDifferencesAreSurveyed() {
        var rng = SplitMix64(seed: 12)
        for _ in 0..<300 {
            let n = 1 + rng.below(5000)
            let p = [0.0, 1.0, 0.5, 0.01, 0.99][rng.below(5)]
            var values = (0..<n).map { _ in Int64(rng.chance(p) ? 1 : 0) }
            if rng.chance(0.2) { values = (0..<n).map { $0 < n / 2 ? 0 : 1 } }
            #expect(chosenLayout(values, flags: true).bytes == chosenLayout(values).bytes, "n \(n), p \(p)")
        }
    }
}
