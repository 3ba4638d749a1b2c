import Columnar
import Foundation
import Testing
@testable import Console

@Suite struct JSONFormatTests {
    @Test func arrayOfObjectsWithTypedValues() {
        let noon = CivilTime.timestamp(year: 2024, month: 1, day: 31, hour: 12)
        let result = Fixtures.result(
            Fixtures.column("site", .string, [.string("basel"), .null]),
            Fixtures.column("hits", .int64, [.int(-12), .null]),
            Fixtures.column("share", .float64, [.float(0.1), .float(.nan)]),
            Fixtures.column("bot", .bool, [.bool(true), .bool(false)]),
            Fixtures.column("ts", .timestamp, [.timestamp(noon), .null])
        )
        #expect(ResultFormat.json.render(result) == """
        [
          {"site":"basel","hits":-12,"share":0.1,"bot":true,"ts":"2024-01-31T12:00:00Z"},
          {"site":null,"hits":null,"share":null,"bot":false,"ts":null}
        ]

        """)
    }

    @Test func stringsEscapedPerRFC8259() {
        let text = "quote \" backslash \\ slash / tab\t nl\n cr\r bell\u{07} nul\u{00} del\u{7F} 北京 مرحبا 😀"
        let result = Fixtures.result(Fixtures.column("a \"b\"", .string, [.string(text)]))
        let json = ResultFormat.json.render(result)
        #expect(json == """
        [
          {"a \\"b\\"":"quote \\" backslash \\\\ slash / tab\\t nl\\n cr\\r bell\\u0007 nul\\u0000 del\u{7F} 北京 مرحبا 😀"}
        ]

        """)
        // Foundation's parser reads it back to the same string.
        let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]]
        #expect(parsed?.first?["a \"b\""] == text)
    }

    @Test func infinitiesAreNullAndLargeNumbersStayNumbers() {
        let result = Fixtures.result(Fixtures.column("x", .float64, [.float(.infinity), .float(-.infinity), .float(1e20), .float(2)]))
        #expect(ResultFormat.json.render(result) == """
        [
          {"x":null},
          {"x":null},
          {"x":1e+20},
          {"x":2.0}
        ]

        """)
        let parsed = try? JSONSerialization.jsonObject(with: Data(ResultFormat.json.render(result).utf8)) as? [[String: Any]]
        #expect(parsed?.count == 4)
    }

    @Test func emptyResultIsEmptyArray() {
        #expect(ResultFormat.json.render(Fixtures.result(Fixtures.column("n", .int64, []))) == "[]\n")
    }
}
