import Testing
@testable import Console

@Suite struct ColumnFitTests {
    @Test func naturalWidthsWhenTheyFit() {
        let fit = ColumnFit(natural: [5, 10, 3], available: 40)
        #expect(fit == ColumnFit(shown: [0, 1, 2], widths: [5, 10, 3], gapBefore: nil))
        #expect(ColumnFit(natural: [50, 50], available: nil).widths == [50, 50])
    }

    @Test func widestColumnsShrinkFirst() {
        // 1 + (30 + 3) + (4 + 3) + (20 + 3) = 64 cells, 50 available: both wide columns capped at 18.
        let fit = ColumnFit(natural: [30, 4, 20], available: 50)
        #expect(fit.gapBefore == nil)
        #expect(fit.widths[1] == 4)
        #expect(ColumnFit.lineWidth(fit.widths) == 50)
        #expect(fit.widths == [18, 4, 18])
    }

    @Test func middleColumnsDropWhenMinimumsDoNotFit() {
        // Minimums of 8 cost 11 cells each: 1 + 5 × 11 + the 4-cell gap column = 60.
        let fit = ColumnFit(natural: Array(repeating: 20, count: 10), available: 60)
        #expect(fit.shown == [0, 1, 2, 8, 9])
        #expect(fit.gapBefore == 3)
        #expect(ColumnFit.lineWidth(fit.widths) + ColumnFit.gapColumnWidth == 60)
    }

    @Test func aSingleColumnIsCutToTheWidth() {
        let fit = ColumnFit(natural: [100], available: 20)
        #expect(fit == ColumnFit(shown: [0], widths: [16], gapBefore: nil))
    }

    @Test func aVeryNarrowTerminalStillShowsTheFirstColumn() {
        let fit = ColumnFit(natural: [30, 30], available: 12)
        #expect(fit.shown == [0])
        #expect(fit.gapBefore == 1)
        #expect(ColumnFit.lineWidth(fit.widths) + ColumnFit.gapColumnWidth <= 12)
    }
}
