import Columnar
import Foundation
@testable import Ingest
import Store
import Testing

/// Every validation rule, one bad line each, with the reason the user reads.
@Suite struct ContributionValidationTests {
    /// The reasons of a log's rejects, by line, and the stored row count.
    func ingest(_ text: String, name: String = "log.csv") throws -> (reasons: [Int: String], rows: Int, scratch: ContributionScratch) {
        let s = try ContributionScratch()
        let outcome = try ContributionImport.run(file: try s.file(name, text), workspace: s.workspace, options: ContributionScratch.lenient)
        let rejects = try s.workspace.rejects(batch: outcome.batch.id)
        return (Dictionary(uniqueKeysWithValues: rejects.map { ($0.line, $0.reason) }), outcome.batch.rows, s)
    }

    @Test func everyRuleRejectsWithLineAndReason() throws {
        let (reasons, rows, s) = try ingest("""
        ts,kind,actor,actor_category,country,region,closed_ts,collective,amount
        2024-01-01,requets,A,,,,,,
        2023-02-29,request,A,,,,,,
        2024-01-01T10:00:00,request,A,,,,,,
        2024-01-05,request,A,,,,2024-01-04,,
        2024-01-05,request,A,Pary,,,,,
        2024-01-05,request,A,,XX,,,,
        2024-01-05,request,A,,FR,GRULAC,,,
        2024-01-05,request,,,,,,,
        2024-01-05,request,A,,,Oceania,,,
        2024-01-05,collective_request,A,,,,,false,
        2024-01-05,request,A,,,,,,-3
        05/01/2024,request,A,,,,,,
        2024-01-05,request,A
        ,request,A,,,,,,
        2024-01-05,mailing,A,,,,,maybe,
        2024-01-05,request,A,,TR,African States,,,
        2024-01-05,request,A,,,,,,
        1969-12-31,request,A,,,,,,
        2024-01-05,request,A,Alien,Atlantis,,,,
        """)
        #expect(rows == 1)
        #expect(reasons.count == 18)
        #expect(reasons[2] == "kind \"requets\" is not a contribution kind; did you mean \"request\"?")
        #expect(reasons[3] == "ts \"2023-02-29\" is not a real date (February 2023 has 28 days)")
        #expect(reasons[4]?.hasPrefix("ts \"2024-01-01T10:00:00\" has a time but no UTC offset") == true)
        #expect(reasons[5] == "closed_ts 2024-01-04T00:00:00Z precedes ts 2024-01-05T00:00:00Z")
        #expect(reasons[6] == "actor_category \"Pary\" is not an actor category; did you mean \"Party\"?")
        #expect(reasons[7]?.hasPrefix("country \"XX\" is not a known country") == true)
        #expect(reasons[8] == "region \"GRULAC\" contradicts country FR (France), which is in Western European and other States")
        #expect(reasons[9] == "actor is missing")
        #expect(reasons[10]?.hasPrefix("region \"Oceania\" is not a UN regional group") == true)
        #expect(reasons[11] == "kind collective_request is collective; collective cannot be false")
        #expect(reasons[12] == "amount -3 is negative")
        #expect(reasons[13]?.hasPrefix("ts \"05/01/2024\" is not an ISO 8601 date") == true)
        #expect(reasons[14] == "expected 9 fields, found 3")
        #expect(reasons[15] == "ts is missing")
        #expect(reasons[16] == "collective \"maybe\" is not true or false")
        #expect(reasons[17] == "region \"African States\" contradicts country TR (Türkiye), which is in Western European and other States")
        #expect(reasons[19]?.hasPrefix("ts \"1969-12-31\" is outside the years 1970–2100") == true)
        // Every problem of a line is named, not just the first.
        #expect(reasons[20]?.contains("actor_category \"Alien\"") == true)
        #expect(reasons[20]?.contains("country \"Atlantis\"") == true)
        #expect(try s.query("SELECT ts, kind FROM contributions") == [[ContributionScratch.utc(2024, 1, 5), .string("request")]])
    }

