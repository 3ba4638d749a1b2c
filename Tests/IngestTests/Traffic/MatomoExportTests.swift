import Columnar
import Foundation
@testable import Ingest
import Store
import Testing

/// Matomo exports as Matomo writes them (see Samples/); expected figures are
/// added up by hand from the sample rows.
@Suite struct MatomoExportTests {
    typealias S = TrafficScratch

    @Test func visitsSummaryByDayInUTF16() throws {
        let s = try S()
        let outcome = try s.ingest(S.sample("matomo-visits-summary-day.csv"))
        #expect(outcome.layout == .matomo)
        #expect(outcome.report == .summary)
        // Matomo leaves out a day without data (3 March): four rows.
        #expect(outcome.ingest.batch.rows == 4)
        #expect(try s.query("SELECT date, site, source, period, visits, visitors, pageviews, downloads, searches FROM traffic ORDER BY date") == [
            [S.day(2024, 3, 1), .string("chm"), .string("matomo"), .string("day"), .int(52), .int(41), .null, .null, .null],
            [S.day(2024, 3, 2), .string("chm"), .string("matomo"), .string("day"), .int(20), .int(18), .null, .null, .null],
            [S.day(2024, 3, 4), .string("chm"), .string("matomo"), .string("day"), .int(77), .int(63), .null, .null, .null],
            [S.day(2024, 3, 5), .string("chm"), .string("matomo"), .string("day"), .int(70), .int(58), .null, .null, .null],
        ])
        // 52 + 20 + 77 + 70 and 41 + 18 + 63 + 58.
        #expect(try s.query("SELECT sum(visits), sum(visitors) FROM traffic") == [[.int(219), .int(180)]])
    }

    @Test func apiGetByMonthWithTranslatedHeaders() throws {
        let s = try S()
        let outcome = try s.ingest(S.sample("matomo-api-get-month.csv"))
        #expect(outcome.report == .summary)
        #expect(try s.query("SELECT date, period, visits, visitors, pageviews, downloads, searches FROM traffic ORDER BY date") == [
            [S.day(2009, 1, 1), .string("month"), .int(1590), .int(1204), .int(5102), .int(611), .int(108)],
            [S.day(2009, 2, 1), .string("month"), .int(1432), .int(1113), .int(4699), .int(570), .int(100)],
            [S.day(2009, 3, 1), .string("month"), .int(1711), .int(1302), .int(5640), .int(702), .int(102)],
        ])
        // 5102 + 4699 + 5640; 611 + 570 + 702; 108 + 100 + 102.
        #expect(try s.query("SELECT sum(pageviews), sum(downloads), sum(searches) FROM traffic WHERE period = 'month'") == [[.int(15441), .int(1883), .int(310)]])
    }

    @Test func weeksAreStoredOnTheirMonday() throws {
        let s = try S()
        try s.ingest(S.sample("matomo-visits-summary-week.csv"))
        #expect(try s.query("SELECT date, period, visits, visitors FROM traffic ORDER BY date") == [
            [S.day(2024, 3, 4), .string("week"), .int(301), .int(220)],
            [S.day(2024, 3, 11), .string("week"), .int(260), .int(198)],
        ])
    }

    @Test func pagesAndDownloadsReportsAddUpPerDay() throws {
        let s = try S()
        let pages = try s.ingest(S.sample("matomo-pages-day.csv"))
        #expect(pages.report == .pages)
        let downloads = try s.ingest(S.sample("matomo-downloads-day.csv"))
        #expect(downloads.report == .downloads)
        try s.ingest(S.sample("matomo-visits-summary-day.csv"))
        // Pages: 41 + 19 + 11 on 1 March, 17 + 6 on 2 March. Downloads: 7 + 2, then 3.
        #expect(try s.query("SELECT date, pageviews FROM traffic WHERE pageviews IS NOT NULL ORDER BY date") == [[S.day(2024, 3, 1), .int(71)], [S.day(2024, 3, 2), .int(23)]])
        #expect(try s.query("SELECT date, downloads FROM traffic WHERE downloads IS NOT NULL ORDER BY date") == [[S.day(2024, 3, 1), .int(9)], [S.day(2024, 3, 2), .int(3)]])
        // Unique page views (nb_visits of the Pages report) are not visits: visits come from the summary only.
        #expect(try s.query("SELECT sum(visits), sum(pageviews), sum(downloads) FROM traffic WHERE period = 'day'") == [[.int(219), .int(94), .int(12)]])
        // Three files about different measures: no warning of repeated days.
        #expect(pages.warnings.isEmpty && downloads.warnings.isEmpty)
    }

    @Test func repeatedDaysAreWarnedAbout() throws {
        let s = try S()
        try s.ingest(S.sample("matomo-pages-day.csv"))
        // The same report exported again (a trailing blank line makes it another file): stored, with a warning.
        let copy = try s.file("pages-again.csv", String(contentsOfFile: S.sample("matomo-pages-day.csv"), encoding: .utf8) + "\n")
        let again = try s.ingest(copy)
        #expect(again.ingest.batch.rows == 2)
        #expect(again.warnings == ["2 periods are already in traffic for site chm with the same measures: 2024-03-01 (day), 2024-03-02 (day); sums over both batches count them twice"])
    }

    @Test func reportAndLayoutOverrides() throws {
        let s = try S()
        // A bare label,nb_visits,nb_hits table cannot be told apart without the name or --report.
        let bare = try s.file("export.csv", "date,label,nb_visits,nb_hits\n2024-03-01,/a,3,5\n2024-03-01,/b,1,2\n")
        #expect(throws: IngestError.self) { try s.ingest(bare) }
        let outcome = try s.ingest(bare, layout: .matomo, report: .downloads)
        #expect(outcome.report == .downloads)
        #expect(try s.query("SELECT downloads, pageviews FROM traffic") == [[.int(7), .null]])
    }

    @Test func badRowsAreRejectedWithTheirLine() throws {
        let s = try S()
        let path = try s.file("bad.csv", """
        date,nb_uniq_visitors,nb_visits
        2024-02-28,3,4
        2024-02-30,3,4
        2024-03-01,three,4
        2024-03-02,5
        "2024-03-04,2024-03-12",1,2
        2024-03-05,-1,2
        2024-03-06,"1,204",1500.0
        """)
        let outcome = try s.ingest(path, rejectRate: 1)
        let reasons = try s.workspace.rejects(batch: outcome.ingest.batch.id).map { "\($0.line): \($0.reason)" }
        #expect(reasons == [
            "3: date \"2024-02-30\" is not a Matomo period (2024-03-05, 2024-03, 2024, or a Monday-to-Sunday week 2024-03-04,2024-03-10)",
            "4: nb_uniq_visitors \"three\" is not a count (a whole number, 0 or more)",
            "5: expected 3 fields, found 2",
            "6: date \"2024-03-04,2024-03-12\" is not a Matomo period (2024-03-05, 2024-03, 2024, or a Monday-to-Sunday week 2024-03-04,2024-03-10)",
            "7: nb_uniq_visitors \"-1\" is not a count (a whole number, 0 or more)",
        ])
        #expect(try s.query("SELECT date, visitors, visits FROM traffic ORDER BY date") == [
            [S.day(2024, 2, 28), .int(3), .int(4)], [S.day(2024, 3, 6), .int(1204), .int(1500)],
        ])
    }

    @Test func periodLabelsOfEveryKind() throws {
        let s = try S()
        let path = try s.file("labels.csv", """
        date,nb_visits
        2023,900
        2024-02,80
        "2024-03-01,2024-03-31",70
        "2024-04-01,2024-04-01",3
        "2024-01-01,2024-12-31",1000
        """)
        let outcome = try s.ingest(path)
        #expect(try s.query("SELECT date, period, visits FROM traffic ORDER BY date, period") == [
            [S.day(2023, 1, 1), .string("year"), .int(900)],
            [S.day(2024, 1, 1), .string("year"), .int(1000)],
            [S.day(2024, 2, 1), .string("month"), .int(80)],
            [S.day(2024, 3, 1), .string("month"), .int(70)],
            [S.day(2024, 4, 1), .string("day"), .int(3)],
        ])
        // The batch records the tool detected.
        #expect(try s.workspace.batch(id: outcome.ingest.batch.id)?.source == "matomo")
    }

    @Test func noDataAvailable() throws {
        let s = try S()
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in "No data available".utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect(throws: IngestError.self) { try s.ingest(try s.file("empty-export.csv", bytes: utf16)) }
        do {
            try s.ingest(try s.file("empty-export2.csv", "No data available"))
        } catch let error as IngestError {
            #expect(error.message.hasPrefix("the export says \"No data available\""))
        }
        #expect(try s.count() == 0)
    }
}
