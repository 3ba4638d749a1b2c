import Foundation
@testable import Ingest
import Testing

/// The shipped country table against the public fixtures it was built from,
/// read by a peer program (Python's csv module) rather than by chm's reader.
@Suite struct CountryFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/fixtures/reference").path

    /// Lines `alpha2;alpha3;m49;group` (group empty for non-members) printed by Python from the fixtures.
    static func peerTable() throws -> [String] {
        let script = """
        import csv, sys
        d = sys.argv[1]
        names = {"African Group": "African States", "Asia-Pacific Group": "Asia-Pacific States",
                 "Eastern European Group": "Eastern European States", "GRULAC": "Latin American and Caribbean States",
                 "WEOG": "Western European and other States"}
        groups = {}
        for r in csv.DictReader(open(d + "/ref_un_regional_groups_openclimatedata.csv", encoding="utf-8")):
            g = names[r["Region"]]
            # A State listed in two groups (Turkey) counts where it votes: WEOG.
            groups[r["Code"]] = "Western European and other States" if r["Code"] in groups else g
        for r in csv.DictReader(open(d + "/ref_country_codes_datasets.csv", encoding="utf-8")):
            a3 = r["ISO3166-1-Alpha-3"]
            if a3:
                print("%s;%s;%03d;%s" % (r["ISO3166-1-Alpha-2"], a3, int(r["M49"]), groups.get(a3, "")))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, fixtures]
        let out = Pipe()
        process.standardOutput = out
        do {
            try process.run()
        } catch {
            Issue.record("python3, the peer program of this test, cannot be run: \(error)")
            return []
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3, the peer program of this test, is missing or failed reading \(fixtures) (status \(process.terminationStatus))")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func everyCountryMatchesTheFixtures() throws {
        let peer = try Self.peerTable()
        #expect(peer.count == 249, "python3 must print the 249 countries of the fixture")
        let reference = try CountryReference.shipped()
        #expect(reference.countries.count == peer.count)
        for line in peer {
            let f = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            let country = reference.country(alpha3: f[1])
            #expect(country?.alpha2 == f[0], "\(line)")
            #expect(country?.m49 == f[2], "\(line)")
            #expect((country?.group?.name ?? "") == f[3], "\(line)")
        }
        // 193 Member States in five groups: 54 + 54 + 23 + 33 + 29, Türkiye once, in WEOG.
        let counts = UNRegionalGroup.allCases.map { reference.members(of: $0).count }
        #expect(counts == [54, 54, 23, 33, 29])
        #expect(peer.filter { $0.hasSuffix(";Western European and other States") }.count == 29)
    }

    @Test func turkiyeIsAcceptedInBothGroupsAndCountsInWEOG() throws {
        let reference = try CountryReference.shipped()
        let tr = try #require(reference.country(matching: "Turkey"))
        #expect(tr.alpha2 == "TR")
        #expect(tr.group == .westernEuropeanAndOthers)
        #expect(reference.acceptsGroup(.asiaPacific, for: "TR"))
        #expect(reference.acceptsGroup(.westernEuropeanAndOthers, for: "TR"))
        #expect(!reference.acceptsGroup(.easternEuropean, for: "TR"))
        #expect(!reference.acceptsGroup(.asiaPacific, for: "GR"))
    }

    @Test func groupSpellings() {
        let cases: [(String, UNRegionalGroup)] = [
            ("GRULAC", .latinAmericanAndCaribbean), ("weog", .westernEuropeanAndOthers), ("APG", .asiaPacific),
            ("Asia-Pacific Group", .asiaPacific), ("EEG", .easternEuropean), ("African Group", .african),
            ("Western European and Others Group", .westernEuropeanAndOthers), ("Latin America and the Caribbean", .latinAmericanAndCaribbean),
        ]
        for (text, group) in cases { #expect(UNRegionalGroup(name: text) == group, "\(text)") }
        #expect(UNRegionalGroup(name: "Oceania") == nil)
    }
}
