import Columnar
import Evaluation
import Foundation
import Testing

/// Values of the fixture catalogue worked out by hand from the rows in
/// ``EvaluationFixture``.
@Suite struct ComputationTests {
    let periods = ["2006-2007", "2008-2009", "2010-2011", "2012-2013", "pilot", "phase-1", "baseline", "mid-term-1", "major-1"]

    @Test func distinctCountsPerCycleAndPhase() throws {
        let v = try EvaluationFixture.compute(periods)
        // Kenya MoE (2006, 2007) | Kenya, WWF, Brazil (2008–09) | WWF (2010).
        #expect(v.total("t.providers", "2006-2007")?.value == 1)
        #expect(v.total("t.providers", "2008-2009")?.value == 3)
        #expect(v.total("t.providers", "2010-2011")?.value == 1)
        // A phase counts distinct actors over four years, not the sum of its cycles (3 + 1).
        #expect(v.total("t.providers", "phase-1")?.value == 3)
        #expect(v.total("t.providers", "mid-term-1")?.value == 3)
        #expect(v.total("t.providers", "baseline")?.value == 1)
    }

    @Test func comparisonsWithThePreviousPeriodAndTheBaseline() throws {
        let v = try EvaluationFixture.compute(periods)
        let major = try #require(v.total("t.providers", "major-1"))
        #expect(major.value == 3)
        #expect(major.previousPeriod == "baseline")
        #expect(major.previous == 1)
        #expect(major.change == 2)
        #expect(major.relativeChange == 2)
        #expect(major.baseline == 1)
        // (3 / 1)^(1/4) − 1 ≈ 31.6 % a year, above the 1.5 % threshold used without a target.
        #expect(major.rating == .onTrack)
        let cycle = try #require(v.total("t.providers", "2010-2011"))
        #expect(cycle.previousPeriod == "2008-2009")
        #expect(cycle.previous == 3)
        #expect(cycle.change == -2)
    }

    @Test func breakdownCellsCarryTheirShare() throws {
        let v = try EvaluationFixture.compute(["phase-1"])
        for region in ["African States", "Western European and other States", "Latin American and Caribbean States"] {
            let cell = try #require(v.cell("t.providers", "phase-1", "region", region))
            #expect(cell.value == 1)
            #expect(abs((cell.share ?? 0) - 100.0 / 3) < 1e-9)
        }
        let totalsOnly = try EvaluationFixture.compute(["phase-1"], breakdowns: .totals)
        #expect(totalsOnly.allSatisfy { $0.breakdown == nil })
    }

    @Test func totalsComputedWithARegionBreakdownAreTheSame() throws {
        // Every contributions indicator has the region column: its cells, merged, give the totals in the same pass.
        let byRegion = try EvaluationFixture.compute(periods, breakdowns: .only("region"))
        let totals = try EvaluationFixture.compute(periods, breakdowns: .totals)
        #expect(byRegion.total("t.providers", "2008-2009")?.value == 3)
        #expect(byRegion.total("t.providers", "phase-1")?.value == 3)
        #expect(byRegion.total("t.requests", "2008-2009")?.value == 0)
        #expect(byRegion.total("t.requests", "phase-1")?.value == 3)
        #expect(byRegion.cell("t.providers", "phase-1", "region", "African States")?.value == 1)
        #expect(byRegion.cell("t.requests", "2010-2011", "region", "Latin American and Caribbean States")?.value == 1)
        for value in totals {
            let same = byRegion.total(value.indicator, value.period)
            #expect(same?.value == value.value && same?.status == value.status, "\(value.indicator) \(value.period)")
        }
    }

    @Test func stocksAddUpEveryCycleToThePeriodsEnd() throws {
        let v = try EvaluationFixture.compute(periods)
        #expect(v.total("t.products", "2006-2007")?.value == 1)
        #expect(v.total("t.products", "2008-2009")?.value == 2)
        #expect(v.total("t.products", "2010-2011")?.value == 3)
        #expect(v.total("t.products", "phase-1")?.value == 3)
        #expect(v.total("t.products", "pilot")?.value == 1)
    }

    @Test func zeroIsZeroOnlyWhenTheSourceHasRows() throws {
        let v = try EvaluationFixture.compute(periods)
        // Contributions exist in 2008–09 but no request: a real zero.
        #expect(v.total("t.requests", "2008-2009")?.value == 0)
        #expect(v.total("t.requests", "2008-2009")?.status == .normal)
        #expect(v.total("t.requests", "phase-1")?.value == 3)
        #expect(v.total("t.answered", "2008-2009")?.value == 0)
        #expect(v.total("t.answered", "2010-2011")?.value == 3)
        // No contribution at all in 2012–13: no data, never a silent 0.
        for id in ["t.providers", "t.requests", "t.answered"] {
            let value = try #require(v.total(id, "2012-2013"))
            #expect(value.status == .noData, "\(id)")
            #expect(value.value == nil, "\(id)")
        }
        // A stock carries over: the three products are still available.
        #expect(v.total("t.products", "2012-2013")?.value == 3)
        // A median over no request is not a value either.
        #expect(v.total("t.median_days", "2008-2009")?.status == .noData)
    }

