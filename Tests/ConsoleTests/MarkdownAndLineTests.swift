import Columnar
import Testing
@testable import Console

@Suite struct MarkdownAndLineTests {
    @Test func markdownPipeTableWithRightAlignedNumbers() {
        #expect(ResultFormat.markdown.render(Fixtures.sites) == """
        | site  | hits | share              |
        |-------|-----:|-------------------:|
        | basel |   12 |                0.5 |
        | 北京  |    3 | 0.3333333333333333 |
        | NULL  | 1200 |               NULL |

        """)
    }

    @Test func markdownEscapesPipesBackslashesAndLineBreaks() {
        let result = Fixtures.result(
            Fixtures.column("a|b", .string, [.string("x | y"), .string("C:\\data"), .string("one\ntwo")]),
            Fixtures.column("n", .int64, [.int(1), .int(22), .null])
        )
        let lines = ResultFormat.markdown.render(result).split(separator: "\n").map(String.init)
        #expect(lines == [
            "| a\\|b       | n    |",
            "|------------|-----:|",
            "| x \\| y     |    1 |",
            "| C:\\\\data   |   22 |",
            "| one<br>two | NULL |",
        ])
    }

    @Test func lineModeOneValuePerLine() {
        #expect(ResultFormat.line.render(Fixtures.sites, options: RenderOptions(nullText: "-")) == """
         site = basel
         hits = 12
        share = 0.5

         site = 北京
         hits = 3
        share = 0.3333333333333333

         site = -
         hits = 1200
        share = -

        """)
    }

    @Test func formatNamesParse() {
        #expect(ResultFormat(name: "TABLE") == .table)
        #expect(ResultFormat(name: "duckbox") == .table)
        #expect(ResultFormat(name: "md") == .markdown)
        #expect(ResultFormat(name: "line") == .line)
        #expect(ResultFormat(name: "html") == nil)
    }
}
