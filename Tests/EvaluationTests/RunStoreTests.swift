import Columnar
import Evaluation
import Foundation
import Store
import Testing

/// Saved runs keep the values and what they were computed from.
@Suite struct RunStoreTests {
    /// A workspace holding the fixture's contributions as one batch.
    func workspace() throws -> (Workspace, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chm-runs-\(UUID().uuidString).db").path
        let ws = try Workspace.open(path: path, create: true)
        _ = try ws.append(to: "contributions", batch: BatchDescription(source: "test", fileName: "log.csv", sha256: "abc")) { writer in
            try writer.write(EvaluationFixture.contributions)
        }
        return (ws, path)
    }

    @Test func saveListAndReadBack() throws {
        let (ws, _) = try workspace()
        let (catalogue, _) = try EvaluationFixture.catalogue()
        let schedule = Schedule()
        let c = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: ws, asOf: EvaluationFixture.ts("2030-01-01"))
        let periods = [schedule.period(id: "major-1")!, schedule.period(id: "2010-2011")!]
        let values = try c.compute(periods: periods, breakdowns: .totals)
        let saved = try RunStore.save(values, periods: periods, computation: c, workspace: ws)
        #expect(!saved.alreadySaved)
        let again = try RunStore.save(values, periods: periods, computation: c, workspace: ws)
        #expect(again.alreadySaved)
        #expect(again.run == saved.run)

        let runs = try RunStore.runs(ws)
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run.values == values.count)
        #expect(run.periods == ["major-1", "2010-2011"])
        #expect(run.catalogueHash == catalogue.hash)
        #expect(run.inputBatches == [1])
        #expect(run.asOf == EvaluationFixture.ts("2030-01-01"))

        let stored = try RunStore.values(run: run.id, workspace: ws)
        #expect(stored.rowCount == values.count)
        let indicator = try #require(stored.columns.firstIndex { $0.name == "indicator" })
        let period = try #require(stored.columns.firstIndex { $0.name == "period" })
        let value = try #require(stored.columns.firstIndex { $0.name == "value" })
        let row = try #require((0..<stored.rowCount).first {
            stored.value(row: $0, column: indicator) == .string("t.providers") && stored.value(row: $0, column: period) == .string("major-1")
        })
        #expect(stored.value(row: row, column: value) == .float(3))
    }

    @Test func newDataMakesANewRun() throws {
        let (ws, _) = try workspace()
        let (catalogue, _) = try EvaluationFixture.catalogue()
        let schedule = Schedule()
        let periods = [schedule.period(id: "phase-1")!]
        let c = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: ws, asOf: 0)
        let first = try RunStore.save(try c.compute(periods: periods), periods: periods, computation: c, workspace: ws)
        _ = try ws.append(to: "contributions", batch: BatchDescription(source: "test", fileName: "more.csv", sha256: "def")) { writer in
            try writer.write(EvaluationFixture.contributions)
        }
        let second = try RunStore.save(try c.compute(periods: periods), periods: periods, computation: c, workspace: ws)
        #expect(!second.alreadySaved)
        #expect(second.run != first.run)
        #expect(try RunStore.runs(ws).map(\.inputBatches) == [[1], [1, 3]])
    }
}

@Suite struct ProjectDirectoryTests {
    func tree() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("chm-project-\(UUID().uuidString)").path
        for dir in ["Indicators", "repo/.build/release", "elsewhere/deep"] {
            try FileManager.default.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        try FileManager.default.createDirectory(atPath: root + "/repo/Indicators", withIntermediateDirectories: true)
        return root
    }

    @Test func flagThenEnvironmentThenHereThenBesideTheProgram() throws {
        let root = try tree()
        let locator = ProjectDirectory.indicators
        #expect(try locator.locate(explicit: root + "/repo/Indicators", environment: [:], currentDirectory: "/", executable: "") == root + "/repo/Indicators")
        #expect(try locator.locate(environment: ["CHM_INDICATORS": root + "/Indicators"], currentDirectory: "/", executable: "") == root + "/Indicators")
        // From a sub-folder, the nearest parent's Indicators/.
        #expect(try locator.locate(environment: [:], currentDirectory: root + "/elsewhere/deep", executable: "") == root + "/Indicators")
        // From /, the checkout the program was built in.
        #expect(try locator.locate(environment: [:], currentDirectory: "/", executable: root + "/repo/.build/release/chm") == root + "/repo/Indicators")
    }

    @Test func notFoundSaysWhereItLooked() throws {
        #expect {
            try ProjectDirectory(name: "NoSuchFolder-chm", environmentVariable: "CHM_NOPE").locate(environment: [:], currentDirectory: "/tmp", executable: "")
        } throws: { "\($0)".contains("/tmp/NoSuchFolder-chm") && "\($0)".contains("CHM_NOPE") }
        #expect {
            try ProjectDirectory.indicators.locate(explicit: "/no/such/dir", environment: [:], currentDirectory: "/", executable: "")
        } throws: { "\($0)".contains("/no/such/dir is not a directory") }
    }
}
