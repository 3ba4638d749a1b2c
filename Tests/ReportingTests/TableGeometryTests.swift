@testable import Reporting
import Testing

/// Column widths of tables: numbers never wrap, the table never leaves the page.
struct TableGeometryTests {
    func paginator() throws -> Paginator {
        let locale = try ReportLocale.load(directory: reportsDirectory + "/locales", id: "en")
        let typesetter = try Typesetter(languageTag: locale.languageTag, families: locale.fonts, rightToLeft: locale.rightToLeft)
        return Paginator(typesetter: typesetter, locale: locale)
    }

    func table(widths: [Double], rows: [[String]]) -> TableBlock {
        TableBlock(caption: "", header: widths.map { _ in "h" }, widths: widths, numeric: [false] + widths.dropFirst().map { _ in true },
                   rows: rows.map { $0.map { .text($0) } }, note: nil)
    }

    @Test func aNumberTooWideForItsShareGetsRoomFromTheOthers() throws {
        let p = try paginator()
        let t = table(widths: [3, 1, 0.2, 1], rows: [["An indicator", "12", "3,237,671,000", "7"]])
        let columns = p.columnGeometry(t)
        let number = p.typesetter.layout("3,237,671,000", style: Paginator.cellStyle, width: nil).inkWidth
        #expect(columns[2].width >= number + 2 * Paginator.cellPadding)
        // The room came from the number columns with room to spare; the text column kept its share.
        #expect(abs(columns[0].width - 3.0 / 5.2 * p.width) < 0.01)
        #expect(abs(columns.map(\.width).reduce(0, +) - p.width) < 0.01)
        // Columns follow each other from the left margin.
        for k in 1..<columns.count { #expect(abs(columns[k].x - (columns[k - 1].x + columns[k - 1].width)) < 0.001) }
    }

    @Test func tooManyWideNumbersNarrowEveryColumnToFit() throws {
        let p = try paginator()
        let wide = String(repeating: "8", count: 60)
        let t = table(widths: [1, 1, 1], rows: [["x", wide, wide]])
        let columns = p.columnGeometry(t)
        #expect(abs(columns.map(\.width).reduce(0, +) - p.width) < 0.01)
        #expect(columns[0].x == p.left)
    }
}