    @Test func aSumOverNoMatchingRowIsZero() throws {
        let waiting = """
            [objective]
            id = "member_responsiveness"
            goal = 2
            title = "Waiting"

            [[indicator]]
            id = "t.waiting_days"
            title = "Days requests waited, added up"
            kind = "sum"
            table = "contributions"
            measure = "sum((epoch(closed_ts) - epoch(ts)) / 86400)"
            filter = "kind = 'request'"
            breakdowns = ["region"]
            """
        let v = try EvaluationFixture.compute(periods, breakdowns: .defaults, extra: ["waiting.toml": waiting])
        // 2008–09 has contributions but no request: SQL's sum is NULL, the figure is 0.
        #expect(v.total("t.waiting_days", "2008-2009")?.value == 0)
        #expect(v.total("t.waiting_days", "2008-2009")?.status == .normal)
        #expect(v.cell("t.waiting_days", "2008-2009", "region", "African States")?.value == 0)
        // 10 + 4 + 20 days in 2010–11, the only requests of phase I; Africa's is Kenya's 20.
        #expect(v.total("t.waiting_days", "2010-2011")?.value == 34)
        #expect(v.total("t.waiting_days", "phase-1")?.value == 34)
        #expect(v.cell("t.waiting_days", "phase-1", "region", "African States")?.value == 20)
        // No contribution at all in 2012–13: no data.
        #expect(v.total("t.waiting_days", "2012-2013")?.status == .noData)
    }

    @Test func medianDuration() throws {
        let v = try EvaluationFixture.compute(["2010-2011"])
        // 10, 4 and 20 days.
        #expect(v.total("t.median_days", "2010-2011")?.value == 10)
    }

    @Test func percentagesKeepNumeratorDenominatorAndN() throws {
        let v = try EvaluationFixture.compute(["2010-2011"])
        let p = try #require(v.total("t.success", "2010-2011"))
        // Seven human requests, five of them below 400.
        #expect(p.numerator == 5)
        #expect(p.denominator == 7)
        #expect(p.n == 7)
        #expect(abs((p.value ?? 0) - 500.0 / 7) < 1e-9)
    }

    @Test func fallbackSourceBeforeLogsExist() throws {
        let v = try EvaluationFixture.compute(periods)
        #expect(v.total("t.visits", "2010-2011")?.value == 3)
        #expect(v.total("t.visits", "2006-2007")?.value == 150)
        #expect(v.total("t.visits", "pilot")?.value == 150)
        #expect(v.total("t.visits", "2008-2009")?.status == .noData)
        #expect(v.total("t.visits", "phase-1")?.value == 3)
    }

    @Test func surveyImprovementWithWilsonInterval() throws {
        let v = try EvaluationFixture.compute(periods)
        let mid = try #require(v.total("t.value", "mid-term-1"))
        #expect(mid.numerator == 45)
        #expect(mid.n == 60)
        #expect(mid.excluded == 5)
        #expect(mid.respondents == 65)
        #expect(mid.value == 75)
        #expect(abs((mid.lower ?? 0) - 62.77) < 0.01)
        #expect(abs((mid.upper ?? 0) - 84.22) < 0.01)
        #expect(mid.status == .normal)
        // The whole phase: 45 improved of 72 valid.
        let major = try #require(v.total("t.value", "major-1"))
        #expect(major.n == 72)
        #expect(major.value == 62.5)
        // Twelve valid answers in 2010–11: too few to publish.
        let small = try #require(v.total("t.value", "2010-2011"))
        #expect(small.status == .suppressed)
        #expect(small.value == nil)
        #expect(small.n == 12)
    }

    @Test func smallBreakdownCellsAreSuppressed() throws {
        let v = try EvaluationFixture.compute(["mid-term-1"])
        let africa = try #require(v.cell("t.value", "mid-term-1", "region", "African States"))
        #expect(africa.value == 80)
        #expect(africa.n == 40)
        let weog = try #require(v.cell("t.value", "mid-term-1", "region", "Western European and other States"))
        #expect(weog.status == .suppressed)
        #expect(weog.value == nil)
        #expect(weog.n == 20)
        #expect(weog.excluded == 5)
    }

    @Test func unfinishedPeriodsAreProvisional() throws {
        let v = try EvaluationFixture.compute(["2008-2009", "2010-2011"], asOf: "2011-06-01")
        #expect(v.total("t.providers", "2008-2009")?.status == .normal)
        #expect(v.total("t.providers", "2010-2011")?.status == .provisional)
    }

    @Test func defaultAsOfComesFromTheData() throws {
        let (catalogue, _) = try EvaluationFixture.catalogue()
        let c = try IndicatorComputation(catalogue: catalogue, schedule: Schedule(), catalog: EvaluationFixture.catalog)
        // The latest row is the contribution of 2011-11-01; one day later.
        #expect(c.asOf == EvaluationFixture.ts("2011-11-02"))
    }

