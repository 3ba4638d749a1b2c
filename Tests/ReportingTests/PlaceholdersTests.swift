@testable import Reporting
import Testing

/// `{name}` placeholders, filled in one pass.
struct PlaceholdersTests {
    @Test func knownNamesAreFilledAndOthersLeftAsWritten() {
        let values = ["years": "2024\u{2013}2027", "phase": "V", "inner": "{phase}"]
        #expect(Placeholders.fill("Phase {phase} ({years})", values) == "Phase V (2024\u{2013}2027)")
        #expect(Placeholders.fill("{unknown} {phase}{phase}", values) == "{unknown} VV")
        #expect(Placeholders.fill("{{phase}} {phase", values) == "{V} {phase")
        #expect(Placeholders.fill("no braces", values) == "no braces")
        #expect(Placeholders.fill("{phase}", [:]) == "{phase}")
        // A value is inserted as it is, never filled again.
        #expect(Placeholders.fill("{inner}", values) == "{phase}")
        // Text around is kept whatever its script.
        #expect(Placeholders.fill("第{phase}阶段（{years}）", values) == "第V阶段（2024\u{2013}2027）")
        #expect(Placeholders.fill("المرحلة {phase}", values) == "المرحلة V")
    }
}
