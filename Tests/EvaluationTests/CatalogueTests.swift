import Columnar
import Evaluation
import Foundation
import Testing

/// The shipped catalogue: it loads, covers the plan and every query binds.
@Suite struct CatalogueTests {
    static let indicators = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Indicators").path

    @Test func shippedCatalogueCoversEveryObjectiveOfThePlan() throws {
        let catalogue = try Catalogue.load(directory: Self.indicators)
        #expect(catalogue.objectives.map(\.id) == Catalogue.objectiveOrder)
        #expect(catalogue.objectives.filter { $0.goal == 1 }.count == 7)
        #expect(catalogue.objectives.filter { $0.goal == 2 }.count == 4)
        #expect(catalogue.indicators.count >= 35)
        // The plan's possible indicators (section IV), one entry each.
        let planned = [
            "value_added.improved", "value_added.gaps_identified", "value_added.gaps_addressed", "value_added.sources_integrated",
            "use.providers", "use.visitors", "use.products", "use.user_groups",
            "quality.improved", "quality.feedback",
            "speed_facility.improved", "speed_facility.successful_requests", "speed_facility.search_success",
            "speed_facility.accepted_contributions", "speed_facility.features",
            "responsiveness.improved", "responsiveness.individual_requests", "responsiveness.collective_requests", "responsiveness.median_days",
            "integration.improved", "integration.features",
            "volume.documents", "volume.sources", "volume.records",
            "membership.focal_points", "membership.members",
            "member_responsiveness.individual", "member_responsiveness.collective", "member_responsiveness.countries", "member_responsiveness.regions",
            "awareness_use.informed", "awareness_use.materials_events", "awareness_use.requests", "awareness_use.visits",
            "awareness_use.visitors", "awareness_use.pageviews", "awareness_use.downloads",
            "collaboration.partners", "collaboration.agreements", "collaboration.joint_projects",
        ]
        for id in planned { #expect(catalogue.indicator(id) != nil, "missing \(id)") }
        // Survey indicators exist for every perception the plan asks about.
        let surveyed = catalogue.indicators.filter { $0.kind == .surveyImprovement }.map(\.objective)
        #expect(Set(surveyed) == ["value_added", "quality", "speed_facility", "responsiveness", "integration"])
        // Metadata a reader of the report needs.
        for i in catalogue.indicators {
            #expect(!i.definition.isEmpty && !i.method.isEmpty && !i.sources.isEmpty, "\(i.id) lacks metadata")
        }
    }

    @Test func everyQueryBindsAgainstTheCanonicalTables() throws {
        let catalogue = try Catalogue.load(directory: Self.indicators)
        let problems = catalogue.check(against: MemoryCatalog(), schedule: Schedule())
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test func anEmptyWorkspaceGivesNoDataNeverZero() throws {
        let catalogue = try Catalogue.load(directory: Self.indicators)
        let tables = ["hits", "traffic", "responses", "contributions"].compactMap(CanonicalTables.emptyTable)
        let c = try IndicatorComputation(catalogue: catalogue, schedule: Schedule(), catalog: MemoryCatalog(tables), asOf: 0)
        let values = try c.compute(periods: [Schedule().period(id: "major-2")!])
        #expect(values.count == catalogue.indicators.count)
        #expect(values.allSatisfy { $0.status == .noData && $0.value == nil })
    }

    @Test func aWrongColumnIsReportedAtTheIndicatorsLine() throws {
        let broken = EvaluationFixture.catalogueText.replacingOccurrences(of: "count(DISTINCT actor)", with: "count(DISTINCT actors)")
        let (good, dir) = try EvaluationFixture.catalogue()
        #expect(good.check(against: EvaluationFixture.catalog, schedule: Schedule()).isEmpty)
        try broken.write(toFile: dir + "/use.toml", atomically: true, encoding: .utf8)
        let catalogue = try Catalogue.load(directory: dir)
        let problems = catalogue.check(against: EvaluationFixture.catalog, schedule: Schedule())
        #expect(problems.count >= 1)
        let first = try #require(problems.first)
        #expect(first.file.hasSuffix("use.toml"))
        #expect(first.line == 7)  // the line of id = "t.providers"
        #expect(first.message.contains("t.providers"))
        #expect(first.message.contains("actors"))
    }

    @Test func badDefinitionsAreAllReportedWithFileAndLine() throws {
        let text = """
            [objective]
            id = "use"
            goal = 1
            title = "Use"

            [[indicator]]
            id = "a"
            title = "A"
            kind = "tally"
            table = "contributions"
            measure = "count(*)"

            [[indicator]]
            id = "b"
            title = "B"
            kind = "percentage"
            table = "contributions"
            measure = "count(*)"
            """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chm-bad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try text.write(toFile: dir + "/use.toml", atomically: true, encoding: .utf8)
        try EvaluationFixture.breakdownsText.write(toFile: dir + "/breakdowns.toml", atomically: true, encoding: .utf8)
        #expect {
            try Catalogue.load(directory: dir)
        } throws: { error in
            guard let p = error as? Catalogue.Problems else { return false }
            let text = p.description
            return p.errors.count == 2 && text.contains("use.toml:9: indicator a: kind \"tally\"")
                && text.contains("indicator b: a percentage needs a denominator")
        }
    }

    @Test func malformedTOMLSaysWhere() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chm-bad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "[objective]\nid = \"use\"\ngoal = = 1\n".write(toFile: dir + "/use.toml", atomically: true, encoding: .utf8)
        #expect {
            try Catalogue.load(directory: dir)
        } throws: { error in
            "\(error)".contains("use.toml:3")
        }
    }
}

@Suite struct IndicatorRequestTests {
    @Test func periodsByIdAndDefaults() throws {
        let (catalogue, _) = try EvaluationFixture.catalogue()
        let schedule = Schedule()
        let r = try IndicatorRequest(periods: ["mid-term-1,2010-2011", "phase-1"], objectives: [], indicators: [],
                                     catalogue: catalogue, schedule: schedule, asOf: EvaluationFixture.ts("2012-06-01"))
        #expect(r.periods.map(\.id) == ["mid-term-1", "2010-2011", "phase-1"])
        #expect(r.indicators.count == catalogue.indicators.count)
        let defaults = try IndicatorRequest(periods: [], objectives: [], indicators: ["t.value"], catalogue: catalogue,
                                            schedule: schedule, asOf: EvaluationFixture.ts("2012-06-01"))
        #expect(defaults.periods.map(\.id) == ["2006-2007", "2008-2009", "2010-2011", "2012-2013", "pilot", "phase-1", "phase-2"])
        #expect(defaults.indicators.map(\.id) == ["t.value"])
    }

    @Test func unknownNamesListWhatExists() throws {
        let (catalogue, _) = try EvaluationFixture.catalogue()
        #expect {
            try IndicatorRequest(periods: ["phase-9x"], objectives: [], indicators: [], catalogue: catalogue, schedule: Schedule(), asOf: 0)
        } throws: { "\($0)".contains("unknown period \"phase-9x\"") && "\($0)".contains("mid-term") }
        #expect {
            try IndicatorRequest(periods: [], objectives: ["usage"], indicators: [], catalogue: catalogue, schedule: Schedule(), asOf: 0)
        } throws: { "\($0)".contains("objectives: use") }
        #expect {
            try IndicatorRequest(periods: [], objectives: [], indicators: ["t.nope"], catalogue: catalogue, schedule: Schedule(), asOf: 0)
        } throws: { "\($0)".contains("t.providers") }
    }
}
