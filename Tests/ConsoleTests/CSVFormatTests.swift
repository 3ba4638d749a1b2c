import Columnar
import Testing
@testable import Console

@Suite struct CSVFormatTests {
    @Test func headerRowsExactFloatsAndEmptyNulls() {
        #expect(ResultFormat.csv.render(Fixtures.sites) == """
        site,hits,share
        basel,12,0.5
        北京,3,0.3333333333333333
        ,1200,

        """)
    }

    @Test func quotingCornerCases() {
        let texts = ["plain", "a,b", "say \"hi\"", "two\nlines", "carriage\rreturn", "", " padded", "\"", "naïve;semi"]
        let result = Fixtures.result(
            Fixtures.column("text", .string, texts.map { .string($0) } + [.null]),
            Fixtures.column("x", .float64, [.float(0.1), .float(1e20), .float(1.5e-7), .float(2), .float(-3.25),
                                            .float(.nan), .float(.infinity), .null, .float(0), .float(1e-300)])
        )
        let expected = [
            "text,x",
            "plain,0.1",
            "\"a,b\",1e+20",
            "\"say \"\"hi\"\"\",1.5e-07",
            "\"two\nlines\",2.0",
            "\"carriage\rreturn\",-3.25",
            "\"\",nan",
            "\" padded\",inf",
            "\"\"\"\",",
            "naïve;semi,0.0",
            ",1e-300",
        ]
        #expect(ResultFormat.csv.render(result) == expected.joined(separator: "\n") + "\n")
    }

    @Test func headerNamesAreQuotedToo() {
        let result = Fixtures.result(Fixtures.column("a,b", .int64, [.int(1)]), Fixtures.column("c\"d", .bool, [.bool(true)]))
        #expect(ResultFormat.csv.render(result) == "\"a,b\",\"c\"\"d\"\n1,true\n")
    }

    @Test func timestampsAndNullText() {
        let result = Fixtures.result(
            Fixtures.column("ts", .timestamp, [.timestamp(CivilTime.timestamp(year: 2024, month: 1, day: 31, hour: 12)), .null])
        )
        #expect(ResultFormat.csv.render(result) == "ts\n2024-01-31 12:00:00\n\n")
        #expect(ResultFormat.csv.render(result, options: RenderOptions(nullText: "NA")) == "ts\n2024-01-31 12:00:00\nNA\n")
    }

    @Test func rowLimitDoesNotApply() {
        let result = Fixtures.result(Fixtures.column("n", .int64, (1...50).map { .int(Int64($0)) }))
        let text = ResultFormat.csv.render(result, options: RenderOptions(maxRows: 5, maxWidth: 10))
        #expect(text.split(separator: "\n").count == 51)
    }
}
