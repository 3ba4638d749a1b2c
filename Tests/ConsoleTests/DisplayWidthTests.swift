import Testing
@testable import Console

@Suite struct DisplayWidthTests {
    @Test func asciiCountsOne() {
        #expect(DisplayWidth.of("basel") == 5)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func eastAsianWideCountsTwo() {
        #expect(DisplayWidth.of("北京") == 4)
        #expect(DisplayWidth.of("統計データ") == 10)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("ＡＢ") == 4)
    }

    @Test func combiningMarksCountZero() {
        // Arabic with short-vowel marks (harakat) is as wide as without them.
        #expect(DisplayWidth.of("مرحبا") == 5)
        #expect(DisplayWidth.of("مَرْحَبًا") == 5)
        // e + combining acute, and a precomposed é.
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("é") == 1)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
    }

    @Test func cyrillicAndEmoji() {
        #expect(DisplayWidth.of("Россия") == 6)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)
    }

    @Test func truncationRespectsWideCharacters() {
        #expect(DisplayWidth.truncate("中华人民共和国", to: 9) == "中华人民…")
        #expect(DisplayWidth.truncate("中华人民共和国", to: 10) == "中华人民…")
        #expect(DisplayWidth.truncate("中华人民共和国", to: 14) == "中华人民共和国")
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("abcdef", to: 1) == "…")
        #expect(DisplayWidth.truncate("abcdef", to: 0) == "")
    }

    @Test func padding() {
        #expect(DisplayWidth.pad("北京", to: 6, .left) == "北京  ")
        #expect(DisplayWidth.pad("7", to: 3, .right) == "  7")
        #expect(DisplayWidth.pad("ab", to: 5, .center) == " ab  ")
    }
}
