import Columnar
import TestSupport
import Testing
@testable import Store

/// Rows handed to the store as buffers with per-row validity flags (0 null,
/// any other byte valid) land in the segment being filled at any offset: the
/// flags gathered a word at a time must give the bits, null count and values
/// that row-by-row appends give, whatever the pieces' lengths and starts.
@Suite struct ColumnAccumulatorTests {
    @Test func flagsBecomeTheSameValidityAtAnyOffset() {
        var rng = SplitMix64(seed: 77)
        for round in 0..<20 {
            var accumulator = _ColumnAccumulator(type: .int64)
            var expectedValid: [Bool] = [], expectedValues: [Int64] = []
            while expectedValid.count < Workspace.rowsPerSegment {
                // Lengths around word sizes, so that pieces start and end inside words and span whole ones.
                let room = Workspace.rowsPerSegment - expectedValid.count
                let n = min(room, [1, 7, 63, 64, 65, 127, 128, 200, 1000][rng.below(9)] + rng.below(3))
                let nullRate = [0.0, 0.01, 0.5, 1.0][rng.below(4)]
                var values: [Int64] = [], flags: [UInt8] = []
                for _ in 0..<n {
                    let isNull = rng.chance(nullRate)
                    // Valid flags are not only 1: any byte but 0 marks a valid row, the top bit included.
                    flags.append(isNull ? 0 : [1, 2, 0x7F, 0x80, 0xFF][rng.below(5)])
                    values.append(Int64(rng.below(1000)))
                    expectedValid.append(!isNull)
                    expectedValues.append(values.last!)
                }
                let withFlags = rng.chance(0.8)
                if !withFlags { for i in expectedValid.indices.suffix(n) { expectedValid[i] = true } }
                values.withUnsafeBufferPointer { v in
                    flags.withUnsafeBufferPointer { f in accumulator.append(integers: v, valid: withFlags ? f : nil) }
                }
            }
            #expect(accumulator.count == expectedValid.count, "round \(round)")
            #expect(accumulator.nullCount == expectedValid.filter { !$0 }.count, "round \(round)")
            let bits = (0..<accumulator.count).map { accumulator.isValid($0) }
            #expect(bits == expectedValid, "round \(round)")
            #expect(Array(accumulator.integers[0..<accumulator.count]) == expectedValues, "round \(round)")
        }
    }

    @Test func resetSegmentStartsEmptyAndNullsReadZero() {
        var accumulator = _ColumnAccumulator(type: .string)
        let ones = [Int64](repeating: 5, count: 100)
        ones.withUnsafeBufferPointer { accumulator.append(integers: $0, valid: nil) }
        accumulator.reset()
        accumulator.appendNulls(10)
        #expect(accumulator.count == 10 && accumulator.nullCount == 10)
        // An all-null segment is stored with its (zero) values as they are.
        #expect(accumulator.integers[0..<10].allSatisfy { $0 == 0 })
        #expect((0..<10).allSatisfy { !accumulator.isValid($0) })
    }
}
