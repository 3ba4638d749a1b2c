import Columnar
import Ingest

/// The website's URLs in a given year, as byte strings ready to write:
/// pages, assets, documents by category (published up to that year),
/// search terms and referrers.
struct SitePaths {
    private(set) var paths: [[UInt8]] = []
    private(set) var referrers: [[UInt8]] = []
    private(set) var terms: [[UInt8]] = []
    private var pages: [Int] = []
    private var assetPaths: [Int] = []
    private var documents: [Int] = []
    private var missingPaths: [Int] = []
    private(set) var entryReferrers = WeightedTable([1])
    private(set) var searchPage = 0
    private(set) var robotsTxt = 0
    static let noReferrer: Int32 = 0
    static let internalReferrer: Int32 = 1

    /// Document categories and the folder each is published in (`chm ingest web --doc-rule`).
    static let documentFolders = [("national-reports", "national report"), ("case-studies", "case study"), ("guidance", "guidance"),
                                  ("training", "training material"), ("meetings", "meeting document"), ("publications", "publication")]

    init(year: Int, countries: [Country], random: inout SeededRandom) {
        func add(_ s: String) -> Int {
            paths.append(Array(s.utf8))
            return paths.count - 1
        }
        for lang in ["en", "fr", "es"] {
            for p in ["/\(lang)/", "/\(lang)/about", "/\(lang)/network/members", "/\(lang)/calendar", "/\(lang)/contact", "/\(lang)/news"] {
                pages.append(add(p))
            }
        }
        pages.append(add("/"))
        for c in countries { pages.append(add("/en/countries/\(c.alpha2.lowercased())")) }
        for t in DemoNetwork.topics { pages.append(add("/en/topics/" + t.lowercased().replacingOccurrences(of: " ", with: "-"))) }
        for y in max(2006, year - 3)...year { for n in 1...30 { pages.append(add("/en/news/\(y)/\(n)")) } }
        for (folder, _) in Self.documentFolders { pages.append(add("/en/documents/\(folder)/")) }
        for a in ["/static/css/site.css", "/static/js/app.js", "/static/img/logo.svg", "/static/fonts/noto-sans.woff2", "/static/img/banner.jpg",
                  "/static/img/map.png", "/static/js/search.js", "/favicon.ico"] {
            assetPaths.append(add(a))
        }
        // Documents published so far: the library grows each year.
        for (folder, _) in Self.documentFolders {
            for y in 2006...year {
                for n in 1...(6 + (y - 2006) / 2) {
                    let ext = n % 13 == 0 ? "docx" : n % 17 == 0 ? "xlsx" : n % 29 == 0 ? "zip" : "pdf"
                    documents.append(add("/documents/\(folder)/\(y)-\(n).\(ext)"))
                }
            }
        }
        for n in 0..<120 { missingPaths.append(add("/en/archive/page-\(n).html")) }
        for p in ["/wp-login.php", "/.env", "/old/index.php", "/apple-touch-icon.png"] { missingPaths.append(add(p)) }
        searchPage = add("/en/search")
        robotsTxt = add("/robots.txt")
        for r in ["-", "https://chm.example.org/en/", "https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/",
                  "https://www.ecosia.org/", "https://en.wikipedia.org/wiki/Chemical_safety", "https://www.linkedin.com/", "https://t.co/x1"] {
            referrers.append(Array(r.utf8))
        }
        entryReferrers = WeightedTable([30, 0, 42, 8, 4, 2, 5, 5, 4])
        for t in ["mercury", "pcb+inventory", "national+report", "e-waste", "pesticides", "ddt", "training", "guidance", "plastic",
                  "customs", "hazardous+waste", "prior+informed+consent", "lead+paint", "asbestos", "dioxins", "monitoring"] {
            terms.append(Array(t.utf8))
        }
    }

    func entryPage(_ r: inout SeededRandom) -> Int { r.chance(0.35) ? pages[0] : pages[r.below(pages.count)] }
    func page(_ r: inout SeededRandom) -> Int { pages[r.below(pages.count)] }
    func missing(_ r: inout SeededRandom) -> Int { missingPaths[r.below(missingPaths.count)] }

    /// A document, recent ones more often.
    func document(_ r: inout SeededRandom) -> Int {
        let u = r.unit()
        let k = Int(Double(documents.count) * (1 - u * u))
        return documents[min(documents.count - 1, k)]
    }

