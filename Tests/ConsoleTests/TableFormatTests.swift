import Columnar
import Testing
@testable import Console

@Suite struct TableFormatTests {
    @Test func numbersRightAlignedTextLeftNullsShown() {
        let text = ResultFormat.table.render(Fixtures.sites)
        #expect(text == """
        ┌────────┬──────┬──────────┐
        │  site  │ hits │  share   │
        │ string │ int  │  float   │
        ├────────┼──────┼──────────┤
        │ basel  │   12 │      0.5 │
        │ 北京   │    3 │ 0.333333 │
        │ NULL   │ 1200 │     NULL │
        └────────┴──────┴──────────┘

        """)
    }

    @Test func nullTextAndColour() {
        let plain = ResultFormat.table.render(Fixtures.sites, options: RenderOptions(nullText: "∅"))
        #expect(plain.contains("│ ∅      │ 1200 │        ∅ │"))
        let coloured = ResultFormat.table.render(Fixtures.sites, options: RenderOptions(colour: true))
        #expect(coloured.contains("│ \u{1B}[2mNULL\u{1B}[22m   │ 1200 │     \u{1B}[2mNULL\u{1B}[22m │"))
        #expect(coloured.contains("\u{1B}[1msite\u{1B}[22m"))
        // Without colour a NULL and the string 'NULL' look the same; colour tells them apart.
        #expect(!plain.contains("\u{1B}"))
    }

    @Test func longResultKeepsFirstAndLastRows() {
        let result = Fixtures.result(Fixtures.column("n", .int64, (1...10).map { .int(Int64($0)) }))
        let text = ResultFormat.table.render(result, options: RenderOptions(maxRows: 4))
        #expect(text == """
        ┌─────┐
        │  n  │
        │ int │
        ├─────┤
        │   1 │
        │   2 │
        │  ⋮  │
        │   9 │
        │  10 │
        └─────┘
        10 rows (4 shown)  1 column

        """)
    }

    @Test func oddRowLimitShowsOneMoreAtTheTop() {
        let result = Fixtures.result(Fixtures.column("n", .int64, (1...6).map { .int(Int64($0)) }))
        let text = ResultFormat.table.render(result, options: RenderOptions(maxRows: 3))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("│ ") }.dropFirst(2).map(String.init)
        #expect(rows == ["│   1 │", "│   2 │", "│  ⋮  │", "│   6 │"])
        #expect(text.hasSuffix("6 rows (3 shown)  1 column\n"))
    }

    @Test func resultWithinLimitHasNoFooter() {
        let text = ResultFormat.table.render(Fixtures.sites, options: RenderOptions(maxRows: 3, maxWidth: 80))
        #expect(!text.contains("rows"))
    }

    @Test func wideResultDropsMiddleColumns() {
        let long = String(repeating: "x", count: 20)
        let columns = ["a", "b", "c", "d", "e", "f"].map { Fixtures.column($0, .string, [.string(long)]) }
        let text = ResultFormat.table.render(QueryResult(columns: columns), options: RenderOptions(maxWidth: 40))
        #expect(text == """
        ┌────────────┬──────────┬───┬──────────┐
        │     a      │    b     │ … │    f     │
        │   string   │  string  │   │  string  │
        ├────────────┼──────────┼───┼──────────┤
        │ xxxxxxxxx… │ xxxxxxx… │ … │ xxxxxxx… │
        └────────────┴──────────┴───┴──────────┘
        1 row  6 columns (3 shown)

        """)
        for line in text.split(separator: "\n").dropLast() {
            #expect(DisplayWidth.of(line) == 40)
        }
    }

    @Test func longValuesAreCutToFitWithoutDroppingColumns() {
        let path = "/documents/meetings/cop-11/reports/final.pdf"
        let result = Fixtures.result(
            Fixtures.column("path", .string, [.string(path)]),
            Fixtures.column("n", .int64, [.int(7)])
        )
        let text = ResultFormat.table.render(result, options: RenderOptions(maxWidth: 30))
        #expect(text == """
        ┌──────────────────────┬─────┐
        │         path         │  n  │
        │        string        │ int │
        ├──────────────────────┼─────┤
        │ /documents/meetings… │   7 │
        └──────────────────────┴─────┘

        """)
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 30 })
        #expect(lines[4] == "│ /documents/meetings… │   7 │")
        #expect(!text.contains("shown"))
    }

    @Test func wideCharactersAreCutByDisplayWidth() {
        let result = Fixtures.result(
            Fixtures.column("title", .string, [.string("中华人民共和国统计数据"), .string("تقرير التقييم النهائي للآلية")]),
            Fixtures.column("n", .int64, [.int(1), .int(2)])
        )
        let text = ResultFormat.table.render(result, options: RenderOptions(maxWidth: 20))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 20 })
        #expect(lines[4] == "│ 中华人民…  │   1 │")
        #expect(lines[5] == "│ تقرير الت… │   2 │")
    }

    @Test func emptyResultShowsHeaderOnly() {
        let result = Fixtures.result(Fixtures.column("n", .int64, []), Fixtures.column("s", .string, []))
        #expect(ResultFormat.table.render(result) == """
        ┌─────┬────────┐
        │  n  │   s    │
        │ int │ string │
        └─────┴────────┘

        """)
    }

    @Test func timestampsBooleansAndControlCharacters() {
        let result = Fixtures.result(
            Fixtures.column("ts", .timestamp, [.timestamp(CivilTime.timestamp(year: 2024, month: 1, day: 31, hour: 12))]),
            Fixtures.column("bot", .bool, [.bool(false)]),
            Fixtures.column("agent", .string, [.string("a\tb\nc")])
        )
        #expect(ResultFormat.table.render(result) == """
        ┌─────────────────────┬───────┬─────────┐
        │         ts          │  bot  │  agent  │
        │      timestamp      │ bool  │ string  │
        ├─────────────────────┼───────┼─────────┤
        │ 2024-01-31 12:00:00 │ false │ a\\tb\\nc │
        └─────────────────────┴───────┴─────────┘

        """)
    }

    @Test func floatsAreRoundedForReadingOnly() {
        #expect(CellText.readableFloat(1.0 / 3.0) == "0.333333")
        #expect(CellText.readableFloat(2.0) == "2.0")
        #expect(CellText.readableFloat(12.5) == "12.5")
        #expect(CellText.readableFloat(1234567.891234567) == "1234567.891235")
        #expect(CellText.readableFloat(0.000123456789) == "0.000123457")
        #expect(CellText.readableFloat(1.5e-7) == "1.5e-07")
        #expect(CellText.readableFloat(2.5e20) == "2.5e+20")
        #expect(CellText.readableFloat(-0.25) == "-0.25")
        #expect(CellText.readableFloat(.nan) == "nan")
        #expect(CellText.readableFloat(-.infinity) == "-inf")
        #expect(CellText.readableFloat(1_000_000) == "1000000.0")
    }
}