    @Test func kindsAreTheControlledList() throws {
        let vocabulary = try ContributionVocabulary.shipped()
        // The list of the table contract, in the shipped table.
        let contract = ["information", "need", "priority", "experience", "expertise", "feedback", "request", "collective_request",
                        "quality_feedback", "gap_identified", "gap_addressed", "source_integrated", "product_released", "feature_released",
                        "document_published", "contribution_rejected", "focal_point_designated", "member_joined", "member_left",
                        "partnership_signed", "joint_project_started", "event_held", "material_published", "mailing"]
        #expect(vocabulary.kinds.names.sorted() == contract.sorted())
        #expect(vocabulary.kinds.term(matching: "Event Held")?.name == "event_held")
        #expect(vocabulary.kinds.term(matching: "workshop") == nil)
        #expect(vocabulary.kinds.refusal(column: "kind", value: "mailng") == "kind \"mailng\" is not a contribution kind; did you mean \"mailing\"?")
        #expect(vocabulary.kinds.refusal(column: "kind", value: "publication").contains("(one of: information, need,"))
    }

    @Test func actorCategoriesAcceptSynonyms() throws {
        let categories = try ContributionVocabulary.shipped().actorCategories
        #expect(categories.names == ["Party", "non-Party", "IGO", "NGO", "industry", "research", "regional centre", "UN body", "donor", "secretariat"])
        let cases: [(String, String)] = [
            ("PARTY", "Party"), ("Non-Party", "non-Party"), ("non party", "non-Party"), ("non_party", "non-Party"),
            ("State non-Party", "non-Party"), ("igo", "IGO"), ("Intergovernmental organization", "IGO"), ("e-NGO", "NGO"),
            ("civil society", "NGO"), ("private sector", "industry"), ("Academia", "research"), ("Regional Center", "regional centre"),
            ("regional_centre", "regional centre"), ("UN agency", "UN body"), ("un-body", "UN body"), ("funding agency", "donor"),
            ("Secretariat", "secretariat"),
        ]
        for (given, stored) in cases {
            #expect(categories.term(matching: given)?.name == stored, "\(given)")
        }
    }

