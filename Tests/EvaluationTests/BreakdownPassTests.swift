import Evaluation
import Foundation
import Testing

/// A breakdown computed with another (`computed_with`): the season in the
/// month pass, on the fixture's hits — eight requests in March 2010 in
/// visits 1 (3 requests), 2 (2), 3 (2) and a robot's visit 4.
@Suite struct BreakdownPassTests {
    static let breakdowns = EvaluationFixture.breakdownsText + """

        [month]
        title = "Month"
        hits = "strftime({time}, '%Y-%m')"

        [season]
        title = "Season"
        computed_with = "month"
        hits = "CASE WHEN month({time}) IN (3, 4, 5) THEN 'spring' ELSE 'rest' END"
        """

    static func compute(_ periods: [String], breakdowns: String = breakdowns, dimensions: String) throws -> [IndicatorValue] {
        let use = EvaluationFixture.catalogueText.replacingOccurrences(
            of: "measure = \"count(DISTINCT visit)\"\nfilter = \"NOT is_bot\"",
            with: "measure = \"count(DISTINCT visit)\"\nfilter = \"NOT is_bot\"\nbreakdowns = [\(dimensions)]")
        return try EvaluationFixture.compute(periods, extra: ["breakdowns.toml": breakdowns, "use.toml": use])
    }

    @Test func aSeasonComputedWithMonthsHasTheSameCells() throws {
        let together = try Self.compute(["2010-2011", "phase-1"], dimensions: "\"month\", \"season\"")
        // Three distinct visits of people, all in March 2010: spring, in the cycle and in the phase.
        for period in ["2010-2011", "phase-1"] {
            #expect(together.cell("t.visits", period, "season", "spring")?.value == 3)
            #expect(together.cell("t.visits", period, "month", "2010-03")?.value == 3)
            #expect(together.total("t.visits", period)?.value == 3)
            #expect(together.filter { $0.indicator == "t.visits" && $0.period == period && $0.breakdown == "season" }.count == 1)
        }
        let alone = try Self.compute(["2010-2011", "phase-1"], dimensions: "\"season\"")
        for value in alone where value.breakdown == "season" {
            #expect(together.cell(value.indicator, value.period, "season", value.cell ?? "")?.value == value.value)
        }
    }

    @Test func theRetiredWithinCycleKeySaysSo() throws {
        let old = Self.breakdowns.replacingOccurrences(of: "computed_with = \"month\"", with: "within_cycle = true")
        #expect(throws: Catalogue.Problems.self) { try EvaluationFixture.catalogue(extra: ["breakdowns.toml": old]) }
        do {
            _ = try EvaluationFixture.catalogue(extra: ["breakdowns.toml": old])
        } catch {
            #expect("\(error)".contains("within_cycle is no longer used"))
        }
    }

    @Test func computedWithMustNameADimension() throws {
        let wrong = Self.breakdowns.replacingOccurrences(of: "computed_with = \"month\"", with: "computed_with = \"moon\"")
        do {
            _ = try EvaluationFixture.catalogue(extra: ["breakdowns.toml": wrong])
            Issue.record("a computed_with naming no dimension was accepted")
        } catch let problems as Catalogue.Problems {
            let message = "\(problems)"
            #expect(message.contains("moon") && message.contains("month"))
            #expect(problems.errors.first?.line == wrong.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("moon") }.map { $0 + 1 })
        }
    }
}
