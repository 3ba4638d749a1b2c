import Columnar
import Foundation
import Ingest

/// Writes a year of the website's access log in the Combined format, as
/// Apache writes it on a server in Geneva (local time, +0100 or +0200):
/// people's visits — pages, their images and scripts, searches, document
/// downloads, some 404s — and robots, from search engines to AI crawlers,
/// with the week's rhythm, the seasons and the COP peaks of ``DemoTimeline``.
struct AccessLogWriter {
    let timeline: DemoTimeline
    let countries: [Country]
    /// Human visits on an average day at growth 1.
    let visitsPerDay: Double
    let site = "https://chm.example.org"

    /// An IPv4 block per country (a /16 in a synthetic range), written to the geo table too.
    func address(country: Int, host: Int) -> UInt32 { UInt32(0x2900_0000) + UInt32(country) << 16 + UInt32(host & 0xffff) }

    /// The IP-to-country table in the DB-IP Lite layout (`start,end,country`).
    func geoTable() -> String {
        countries.enumerated().map { k, c in "\(dotted(address(country: k, host: 0))),\(dotted(address(country: k, host: 0xffff))),\(c.alpha2)" }
            .joined(separator: "\n") + "\n"
    }

    func dotted(_ a: UInt32) -> String { "\(a >> 24).\((a >> 16) & 255).\((a >> 8) & 255).\(a & 255)" }

    /// One request before formatting.
    struct Request {
        var ts: Int64
        var address: UInt32
        var agent: Int32
        var path: Int32
        var status: Int16
        var bytes: Int32
        var referrer: Int32
        var query: Int32 = -1
    }

