import Foundation

/// Writes a deterministic Apache Combined log that looks like a clearing-house
/// site's: 150,000 client addresses (IPv4 and some IPv6) visiting in sessions, 20,000 paths with Zipf-like popularity (pages, static assets,
/// documents under /documents/), about 15 % crawler and 3 % tool traffic,
/// mostly 200 with 304/404/301/500, site searches, referrers, and times
/// moving forward over a month in a +01:00 zone.
struct CombinedLogGenerator {
    private var rng: SplitMix

    init(seed: UInt64) { rng = SplitMix(state: seed) }

    static let browsers = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.85",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
        "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0",
        "Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko",
    ]
    static let bots = [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
        "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
        "CCBot/2.0 (https://commoncrawl.org/faq/)",
        "meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)",
    ]
    static let tools = ["curl/8.5.0", "python-requests/2.31.0", "Wget/1.21.4", "Go-http-client/2.0", "okhttp/4.12.0"]
    static let referrers = ["-", "-", "-", "https://www.google.com/", "https://www.bing.com/", "https://chm.example.org/", "https://www.unep.org/news", "https://duckduckgo.com/"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    mutating func write(lines: Int, to url: URL) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let out = try FileHandle(forWritingTo: url)
        defer { try? out.close() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 22)
        // Agents: each address keeps a few agents; versions vary so there are hundreds of distinct strings.
        var agents: [String] = []
        for (i, b) in Self.browsers.enumerated() { for v in 0..<30 { agents.append(b.replacingOccurrences(of: "537.36", with: "537.\(36 + v + i)")) } }
        let browserCount = agents.count
        var ts: Int64 = 1_717_200_000 // 2024-06-01
        var active = (0..<300).map { _ in Int(rng.next() % 150_000) }
        for n in 0..<lines {
            let r = rng.next()
            ts += Int64(r & 1) // a line every half second on average: a month for 5M lines
            // People come in visits: 300 visitors are on the site at any time, each for about 30 requests;
            // robots and tools use their own addresses.
            let kindRoll = (r >> 20) % 100
            let client: Int
            let agent: String
            if kindRoll < 15 {
                let bot = Int((r >> 28) % 300)
                client = 200_000 + bot
                agent = Self.bots[bot % Self.bots.count]
            } else if kindRoll < 18 {
                let tool = Int((r >> 28) % 200)
                client = 300_000 + tool
                agent = Self.tools[tool % Self.tools.count]
            } else {
                let slot = Int((r >> 28) % UInt64(active.count))
                if (r >> 40) % 30 == 0 { active[slot] = Int(rng.next() % 150_000) }
                client = active[slot]
                agent = agents[(client * 7 + client / 1000 % 2) % browserCount]
            }
            let ip = client % 17 == 0
                // Two groups of at most four hex digits each: a valid address for any client number.
                ? "2001:db8:\(String(client >> 16, radix: 16)):\(String(client & 0xFFFF, radix: 16))::\(client % 7 + 1)"
                : "\(10 + client % 200).\(client / 200 % 250).\(client % 251).\(client % 241 + 1)"
            // Zipf-like path popularity: the square of a uniform draw favours low numbers.
            let u = Double((r >> 11) & 0xFFFFF) / Double(0x100000)
            let k = Int(u * u * 20_000)
            let path: String
            switch k % 10 {
            case 0, 1: path = "/documents/\(["reports", "guidance", "meetings", "decisions"][k % 4])/doc-\(k).\(k % 7 == 0 ? "docx" : "pdf")"
            case 2: path = "/assets/img/figure-\(k % 500).png"
            case 3: path = "/assets/\(k % 2 == 0 ? "css/site.css" : "js/app.js")?v=\(k % 13)"
            case 4: path = "/search?q=topic-\(k % 300)&page=\(k % 3 + 1)"
            default: path = "/\(["en", "fr", "es"][k % 3])/\(["news", "events", "implementation", "partners", "topics"][k % 5])/item-\(k)"
            }
            let statusRoll = (r >> 48) % 100
            let status = statusRoll < 82 ? 200 : statusRoll < 90 ? 304 : statusRoll < 96 ? 404 : statusRoll < 99 ? 301 : 500
            let size = status == 304 ? "-" : String((r >> 30) % 90_000 + 200)
            let referrer = Self.referrers[Int((r >> 52) % UInt64(Self.referrers.count))]
            let local = ts + 3600
            let days = local / 86_400
            let (y, m, d) = Self.civil(days)
            let sod = Int(local % 86_400)
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            let time = "\(two(d))/\(Self.months[m - 1])/\(y):\(two(sod / 3600)):\(two(sod / 60 % 60)):\(two(sod % 60)) +0100"
            let line = "\(ip) - - [\(time)] \"\(n % 97 == 0 ? "HEAD" : "GET") \(path) HTTP/1.1\" \(status) \(size) \"\(referrer)\" \"\(agent)\"\n"
            buffer.append(contentsOf: line.utf8)
            if buffer.count > (1 << 22) - 4096 {
                out.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        out.write(Data(buffer))
    }

    /// (year, month, day) of a day number since 1970-01-01.
    static func civil(_ days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }
}
