import Foundation
@testable import Ingest
import Testing

@Suite struct GeoAndAddressTests {
    @Test func addressesOfBothFamilies() {
        #expect(IPAddress.parse("1.2.3.4") == IPAddress.v4Prefix | 0x0102_0304)
        #expect(IPAddress.parse("::ffff:1.2.3.4") == IPAddress.parse("1.2.3.4"))
        #expect(IPAddress.parse("::1") == 1)
        #expect(IPAddress.parse("2001:db8::1") == (UInt128(0x2001_0db8) << 96) | 1)
        #expect(IPAddress.parse("[2001:db8::1]") == IPAddress.parse("2001:db8:0:0:0:0:0:1"))
        #expect(IPAddress.parse("fe80::1%eth0") == IPAddress.parse("fe80::1"))
        for bad in ["1.2.3", "256.1.1.1", "1.2.3.4.5", "2001:db8:::1", "host.example.org", "", "1::2::3", "12345::"] {
            #expect(IPAddress.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func networks() throws {
        let ten = try #require(IPNetwork("10.0.0.0/8"))
        #expect(ten.contains(IPAddress.parse("10.255.3.4")!))
        #expect(!ten.contains(IPAddress.parse("11.0.0.1")!))
        let loop = try #require(IPNetwork("::1/128"))
        #expect(loop.contains(1) && !loop.contains(2))
        let doc = try #require(IPNetwork("2001:db8::/32"))
        #expect(doc.contains(IPAddress.parse("2001:db8:ffff::9")!) && !doc.contains(IPAddress.parse("2001:db9::1")!))
        #expect(IPNetwork("192.0.2.7")?.contains(IPAddress.parse("192.0.2.7")!) == true)
        #expect(IPNetwork("10.0.0.0/33") == nil)
        #expect(IPNetwork("nonsense/8") == nil)
    }

    @Test func rangesAreSearched() throws {
        let csv = """
        start_ip,end_ip,country
        1.0.0.0,1.0.0.255,AU
        41.0.0.0,41.31.255.255,ZA
        2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,US
        "190.0.0.0","190.0.255.255","AR"
        5.0.0.0,5.0.0.255,ZZ
        """
        let geo = try GeoTable(bytes: Array(csv.utf8), file: "geo.csv")
        #expect(geo.count == 5)
        #expect(geo.country(ofAddress: "1.0.0.0") == "AU")
        #expect(geo.country(ofAddress: "1.0.0.255") == "AU")
        #expect(geo.country(ofAddress: "1.0.1.0") == nil)
        #expect(geo.country(ofAddress: "41.20.1.1") == "ZA")
        #expect(geo.country(ofAddress: "2001:4860:4860::8888") == "US")
        #expect(geo.country(ofAddress: "190.0.3.3") == "AR")
        #expect(geo.country(ofAddress: "5.0.0.1") == nil, "ZZ is unassigned")
        #expect(geo.country(ofAddress: "0.0.0.1") == nil)
    }

    @Test func badTablesNameTheLine() {
        #expect { try GeoTable(bytes: Array("1.0.0.0,1.0.0.255,AU\n1.0.1.0,bad,AU\n".utf8), file: "g.csv") } throws: { e in
            (e as? IngestError)?.line == 2
        }
        #expect { try GeoTable(bytes: Array("1.0.0.0,1.0.0.255,Australia\n".utf8), file: "g.csv") } throws: { e in
            (e as? IngestError)?.message.contains("alpha-2") == true
        }
        #expect(throws: IngestError.self) { try GeoTable(bytes: [0, 1, 2, 3], file: "g.csv") }
        #expect(throws: IngestError.self) { try GeoTable(bytes: [], file: "g.csv") }
        #expect(throws: IngestError.self) { try GeoTable(bytes: Array("2.0.0.0,1.0.0.0,AU\n".utf8), file: "g.csv") }
    }
}
