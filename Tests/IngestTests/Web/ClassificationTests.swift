import Foundation
@testable import Ingest
import Testing

@Suite struct ClassificationTests {
    let agents: AgentClassifier

    init() throws { agents = try AgentClassifier.shipped() }

    @Test func aiCrawlersAreBots() {
        let cases: [(String, String)] = [
            ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)", "GPTBot"),
            ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; ChatGPT-User/1.0; +https://openai.com/bot", "ChatGPT-User"),
            ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-SearchBot/1.0; +https://openai.com/searchbot", "OAI-SearchBot"),
            ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)", "ClaudeBot"),
            ("Claude-Web/1.0 (web-crawler; +https://www.anthropic.com/)", "Claude-Web"),
            ("anthropic-ai", "anthropic-ai"),
            ("Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)", "Bytespider"),
            ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)", "PerplexityBot"),
            ("CCBot/2.0 (https://commoncrawl.org/faq/)", "CCBot"),
            ("Google-Extended", "Google-Extended"),
            ("Applebot-Extended/0.1", "Applebot-Extended"),
            ("Mozilla/5.0 (compatible; Amazonbot/0.1; +https://developer.amazon.com/support/amazonbot)", "Amazonbot"),
            ("meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)", "meta-externalagent"),
            ("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Googlebot"),
            ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "bingbot"),
        ]
        for (ua, family) in cases {
            #expect(agents.classify(ua) == .init(family: family, kind: .bot), "\(ua)")
        }
    }

    @Test func toolsAreMarkedAsTools() {
        let cases: [(String, String)] = [
            ("curl/8.5.0", "curl"), ("Wget/1.21.4", "Wget"), ("python-requests/2.31.0", "python-requests"),
            ("Go-http-client/2.0", "Go-http-client"), ("libwww-perl/6.72", "libwww-perl"), ("Java/17.0.2", "Java"),
            ("okhttp/4.12.0", "okhttp"), ("Apache-HttpClient/4.5.14 (Java/17)", "Apache-HttpClient"),
        ]
        for (ua, family) in cases {
            let r = agents.classify(ua)
            #expect(r == .init(family: family, kind: .tool), "\(ua)")
            #expect(r.isAutomated)
        }
    }

    @Test func browsersAndUnknowns() {
        #expect(agents.classify("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36") == .init(family: "Chrome", kind: .browser))
        #expect(agents.classify("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.85") == .init(family: "Edge", kind: .browser))
        #expect(agents.classify("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15") == .init(family: "Safari", kind: .browser))
        #expect(agents.classify("Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0") == .init(family: "Firefox", kind: .browser))
        // A phone whose model name contains "bot" is not a robot.
        #expect(agents.classify("Mozilla/5.0 (Linux; Android 9; CUBOT_X19 Build/PPR1) AppleWebKit/537.36 Chrome/90.0 Mobile Safari/537.36") == .init(family: "Chrome", kind: .browser))
        #expect(agents.classify("-") == .init(family: "Unknown", kind: .unknown))
        #expect(agents.classify("") == .init(family: "Unknown", kind: .unknown))
        // An unlisted robot is caught by the generic rules and named by its product token.
        #expect(agents.classify("Mozilla/5.0 (compatible; NewThingBot/0.3; +https://newthing.example/bot)") == .init(family: "NewThingBot", kind: .bot))
        #expect(!agents.classify("Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0").isAutomated)
    }

    @Test func patternFilesAreCheckedLineByLine() {
        #expect(throws: IngestError.self) { try AgentClassifier(files: [("bot\tX", "bad.txt")]) }
        #expect(throws: IngestError.self) { try AgentClassifier(files: [("robot\tX\tx", "bad.txt")]) }
        let custom = try? AgentClassifier(files: [("# comment\n\ntool\tMyTool\tmytool/\n", "mine.txt")])
        #expect(custom?.classify("MyTool/1.0") == .init(family: "MyTool", kind: .tool))
    }

    @Test func staticDownloadsAndRules() throws {
        let c = try RequestClassifier.shipped(rules: [DocumentRule(parsing: "/documents/=*"), DocumentRule(parsing: "/meetings/cop/=meeting")],
                                              searchParameters: ["q", "search"])
        func classify(_ path: String) -> RequestClassifier.PathClass {
            Array(path.utf8).withUnsafeBufferPointer { c.classify(path: $0) }
        }
        #expect(classify("/assets/site.CSS") == .init(isStatic: true))
        #expect(classify("/img/logo.svg") == .init(isStatic: true))
        #expect(classify("/fonts/a.woff2") == .init(isStatic: true))
        #expect(classify("/robots.txt") == .init(isStatic: true))
        #expect(classify("/files/report.PDF") == .init(isDownload: true, category: "pdf"))
        #expect(classify("/files/data.xlsx") == .init(isDownload: true, category: "spreadsheet"))
        #expect(classify("/files/slides.pptx") == .init(isDownload: true, category: "presentation"))
        #expect(classify("/files/paper.odt") == .init(isDownload: true, category: "text"))
        #expect(classify("/files/all.zip") == .init(isDownload: true, category: "archive"))
        #expect(classify("/documents/guidance/note.pdf") == .init(isDownload: true, category: "guidance"))
        #expect(classify("/documents/reports/12345") == .init(isDownload: true, category: "reports"))
        #expect(classify("/meetings/cop/11/doc-3") == .init(isDownload: true, category: "meeting"))
        #expect(classify("/documents/list.pdf") == .init(isDownload: true, category: "pdf"), "no category folder: the type")
        #expect(classify("/en/news/item-4") == .init())
        #expect(classify("/v1.2/page") == .init())
        func search(_ q: String) -> Bool { Array(q.utf8).withUnsafeBufferPointer { c.isSearch(query: $0) } }
        #expect(search("q=mercury"))
        #expect(search("lang=en&search=pops"))
        #expect(!search("q="))
        #expect(!search("qq=x&sq=1"))
        #expect(throws: IngestError.self) { try DocumentRule(parsing: "documents=x") }
        #expect(throws: IngestError.self) { try DocumentRule(parsing: "/documents/") }
    }
}