    @Test func targetsAreReadPerPhase() throws {
        let v = try EvaluationFixture.compute(["major-1", "2010-2011"])
        #expect(v.total("t.requests", "major-1")?.target == 4)
        #expect(v.total("t.requests", "2010-2011")?.target == 4)
    }

    @Test func valuesMatchAnIndependentQueryPerPeriod() throws {
        // The fused passes must give what a plain query per period gives.
        let schedule = Schedule()
        let engine = QueryEngine(catalog: EvaluationFixture.catalog, calendar: schedule.calendar)
        let v = try EvaluationFixture.compute(periods)
        for id in periods {
            let p = try #require(schedule.period(id: id))
            let r = try engine.execute("SELECT count(DISTINCT actor) FROM contributions WHERE kind = 'information' AND ts >= :from AND ts < :to",
                                       parameters: ["from": .timestamp(p.start), "to": .timestamp(p.end)])
            let expected = r.rows.first?.first?.doubleValue ?? 0
            let got = v.total("t.providers", id)
            if got?.status == .noData { #expect(expected == 0) } else { #expect(got?.value == expected, "\(id)") }
        }
    }

    @Test func aSharedMemoAnswersRepeatedQueriesWithoutRunningThem() throws {
        let (catalogue, _) = try EvaluationFixture.catalogue()
        let schedule = Schedule()
        let periods = ["2008-2009", "phase-1", "major-1"].compactMap { schedule.period(id: $0) }
        let memo = QueryMemo()
        let first = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: EvaluationFixture.catalog, memo: memo)
            .compute(periods: periods)
        let queries = memo.count
        #expect(queries > 0)
        let second = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: EvaluationFixture.catalog, memo: memo)
            .compute(periods: periods)
        #expect(memo.count == queries)
        #expect(first.map(\.value) == second.map(\.value))
        #expect(first.map(\.indicator) == second.map(\.indicator))
        // Without the memo the same values come from fresh queries.
        let fresh = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: EvaluationFixture.catalog).compute(periods: periods)
        #expect(fresh.map(\.value) == first.map(\.value))
    }

    /// `--profile`: every statement run once, with the rows its result has
    /// (checked by running the statement again), and nothing for memo hits.
    @Test func theProfileRecordsEachStatementWithItsRows() throws {
        let (catalogue, _) = try EvaluationFixture.catalogue()
        let schedule = Schedule()
        let periods = ["2008-2009", "phase-1", "major-1"].compactMap { schedule.period(id: $0) }
        let memo = QueryMemo(), profile = QueryProfile()
        let computation = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: EvaluationFixture.catalog,
                                                   memo: memo, profile: profile)
        _ = try computation.compute(periods: periods)
        let entries = profile.entries
        #expect(entries.count == memo.count)
        // Free SQL runs once per period, with its parameters: the text alone repeats.
        #expect(Set(entries.filter { !$0.sql.contains(":from") }.map(\.sql)).count == entries.filter { !$0.sql.contains(":from") }.count)
        #expect(entries.map(\.start) == entries.map(\.start).sorted())
        let engine = QueryEngine(catalog: computation.catalog, calendar: schedule.calendar)
        for e in entries where !e.sql.contains(":from") {
            #expect(e.rows == (try engine.execute(e.sql)).rowCount, "\(e.sql)")
            #expect(e.seconds >= 0)
        }
        _ = try computation.compute(periods: periods)
        #expect(profile.entries.count == entries.count)
        #expect(profile.report().split(separator: "\n").count == entries.count + 1)
    }

    @Test func respondentsOfDifferentExportsAreDifferentPeople() throws {
        // Two exports of one survey (online and workshop) both number their respondents 1, 2, 3.
        let columns: [(String, DataType)] = [("survey", .string), ("response", .string), ("submitted", .timestamp), ("user_group", .string),
                                             ("region", .string), ("question", .string), ("objective", .string), ("answer", .string),
                                             ("improved", .bool), ("exclusion", .string), ("batch", .int64)]
        var rows: [[Value]] = []
        for batch in [7, 8] {
            for r in 1...3 {
                rows.append([.string("chm-user-survey"), .string("\(r)"), EvaluationFixture.t("2009-05-10"), .string("NGO"), .string("African States"),
                             .string("Q1"), .string("value_added"), .string("improved"), .bool(true), .null, .int(Int64(batch))])
            }
        }
        let (catalogue, _) = try EvaluationFixture.catalogue()
        let schedule = Schedule()
        let catalog = MemoryCatalog([EvaluationFixture.table("responses", columns, rows)])
        let period = try #require(schedule.period(id: "mid-term-1"))
        let values = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: catalog, asOf: EvaluationFixture.ts("2030-01-01"))
            .compute(periods: [period], breakdowns: .totals)
        #expect(values.total("t.value", "mid-term-1")?.respondents == 6)
    }
}