    /// The assets a page loads: all on the first page, a few later.
    func assets(for pageIndex: Int, random: inout SeededRandom) -> [Int] {
        pageIndex == 0 ? Array(assetPaths.prefix(5)) : (random.chance(0.5) ? [assetPaths[4 + random.below(3)]] : [])
    }
}

/// User-agent strings of the year: browsers with versions of their time,
/// search-engine crawlers, AI crawlers from the years they appeared, and tools.
struct UserAgents {
    private(set) var strings: [[UInt8]] = []
    private var browsers: [Int] = []
    private var robots: [Int] = []
    private var browserTable = WeightedTable([1])
    private var robotTable = WeightedTable([1])

    init(year: Int) {
        let chrome = 18 + max(0, year - 2012) * 8, firefox = 10 + max(0, year - 2012) * 8
        let b: [(String, Double)] = [
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/\(chrome).0.0.0 Safari/537.36", 34),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/\(chrome).0.0.0 Safari/537.36", 9),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:\(firefox).0) Gecko/20100101 Firefox/\(firefox).0", 10),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/\(5 + max(0, year - 2012)).0 Safari/605.1.15", 8),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/\(chrome).0.0.0 Safari/537.36 Edg/\(chrome).0.0.0", year >= 2016 ? 9 : 0.1),
            ("Mozilla/5.0 (Linux; Android 13; SM-A515F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/\(chrome).0.0.0 Mobile Safari/537.36", Double(4 + max(0, year - 2012) * 2)),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1", Double(3 + max(0, year - 2012))),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:\(firefox).0) Gecko/20100101 Firefox/\(firefox).0", 2),
        ]
        var bw: [Double] = []
        for (s, w) in b { strings.append(Array(s.utf8)); browsers.append(strings.count - 1); bw.append(w) }
        let r: [(String, Double, Int)] = [
            ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", 30, 2006),
            ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", 14, 2010),
            ("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", 6, 2006),
            ("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", 5, 2006),
            ("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", 8, 2012),
            ("Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)", 6, 2012),
            ("Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)", 7, 2020),
            ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.1; +https://openai.com/gptbot)", 10, 2023),
            ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)", 8, 2024),
            ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)", 4, 2024),
            ("curl/8.5.0", 2, 2006),
            ("python-requests/2.31.0", 3, 2012),
            ("Wget/1.21.4", 1, 2006),
        ]
        var rw: [Double] = []
        for (s, w, since) in r where year >= since { strings.append(Array(s.utf8)); robots.append(strings.count - 1); rw.append(w) }
        browserTable = WeightedTable(bw)
        robotTable = WeightedTable(rw)
    }

    func drawBrowser(_ random: inout SeededRandom) -> Int { browsers[browserTable.draw(&random)] }

    /// A robot: its index among robots (for its address block) and its agent string.
    func drawRobot(_ random: inout SeededRandom) -> (index: Int, agent: Int) {
        let k = robotTable.draw(&random)
        return (k, robots[k])
    }
}

/// Apache's `%t` in Geneva: `10/Oct/2024:13:55:36 +0200`, with central
/// European summer time from the last Sunday of March to the last of October.
enum LogTime {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map { Array($0.utf8) }

    static func offset(_ t: Int64) -> Int64 {
        let year = CivilTime.components(t).year
        func lastSunday(_ month: Int) -> Int64 {
            let last = CivilTime.days(year: year, month: month, day: 31)
            let weekday = (last + 4) % 7  // 0 = Sunday
            return (last - weekday) * 86_400 + 3_600  // 01:00 UTC
        }
        return t >= lastSunday(3) && t < lastSunday(10) ? 7_200 : 3_600
    }

    static func append(_ t: Int64, to b: inout [UInt8]) {
        let offset = offset(t)
        let local = t + offset
        let c = CivilTime.components(local)
        let s = CivilTime.secondOfDay(local)
        func two(_ v: Int) { b.append(UInt8(48 + v / 10)); b.append(UInt8(48 + v % 10)) }
        two(c.day)
        b.append(0x2F)
        b.append(contentsOf: months[c.month - 1])
        b.append(0x2F)
        b.append(contentsOf: String(c.year).utf8)
        b.append(0x3A)
        two(Int(s / 3600)); b.append(0x3A); two(Int(s / 60 % 60)); b.append(0x3A); two(Int(s % 60))
        b.append(contentsOf: " +0".utf8)
        b.append(UInt8(48 + offset / 3600))
        b.append(contentsOf: "00".utf8)
    }
}