    @Test func countriesAndRegions() throws {
        let (reasons, rows, s) = try ingest("""
        ts,kind,actor,country,region
        2024-01-01,information,a,ke,
        2024-01-02,information,b,KEN,African States
        2024-01-03,information,c,Kenya,AG
        2024-01-04,information,d,"Bolivia (Plurinational State of)",GRULAC
        2024-01-05,information,e,Bolivia,Latin America and the Caribbean
        2024-01-06,information,f,,WEOG
        2024-01-07,information,g,Viet Nam,APG
        2024-01-08,information,h,PS,Asia-Pacific States
        2024-01-09,information,i,Kenia,
        2024-01-10,information,j,Russian Federation,EEG
        """)
        // "Kenia" is no name of Kenya; the hint offers the nearest one.
        #expect(reasons == [10: "country \"Kenia\" is not a known country; did you mean \"Kenya\"?"])
        #expect(rows == 9)
        #expect(try s.query("SELECT actor, country, region FROM contributions ORDER BY ts") == [
            [.string("a"), .string("KE"), .string("African States")],
            [.string("b"), .string("KE"), .string("African States")],
            [.string("c"), .string("KE"), .string("African States")],
            [.string("d"), .string("BO"), .string("Latin American and Caribbean States")],
            [.string("e"), .string("BO"), .string("Latin American and Caribbean States")],
            [.string("f"), .null, .string("Western European and other States")],
            [.string("g"), .string("VN"), .string("Asia-Pacific States")],
            // The State of Palestine belongs to no group; the region given is kept.
            [.string("h"), .string("PS"), .string("Asia-Pacific States")],
            [.string("j"), .string("RU"), .string("Eastern European States")],
        ])
    }

    @Test func turkiyeCountsInWEOG() throws {
        let (reasons, rows, s) = try ingest("""
        ts,kind,actor,country,region
        2024-01-01,information,a,TR,
        2024-01-02,information,b,TUR,Asia-Pacific States
        2024-01-03,information,c,Türkiye,APG
        2024-01-04,information,d,Turkey,WEOG
        2024-01-05,information,e,turkiye,Western European and other States
        2024-01-06,information,f,TR,Eastern European States
        """)
        #expect(rows == 5)
        #expect(reasons[7]?.contains("contradicts country TR") == true)
        #expect(try s.query("SELECT country, region, count(*) FROM contributions GROUP BY country, region") == [
            [.string("TR"), .string("Western European and other States"), .int(5)],
        ])
    }

    @Test func datesWithOffsetsBecomeUTC() throws {
        let (reasons, _, s) = try ingest("""
        ts,kind,actor,closed_ts
        2024-03-01T23:30:00-02:00,request,a,2024-03-02T01:30:00Z
        2024-03-01T01:00:00+02:00,request,b,2024-02-29T23:00:00Z
        2024-03-01 12:00Z,request,c,
        2024-03-01T12:00:00.250+0100,request,d,
        2024-03-01T12:00:00+01:00,request,e,2024-03-01T10:59:59Z
        """)
        // Equal instants are allowed; e closes one second before it opened.
        #expect(reasons.keys.sorted() == [6])
        #expect(try s.query("SELECT actor, ts FROM contributions ORDER BY actor") == [
            [.string("a"), ContributionScratch.utc(2024, 3, 2, 1, 30)],
            [.string("b"), ContributionScratch.utc(2024, 2, 29, 23)],
            [.string("c"), ContributionScratch.utc(2024, 3, 1, 12)],
            [.string("d"), ContributionScratch.utc(2024, 3, 1, 11)],
        ])
    }

    @Test func jsonLinesRules() throws {
        let (reasons, rows, s) = try ingest("""
        {"ts": "2024-01-01", "kind": "information", "actor": "a", "amount": "12.5"}
        {"ts": "2024-01-02", "kind": "information", "actor": "b", "colour": "red"}
        {"ts": 1704153600, "kind": "information", "actor": "c"}
        {"ts": "2024-01-04", "kind": "information", "actor": ["d"]}
        [1, 2]
        {"ts": "2024-01-06", "kind": "information", "actor": "f", "collective": "yes"}

        {"ts": "2024-01-08", "kind": "mailing", "actor": "h", "amount": true}
        {"ts": "2024-01-09", "kind": "information"
        """, name: "log.jsonl")
        #expect(rows == 2)
        #expect(reasons[2] == "unknown key \"colour\"; the keys are ts,kind,actor,actor_category,country,region,sector,collective,topic,category,amount,ref,closed_ts")
        #expect(reasons[3] == "ts must be an ISO 8601 date written as text (\"2024-03-05\")")
        #expect(reasons[4] == "actor must be text, not a list or object")
        #expect(reasons[5] == "the line is not a JSON object")
        #expect(reasons[8] == "amount must be a number")
        #expect(reasons[9] == "the line is not valid JSON (truncated, or a stray character)")
        #expect(try s.query("SELECT actor, amount, collective FROM contributions ORDER BY ts") == [
            [.string("a"), .float(12.5), .bool(false)], [.string("f"), .null, .bool(true)],
        ])
    }

    @Test func blankHeaderColumnsAndRepeatedKeys() throws {
        // Spreadsheets add unnamed columns after the last one; their cells must stay empty.
        let (reasons, rows, _) = try ingest("ts,kind,actor,,\n2024-01-01,need,a,,\n2024-01-02,need,b,,stray\n")
        #expect(rows == 1)
        #expect(reasons == [3: "a value stands in a column whose header is blank"])
        let (jsonReasons, jsonRows, _) = try ingest("""
        {"ts": "2024-01-01", "kind": "need", "actor": "a"}
        {"ts": "2024-01-02", "kind": "need", "actor": "b", "Actor": "c"}
        """, name: "keys.jsonl")
        #expect(jsonRows == 1)
        #expect(jsonReasons == [2: "the key actor appears twice (keys are read without regard to case)"])
    }
}