    /// Writes the year to `path`; returns the number of lines.
    func write(year: Int, to path: String, random: inout SeededRandom) throws -> Int {
        let paths = SitePaths(year: year, countries: countries, random: &random)
        let agents = UserAgents(year: year)
        guard FileManager.default.createFile(atPath: path, contents: nil), let out = FileHandle(forWritingAtPath: path) else {
            throw DemoError("cannot write \(path)")
        }
        defer { try? out.close() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 22)
        var lines = 0
        let start = CivilTime.timestamp(year: year, month: 1, day: 1)
        let days = CivilTime.isLeap(year) ? 366 : 365
        let countryTable = WeightedTable(countries.map { c in c.group == .westernEuropeanAndOthers ? 2.2 : c.group == .african ? 1.1 : 1.0 })
        let hourTable = WeightedTable([1, 0.6, 0.4, 0.4, 0.5, 0.8, 1.5, 2.6, 3.6, 4.2, 4.4, 4.3, 3.8, 4.1, 4.3, 4.1, 3.7, 3.0, 2.4, 2.0, 1.8, 1.7, 1.5, 1.2])
        // Returning visitors: a pool that grows through the year.
        var pool: [(address: UInt32, agent: Int32)] = []
        var requests: [Request] = []
        for d in 0..<days {
            let day = start + Int64(d) * 86_400
            requests.removeAll(keepingCapacity: true)
            let visits = random.poisson(visitsPerDay * timeline.growth(year) * timeline.dayFactor(day))
            for _ in 0..<visits {
                let who: (address: UInt32, agent: Int32)
                if !pool.isEmpty, random.chance(0.45) {
                    who = pool[random.below(pool.count)]
                } else {
                    who = (address(country: countryTable.draw(&random), host: random.below(65_536)), Int32(agents.drawBrowser(&random)))
                    if pool.count < 40_000 { pool.append(who) }
                }
                var t = day + Int64(hourTable.draw(&random) * 3600 + random.below(3600))
                visit(from: who, at: &t, paths: paths, random: &random, into: &requests)
            }
            robots(day: day, humanRequests: requests.count, paths: paths, agents: agents, random: &random, into: &requests)
            requests.sort { $0.ts < $1.ts }
            for r in requests where r.ts >= day && r.ts < day + 86_400 {
                format(r, paths: paths, agents: agents, into: &buffer)
            }
            lines += requests.count { $0.ts >= day && $0.ts < day + 86_400 }
            if buffer.count > 1 << 21 {
                out.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        out.write(Data(buffer))
        return lines
    }

    /// A person's visit: pages with their assets, perhaps a search and downloads.
    private func visit(from who: (address: UInt32, agent: Int32), at t: inout Int64, paths: SitePaths,
                       random: inout SeededRandom, into requests: inout [Request]) {
        var referrer = Int32(paths.entryReferrers.draw(&random))
        var page = paths.entryPage(&random)
        let pages = 1 + min(20, Int(-log(max(random.unit(), 1e-9)) * 2.6))
        let searches = random.chance(0.24)
        for k in 0..<pages {
            let missing = random.chance(0.02)
            let p = missing ? paths.missing(&random) : page
            requests.append(Request(ts: t, address: who.address, agent: who.agent, path: Int32(p), status: missing ? 404 : (random.chance(0.002) ? 500 : 200),
                                    bytes: Int32(missing ? 1_200 : 9_000 + random.below(30_000)), referrer: referrer))
            if !missing {
                for asset in paths.assets(for: k, random: &random) {
                    let cached = k > 0 && random.chance(0.6)
                    requests.append(Request(ts: t + 1, address: who.address, agent: who.agent, path: Int32(asset), status: cached ? 304 : 200,
                                            bytes: cached ? 0 : Int32(2_000 + random.below(80_000)), referrer: SitePaths.internalReferrer))
                }
            }
            referrer = SitePaths.internalReferrer
            if searches, k == 0 {
                t += Int64(5 + random.below(40))
                requests.append(Request(ts: t, address: who.address, agent: who.agent, path: Int32(paths.searchPage), status: 200,
                                        bytes: Int32(12_000 + random.below(9_000)), referrer: referrer, query: Int32(random.below(paths.terms.count))))
                if random.chance(0.62) {
                    t += Int64(8 + random.below(60))
                    requests.append(Request(ts: t, address: who.address, agent: who.agent, path: Int32(paths.document(&random)), status: 200,
                                            bytes: Int32(150_000 + random.below(3_000_000)), referrer: referrer))
                }
            }
            if random.chance(0.16) {
                t += Int64(10 + random.below(90))
                requests.append(Request(ts: t, address: who.address, agent: who.agent, path: Int32(paths.document(&random)), status: random.chance(0.03) ? 206 : 200,
                                        bytes: Int32(150_000 + random.below(3_000_000)), referrer: referrer))
            }
            // A few readers leave the tab open and come back: a new visit after 30 minutes.
            t += random.chance(0.03) ? Int64(1_900 + random.below(3_000)) : Int64(8 + random.below(150))
            page = paths.page(&random)
        }
    }

    /// Crawlers and tools: about a third of all requests.
    private func robots(day: Int64, humanRequests: Int, paths: SitePaths, agents: UserAgents, random: inout SeededRandom,
                        into requests: inout [Request]) {
        let n = random.poisson(Double(humanRequests) * 0.5)
        for _ in 0..<n {
            let bot = agents.drawRobot(&random)
            let t = day + Int64(random.below(86_400))
            let address = UInt32(0xC000_0000) + UInt32(bot.index) << 12 + UInt32(random.below(4096))
            let u = random.unit()
            let path = u < 0.03 ? paths.robotsTxt : u < 0.1 ? paths.missing(&random) : u < 0.35 ? paths.document(&random) : paths.page(&random)
            let status: Int16 = path == paths.robotsTxt ? 200 : u >= 0.03 && u < 0.1 ? 404 : 200
            requests.append(Request(ts: t, address: address, agent: Int32(bot.agent), path: Int32(path), status: status,
                                    bytes: Int32(status == 404 ? 1_200 : 5_000 + random.below(200_000)), referrer: SitePaths.noReferrer))
        }
    }

    private func format(_ r: Request, paths: SitePaths, agents: UserAgents, into b: inout [UInt8]) {
        b.append(contentsOf: dotted(r.address).utf8)
        b.append(contentsOf: " - - [".utf8)
        LogTime.append(r.ts, to: &b)
        b.append(contentsOf: "] \"GET ".utf8)
        b.append(contentsOf: paths.paths[Int(r.path)])
        if r.query >= 0 {
            b.append(contentsOf: "?q=".utf8)
            b.append(contentsOf: paths.terms[Int(r.query)])
        }
        b.append(contentsOf: " HTTP/1.1\" ".utf8)
        b.append(contentsOf: String(r.status).utf8)
        b.append(0x20)
        b.append(contentsOf: (r.bytes == 0 ? "-" : String(r.bytes)).utf8)
        b.append(contentsOf: " \"".utf8)
        b.append(contentsOf: paths.referrers[Int(r.referrer)])
        b.append(contentsOf: "\" \"".utf8)
        b.append(contentsOf: agents.strings[Int(r.agent)])
        b.append(contentsOf: "\"\n".utf8)
    }
}

/// A demo failure (files that cannot be written, a step that fails).
public struct DemoError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
