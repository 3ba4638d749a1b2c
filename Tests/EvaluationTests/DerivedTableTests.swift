import Columnar
import Evaluation
import Foundation
import Testing

/// Derived tables (`views.toml`) read like canonical tables, and a breakdown
/// by month (phase cells derived from cycle cells), on the fixture's
/// hits: eight requests in March 2010 in visits 1 (3 requests), 2 (2),
/// 3 (2) and a robot's visit 4.
@Suite struct DerivedTableTests {
    static let views = """
        # Visits of people, with their first request and their length.
        [visit_spans]
        title = "Visits of people"
        sql = \"\"\"
        SELECT visit, min(ts) AS began, count(*) AS requests
        FROM hits WHERE NOT is_bot GROUP BY visit
        \"\"\"
        """

    static let indicators = """
        [objective]
        id = "quality"
        goal = 1
        title = "Quality"

        [[indicator]]
        id = "t.long_visits"
        title = "Visits of three requests or more"
        kind = "percentage"
        table = "visit_spans"
        time = "began"
        measure = "count(*)"
        filter = "requests >= 3"
        denominator = "count(*)"
        denominator_filter = "true"
        """

    static let breakdowns = EvaluationFixture.breakdownsText + """

        [month]
        title = "Month"
        hits = "strftime({time}, '%Y-%m')"
        """

    static func compute(_ periods: [String]) throws -> (Catalogue, [IndicatorValue]) {
        var use = EvaluationFixture.catalogueText
        use = use.replacingOccurrences(of: "measure = \"count(DISTINCT visit)\"\nfilter = \"NOT is_bot\"",
                                       with: "measure = \"count(DISTINCT visit)\"\nfilter = \"NOT is_bot\"\nbreakdowns = [\"month\"]")
        let (catalogue, dir) = try EvaluationFixture.catalogue(extra: ["views.toml": views, "quality.toml": indicators,
                                                                       "breakdowns.toml": breakdowns, "use.toml": use])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let schedule = Schedule()
        let computation = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: EvaluationFixture.catalog,
                                                   asOf: EvaluationFixture.ts("2030-01-01"))
        return (catalogue, try computation.compute(periods: periods.map { schedule.period(id: $0)! }))
    }

    @Test func anIndicatorReadsADerivedTable() throws {
        let (catalogue, v) = try Self.compute(["2010-2011", "phase-1", "2008-2009"])
        #expect(catalogue.derivedTable("visit_spans")?.tables == ["hits"])
        #expect(catalogue.storedTables(["visit_spans", "contributions"]) == ["contributions", "hits"])
        // One of the three visits of people has three requests.
        let cycle = try #require(v.total("t.long_visits", "2010-2011"))
        #expect(cycle.numerator == 1)
        #expect(cycle.denominator == 3)
        #expect(abs((cycle.value ?? 0) - 100.0 / 3) < 1e-9)
        #expect(v.total("t.long_visits", "phase-1")?.denominator == 3)
        // No visit began in 2008–2009: no data, not 0 %.
        #expect(v.total("t.long_visits", "2008-2009")?.status == .noData)
    }

    @Test func monthCellsOfAPhaseAreItsCyclesCells() throws {
        let (_, v) = try Self.compute(["2010-2011", "phase-1"])
        // Three distinct visits of people in March 2010, in the cycle and in the phase.
        #expect(v.cell("t.visits", "2010-2011", "month", "2010-03")?.value == 3)
        #expect(v.cell("t.visits", "phase-1", "month", "2010-03")?.value == 3)
        #expect(v.total("t.visits", "phase-1")?.value == 3)
        #expect(v.filter { $0.indicator == "t.visits" && $0.period == "phase-1" && $0.breakdown == "month" }.count == 1)
    }

    @Test func aBrokenDerivedTableIsReportedAtItsLine() throws {
        let broken = Self.views.replacingOccurrences(of: "count(*) AS requests", with: "count(*) AS requests, nosuch")
        let (catalogue, dir) = try EvaluationFixture.catalogue(extra: ["views.toml": broken, "quality.toml": Self.indicators])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let problems = catalogue.check(against: EvaluationFixture.catalog, schedule: Schedule())
        // Reported once, at the table's header, not again at each indicator reading it.
        #expect(problems.count == 1)
        let first = try #require(problems.first)
        #expect(first.file.hasSuffix("views.toml"))
        #expect(first.line == 2)
        #expect(first.message.contains("visit_spans") && first.message.contains("nosuch"))
    }

    @Test func aDerivedTableMayNotHideACanonicalOne() throws {
        let hiding = Self.views.replacingOccurrences(of: "[visit_spans]", with: "[hits]")
        #expect(throws: Catalogue.Problems.self) { try EvaluationFixture.catalogue(extra: ["views.toml": hiding]) }
    }
}
