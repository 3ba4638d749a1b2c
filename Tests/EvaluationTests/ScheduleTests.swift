import Columnar
import Evaluation
import Foundation
import Testing

@Suite struct ScheduleTests {
    static let repositoryFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Indicators/schedule.toml").path

    func ts(_ s: String) -> Int64 { CivilTime.parse(s)! }

    @Test func shippedScheduleIsThePlans() throws {
        let schedule = try Schedule.load(path: Self.repositoryFile)
        #expect(schedule == Schedule())
        #expect(schedule.calendar == PeriodCalendar.standard)
    }

    @Test func phasesFollowThePlan() throws {
        let calendar = Schedule().calendar
        let expected: [(String, String, String, String)] = [
            ("pilot", "Pilot phase", "2006-01-01", "2008-01-01"),
            ("phase-1", "Phase I", "2008-01-01", "2012-01-01"),
            ("phase-2", "Phase II", "2012-01-01", "2016-01-01"),
            ("phase-5", "Phase V", "2024-01-01", "2028-01-01"),
        ]
        for (id, name, start, end) in expected {
            let p = try #require(calendar.phases.first { $0.id == id })
            #expect(p.name == name)
            #expect(p.start == ts(start))
            #expect(p.end == ts(end))
        }
        #expect(calendar.phaseIndex(of: ts("2005-12-31 23:59:59")) == nil)
        #expect(calendar.phases[calendar.phaseIndex(of: ts("2011-12-31 23:59:59"))!].id == "phase-1")
    }

    @Test func cyclesAreBienniumsStartingInEvenYears() {
        let calendar = Schedule().calendar
        #expect(calendar.cycles[calendar.cycleIndex(of: ts("2024-06-30"))!].id == "2024-2025")
        #expect(calendar.cycles[calendar.cycleIndex(of: ts("2025-12-31 23:59:59"))!].id == "2024-2025")
        #expect(calendar.cycles[calendar.cycleIndex(of: ts("2026-01-01"))!].id == "2026-2027")
        #expect(calendar.cycles[calendar.cycleIndex(of: ts("1999-03-01"))!].name == "1998\u{2013}1999")
    }

    @Test func cycleAndPhaseInSQL() throws {
        var b = ColumnBuilder(type: .timestamp)
        for s in ["2007-05-01", "2009-01-01", "2024-02-29", "2001-01-01"] { b.append(integer: ts(s)) }
        let engine = QueryEngine(catalog: MemoryCatalog([Table(name: "t", columns: [("ts", b.build())])]), calendar: Schedule().calendar)
        let r = try engine.execute("SELECT cycle(ts), phase(ts), cycle_start(ts) FROM t")
        #expect(r.rows == [
            [.string("2006-2007"), .string("pilot"), .timestamp(ts("2006-01-01"))],
            [.string("2008-2009"), .string("phase-1"), .timestamp(ts("2008-01-01"))],
            [.string("2024-2025"), .string("phase-5"), .timestamp(ts("2024-01-01"))],
            [.string("2000-2001"), .null, .timestamp(ts("2000-01-01"))],
        ])
    }

    @Test func otherRulesChangeThePeriods() throws {
        let s = try Schedule.parse("""
        [cycles]
        first_year = 2010
        years = 3
        [phases]
        pilot_cycles = 0
        cycles_per_phase = 1
        """)
        let calendar = s.calendar
        #expect(calendar.cycles[calendar.cycleIndex(of: ts("2013-01-01"))!].id == "2013-2015")
        #expect(calendar.phases.first?.id == "phase-1")
        #expect(calendar.phases.first?.start == ts("2010-01-01"))
        #expect(calendar.phases.first?.end == ts("2013-01-01"))
    }

    @Test func badFilesSayWhatIsWrong() {
        #expect(throws: ScheduleError.self) { try Schedule.parse("[cycles]\nyears = 0\n[phases]\n") }
        #expect(throws: ScheduleError.self) { try Schedule.parse("[cycles\nyears = 2") }
        #expect(throws: ScheduleError.self) { try Schedule.parse("") }
        #expect(throws: ScheduleError.self) { try Schedule.load(path: "/nonexistent/schedule.toml") }
        do {
            _ = try Schedule.parse("[cycles]\nyears = 11\n[phases]\n", path: "x.toml")
        } catch let e as ScheduleError {
            #expect(e.description == "x.toml: cycles.years must be between 1 and 10, not 11")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
