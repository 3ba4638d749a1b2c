import Columnar
import Foundation
@testable import Ingest
import Store
import Testing

/// The sample logs, ingested whole; every expected value is worked out by
/// hand from the sample's lines (see the comments).
@Suite struct ContributionImportTests {
    @Test func csvSampleIsStoredNormalised() throws {
        let s = try ContributionScratch()
        let outcome = try ContributionImport.run(file: ContributionScratch.sample("contributions-2024.csv"), workspace: s.workspace)
        #expect(outcome.batch.rows == 12)
        #expect(outcome.batch.rejects == 0)
        // Regions: KE, the African group request, SN (AG) → African; BRA → GRULAC;
        // DE, TR (given Asia-Pacific), Turkey, CH, US → WEOG; VNM → Asia-Pacific; two without country.
        let regions = try s.query("SELECT region, count(*) FROM contributions GROUP BY region ORDER BY region")
        #expect(regions == [
            [.string("African States"), .int(3)],
            [.string("Asia-Pacific States"), .int(1)],
            [.string("Latin American and Caribbean States"), .int(1)],
            [.string("Western European and other States"), .int(5)],
            [.null, .int(2)],
        ])
        // Categories: Party, party, Party, government → Party; research, academia → research; regional center
        // → regional centre; NGO; Secretariat, secretariat; UN agency → UN body; industry.
        let categories = try s.query("SELECT actor_category, count(*) FROM contributions GROUP BY actor_category ORDER BY actor_category")
        #expect(categories == [
            [.string("NGO"), .int(1)], [.string("Party"), .int(4)], [.string("UN body"), .int(1)], [.string("industry"), .int(1)],
            [.string("regional centre"), .int(1)], [.string("research"), .int(2)], [.string("secretariat"), .int(2)],
        ])
        #expect(try s.query("SELECT country, region FROM contributions WHERE actor LIKE 'T%' OR kind = 'experience' ORDER BY ts") == [
            [.string("TR"), .string("Western European and other States")], [.string("TR"), .string("Western European and other States")],
        ])
        #expect(try s.query("SELECT country FROM contributions WHERE kind IN ('information', 'request', 'member_joined') ORDER BY ts")
            == [[.string("KE")], [.string("BR")], [.string("DE")], [.string("VN")]])
        // Only the collective_request line is collective (empty → true for that kind).
        #expect(try s.query("SELECT count(*) FROM contributions WHERE collective") == [[.int(1)]])
        #expect(try s.query("SELECT sum(amount) FROM contributions") == [[.float(85 + 1250)]])
        // 2024-01-20T09:30:00+03:00 is 06:30 UTC.
        #expect(try s.query("SELECT ts, sector FROM contributions WHERE country = 'BR'") == [[ContributionScratch.utc(2024, 1, 20, 6, 30), .string("government")]])
        // Answered 2024-02-03T10:00Z for a request of 2024-02-01T16:00Z: 42 hours.
        let request = try s.query("SELECT ts, closed_ts FROM contributions WHERE kind = 'request'")
        #expect(request == [[ContributionScratch.utc(2024, 2, 1, 16), ContributionScratch.utc(2024, 2, 3, 10)]])
        #expect(try s.query("SELECT actor, sector FROM contributions WHERE kind = 'feedback'") == [[.string("Smith, Anna"), .string("industry")]])
    }

    @Test func jsonLinesSampleIsStored() throws {
        let s = try ContributionScratch()
        let outcome = try ContributionImport.run(file: ContributionScratch.sample("contributions-2024.jsonl"), workspace: s.workspace)
        #expect(outcome.batch.rows == 5)
        #expect(outcome.batch.rejects == 0)
        #expect(try s.query("SELECT kind, country, region, ref, amount FROM contributions ORDER BY ts") == [
            [.string("information"), .string("IN"), .string("Asia-Pacific States"), .string("4711"), .float(3)],
            [.string("gap_identified"), .null, .null, .null, .null],
            [.string("collective_request"), .null, .string("Latin American and Caribbean States"), .null, .null],
            [.string("quality_feedback"), .string("CI"), .string("African States"), .null, .null],
            [.string("member_left"), .string("GB"), .string("Western European and other States"), .null, .null],
        ])
        // 08:00 at +05:30 is 02:30 UTC.
        #expect(try s.query("SELECT ts FROM contributions WHERE kind = 'gap_identified'") == [[ContributionScratch.utc(2024, 5, 3, 2, 30)]])
        #expect(try s.query("SELECT collective, actor_category FROM contributions ORDER BY ts") == [
            [.bool(false), .string("Party")], [.bool(false), .string("secretariat")], [.bool(true), .null],
            [.bool(false), .string("NGO")], [.bool(false), .string("industry")],
        ])
    }

    @Test func csvAndJSONLinesGoToOneTable() throws {
        let s = try ContributionScratch()
        _ = try ContributionImport.run(file: ContributionScratch.sample("contributions-2024.csv"), workspace: s.workspace)
        _ = try ContributionImport.run(file: ContributionScratch.sample("contributions-2024.jsonl"), workspace: s.workspace)
        #expect(try s.count() == 17)
        // Requests answered: the CSV's request and collective request, the JSONL's collective request.
        #expect(try s.query("SELECT count(*) FROM contributions WHERE kind IN ('request', 'collective_request') AND closed_ts IS NOT NULL") == [[.int(3)]])
        // The same file again is skipped.
        let again = try ContributionImport.run(file: ContributionScratch.sample("contributions-2024.csv"), workspace: s.workspace)
        #expect(again.skipped)
        #expect(try s.count() == 17)
    }

    @Test func columnOrderAndCaseAreFree() throws {
        let s = try ContributionScratch()
        let path = try s.file("order.csv", " Actor ,KIND,Ts\nSecretariat,document_published,2024-06-01\n")
        let outcome = try ContributionImport.run(file: path, workspace: s.workspace)
        #expect(outcome.batch.rows == 1)
        #expect(try s.query("SELECT ts, kind, actor, collective FROM contributions") == [
            [ContributionScratch.utc(2024, 6, 1), .string("document_published"), .string("Secretariat"), .bool(false)],
        ])
    }
}
