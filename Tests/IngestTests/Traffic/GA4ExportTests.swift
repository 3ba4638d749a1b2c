import Columnar
import Foundation
@testable import Ingest
import Store
import Testing

/// GA4 CSV downloads as GA4 writes them (see Samples/); expected figures are
/// read off the sample tables by hand.
@Suite struct GA4ExportTests {
    typealias S = TrafficScratch

    @Test func reportsSnapshotWithSeveralTables() throws {
        let s = try S()
        let outcome = try s.ingest(S.sample("ga4-reports-snapshot.csv"))
        #expect(outcome.layout == .ga4)
        #expect(outcome.ingest.batch.rows == 3)
        // The Date/Sessions table gives visits, users and views; the Event name table the
        // file_download and view_search_results counts; "Nth day" and Country tables are skipped.
        #expect(try s.query("SELECT date, source, period, visits, visitors, pageviews, downloads, searches FROM traffic ORDER BY date") == [
            [S.day(2024, 3, 1), .string("ga4"), .string("day"), .int(120), .int(95), .int(410), .int(14), .int(9)],
            [S.day(2024, 3, 2), .string("ga4"), .string("day"), .int(66), .int(54), .int(198), .int(5), .null],
            [S.day(2024, 3, 3), .string("ga4"), .string("day"), .int(61), .int(50), .int(170), .int(3), .int(2)],
        ])
        // 120 + 66 + 61; 410 + 198 + 170; 14 + 5 + 3; 9 + 2.
        #expect(try s.query("SELECT sum(visits), sum(pageviews), sum(downloads), sum(searches) FROM traffic") == [[.int(247), .int(778), .int(22), .int(11)]])
        #expect(outcome.warnings.count == 2)
        #expect(outcome.warnings.allSatisfy { $0.hasPrefix("skipped the table") })
        #expect(outcome.warnings[0].contains("\"Nth day,Active users\" at line 10"))
    }

    @Test func tableSplitByPageLosesVisitorsButAddsViews() throws {
        let s = try S()
        let outcome = try s.ingest(S.sample("ga4-pages-and-screens.csv"))
        // 50 + 22 views on 4 March, 41 on 5 March; users of single pages do not add up to the site's.
        #expect(try s.query("SELECT date, visits, visitors, pageviews FROM traffic ORDER BY date") == [
            [S.day(2024, 3, 4), .null, .null, .int(72)], [S.day(2024, 3, 5), .null, .null, .int(41)],
        ])
        #expect(outcome.warnings.count == 1)
        #expect(outcome.warnings[0].contains("split by Page path and screen class"))
    }

    @Test func yearMonthRowsAreMonths() throws {
        let s = try S()
        try s.ingest(S.sample("ga4-traffic-month.csv"))
        #expect(try s.query("SELECT date, period, visits, visitors, pageviews, downloads FROM traffic ORDER BY date") == [
            [S.day(2024, 1, 1), .string("month"), .int(2010), .int(1502), .int(7010), .null],
            [S.day(2024, 2, 1), .string("month"), .int(1876), .int(1399), .int(6522), .null],
            [S.day(2024, 3, 1), .string("month"), .int(2231), .int(1620), .int(7781), .null],
        ])
    }

    @Test func daysAndMonthsStaySeparate() throws {
        let s = try S()
        try s.ingest(S.sample("ga4-reports-snapshot.csv"))
        try s.ingest(S.sample("ga4-traffic-month.csv"))
        // Summing one period at a time keeps March's days from doubling its month.
        #expect(try s.query("SELECT period, sum(visits) FROM traffic GROUP BY period ORDER BY period") == [
            [.string("day"), .int(247)], [.string("month"), .int(2010 + 1876 + 2231)],
        ])
    }

    @Test func columnNamesAndTotalsRows() throws {
        let s = try S()
        let path = try s.file("ga4.csv", """
        # Free form 1
        Day,Active users,Sessions,Event count (file_download),Views
        20240401,10,12,2,40
        20240402,11,13,0,45
        Grand total,21,25,2,85

        """)
        let outcome = try s.ingest(path)
        #expect(outcome.layout == .ga4)
        #expect(outcome.ingest.batch.rows == 2)
        #expect(try s.query("SELECT date, visits, visitors, pageviews, downloads FROM traffic ORDER BY date") == [
            [S.day(2024, 4, 1), .int(12), .int(10), .int(40), .int(2)], [S.day(2024, 4, 2), .int(13), .int(11), .int(45), .int(0)],
        ])
    }

    @Test func badGA4RowsAreRejected() throws {
        let s = try S()
        let path = try s.file("ga4.csv", """
        # ----------------------------------------
        # Traffic
        # ----------------------------------------
        Date,Sessions,Views
        20240401,12,40
        2024041,12,40
        20240431,1,2
        20240402,n/a,4
        """)
        let outcome = try s.ingest(path, rejectRate: 1)
        let reasons = try s.workspace.rejects(batch: outcome.ingest.batch.id).map { "\($0.line): \($0.reason)" }
        #expect(reasons == [
            "6: Date \"2024041\" is not a YYYYMMDD date",
            "7: Date \"20240431\" is not a YYYYMMDD date",
            "8: Sessions \"n/a\" is not a count (a whole number, 0 or more)",
        ])
        #expect(outcome.ingest.batch.rows == 1)
    }

    @Test func eventTablesNeedEventCounts() throws {
        let s = try S()
        let path = try s.file("events.csv", """
        # Events
        Date,Event name,Sessions
        20240401,file_download,3

        Date,Sessions
        20240401,12
        """)
        let outcome = try s.ingest(path)
        #expect(outcome.warnings == ["skipped the table \"Date,Event name,Sessions\" at line 2: an Event name table needs an Event count column"])
        #expect(try s.query("SELECT date, visits, downloads FROM traffic") == [[S.day(2024, 4, 1), .int(12), .null]])
    }
}
