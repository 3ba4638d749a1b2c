import Columnar
import Crypto

/// Turns parsed log records into `hits` rows: anonymises the client,
/// classifies agent and path, resolves the country, assigns the visit.
///
/// Everything that depends only on a repeated value is worked out once per
/// distinct value and kept by dictionary code: the agent's family and kind
/// per agent string, the visitor hash per (address, agent) pair, the country
/// and exclusion per address, the static/download class per path. The raw
/// address lives only in the private address dictionary, which is never stored.
struct HitEncoder {
    /// The `hits` columns, in order (a contract other modules read).
    static let columns: [ColumnSchema] = [
        .init(name: "ts", type: .timestamp), .init(name: "site", type: .string), .init(name: "visitor", type: .string),
        .init(name: "method", type: .string), .init(name: "path", type: .string), .init(name: "query", type: .string),
        .init(name: "status", type: .int64), .init(name: "bytes", type: .int64), .init(name: "referrer_host", type: .string),
        .init(name: "agent", type: .string), .init(name: "agent_kind", type: .string), .init(name: "is_bot", type: .bool),
        .init(name: "is_static", type: .bool), .init(name: "is_download", type: .bool), .init(name: "doc_category", type: .string),
        .init(name: "is_search", type: .bool), .init(name: "country", type: .string), .init(name: "region", type: .string),
        .init(name: "is_pageview", type: .bool), .init(name: "visit", type: .int64), .init(name: "batch", type: .int64),
    ]
    enum C {
        static let ts = 0, site = 1, visitor = 2, method = 3, path = 4, query = 5, status = 6, bytes = 7, referrer = 8
        static let agent = 9, agentKind = 10, isBot = 11, isStatic = 12, isDownload = 13, docCategory = 14, isSearch = 15
        static let country = 16, region = 17, isPageview = 18, visit = 19, batch = 20
    }

    private struct AgentInfo { var family: UInt32; var kind: UInt32; var automated: Bool }
    private struct AddressInfo { var excluded: Bool; var country: UInt32; var region: UInt32; var hasCountry: Bool; var hasRegion: Bool }
    private struct PairInfo { var address: Int32; var agent: Int32; var visitor: UInt32 }
    private struct PathInfo { var isStatic: Bool; var isDownload: Bool; var category: UInt32; var hasCategory: Bool }

    private let agents: AgentClassifier
    private let requests: RequestClassifier
    private let geo: GeoTable?
    private let countries: CountryReference?
    private let excluded: [IPNetwork]
    /// SHA-256 states after the HMAC key's inner and outer pads, so each hash skips the key setup.
    private let innerPad: SHA256
    private let outerPad: SHA256
    private let fixedSite: String?

    // Private dictionaries of raw values (never stored).
    private let rawAgents = StringDictionary()
    private let addresses = StringDictionary()
    private var agentInfo: [AgentInfo] = []
    private var addressInfo: [AddressInfo] = []
    private var pathInfo: [PathInfo] = []
    /// `address \0 agent` of every distinct pair; its code is the visitor's dense index.
    private let pairs = StringDictionary()
    private var pairInfo: [PairInfo] = []
    private var visits: VisitTracker
    private var siteCode: UInt32?
    private var lastVhost: [UInt8] = []
    private var lastVhostCode: UInt32 = 0
    private var hostScratch: [UInt8] = []
    private var lastMethod: [UInt8] = []
    private var lastMethodCode: UInt32 = 0
    private var message: [UInt8] = []
    private let batch: Int64
    /// Requests dropped by `--exclude-ip`.
    private(set) var excludedRequests = 0

    init(batch: Int64, secret: [UInt8], agents: AgentClassifier, requests: RequestClassifier, geo: GeoTable?,
         countries: CountryReference?, excluded: [IPNetwork], site: String?) {
        self.batch = batch
        self.agents = agents
        self.requests = requests
        self.geo = geo
        self.countries = countries
        self.excluded = excluded
        var block = secret.count > 64 ? Array(SHA256.hash(data: secret)) : secret
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256(), outer = SHA256()
        inner.update(data: block.map { $0 ^ 0x36 })
        outer.update(data: block.map { $0 ^ 0x5C })
        innerPad = inner
        outerPad = outer
        fixedSite = site
        visits = VisitTracker(batch: batch)
    }

    /// The number of visits started.
    var visitCount: Int64 { visits.visits }

    /// Appends the row for `r` (whose spans point into `line`); false when the request is excluded.
    mutating func append(_ r: LogRecord, line: UnsafeBufferPointer<UInt8>, to b: inout [ColumnBuilder]) -> Bool {
        // One lookup per row: the (address, agent) pair, whose bytes are also the visitor hash's message.
        let agentBytes = UnsafeBufferPointer(rebasing: line[r.agent.start..<r.agent.end])
        message.removeAll(keepingCapacity: true)
        message.append(contentsOf: UnsafeBufferPointer(rebasing: line[r.host.start..<r.host.end]))
        message.append(0)
        message.append(contentsOf: agentBytes)
        let pair = message.withUnsafeBufferPointer { pairs.intern(bytes: $0) }
        if Int(pair) >= pairInfo.count {
            let address = addresses.intern(bytes: UnsafeBufferPointer(rebasing: line[r.host.start..<r.host.end]))
            if Int(address) >= addressInfo.count { addressInfo.append(describeAddress(Int(address), &b)) }
            let agent = rawAgents.intern(bytes: agentBytes)
            if Int(agent) >= agentInfo.count { agentInfo.append(describeAgent(agentBytes, &b)) }
            pairInfo.append(PairInfo(address: Int32(address), agent: Int32(agent), visitor: visitorCode(&b)))
        }
        let known = pairInfo[Int(pair)]
        let place = addressInfo[Int(known.address)]
        if place.excluded {
            excludedRequests += 1
            return false
        }
        let who = agentInfo[Int(known.agent)]
        let visitor = Int(pair)

        let pathCode = b[C.path].dictionary.intern(bytes: UnsafeBufferPointer(rebasing: line[r.path.start..<r.path.end]))
        if Int(pathCode) >= pathInfo.count { pathInfo.append(describePath(Int(pathCode), &b)) }
        let what = pathInfo[Int(pathCode)]
        let isSearch = r.hasQuery && requests.isSearch(query: UnsafeBufferPointer(rebasing: line[r.query.start..<r.query.end]))
        let methodCode = method(r, line, &b)
        let isGetOrPost = r.method.count == 3 ? line[r.method.start] == UInt8(ascii: "G") && line[r.method.start + 1] == UInt8(ascii: "E") && line[r.method.start + 2] == UInt8(ascii: "T")
            : r.method.count == 4 && line[r.method.start] == UInt8(ascii: "P") && line[r.method.start + 1] == UInt8(ascii: "O") && line[r.method.start + 2] == UInt8(ascii: "S") && line[r.method.start + 3] == UInt8(ascii: "T")
        let counted = (200...299).contains(r.status) || r.status == 304
        let isPageview = !who.automated && !what.isStatic && !what.isDownload && !isSearch && isGetOrPost && counted

        b[C.ts].append(integer: r.ts)
        b[C.site].append(code: site(r, line, &b))
        b[C.visitor].append(code: known.visitor)
        b[C.method].append(code: methodCode)
        b[C.path].append(code: pathCode)
        if r.hasQuery {
            b[C.query].append(stringBytes: UnsafeBufferPointer(rebasing: line[r.query.start..<r.query.end]))
        } else {
            b[C.query].appendNull()
        }
        b[C.status].append(integer: Int64(r.status))
        b[C.bytes].append(integer: r.bytes)
        if LogBytes.referrerHost(line, r.referrer, &hostScratch) {
            let code = hostScratch.withUnsafeBufferPointer { b[C.referrer].dictionary.intern(bytes: $0) }
            b[C.referrer].append(code: code)
        } else {
            b[C.referrer].appendNull()
        }
        b[C.agent].append(code: who.family)
        b[C.agentKind].append(code: who.kind)
        b[C.isBot].append(bool: who.automated)
        b[C.isStatic].append(bool: what.isStatic)
        b[C.isDownload].append(bool: what.isDownload)
        if what.hasCategory { b[C.docCategory].append(code: what.category) } else { b[C.docCategory].appendNull() }
        b[C.isSearch].append(bool: isSearch)
        if place.hasCountry { b[C.country].append(code: place.country) } else { b[C.country].appendNull() }
        if place.hasRegion { b[C.region].append(code: place.region) } else { b[C.region].appendNull() }
        b[C.isPageview].append(bool: isPageview)
        b[C.visit].append(integer: visits.visit(visitor: visitor, ts: r.ts))
        b[C.batch].append(integer: batch)
        return true
    }

    private mutating func site(_ r: LogRecord, _ line: UnsafeBufferPointer<UInt8>, _ b: inout [ColumnBuilder]) -> UInt32 {
        if let siteCode { return siteCode }
        if let fixedSite {
            let code = b[C.site].dictionary.intern(fixedSite)
            siteCode = code
            return code
        }
        guard !r.vhost.isEmpty else { return b[C.site].dictionary.intern("default") }
        let vhost = UnsafeBufferPointer(rebasing: line[r.vhost.start..<r.vhost.end])
        if vhost.elementsEqual(lastVhost) { return lastVhostCode }
        lastVhost = Array(vhost)
        let lower = lastVhost.map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 }
        lastVhostCode = lower.withUnsafeBufferPointer { b[C.site].dictionary.intern(bytes: $0) }
        return lastVhostCode
    }

    private mutating func method(_ r: LogRecord, _ line: UnsafeBufferPointer<UInt8>, _ b: inout [ColumnBuilder]) -> UInt32 {
        if r.method.isEmpty { return b[C.method].dictionary.intern("-") }
        let m = UnsafeBufferPointer(rebasing: line[r.method.start..<r.method.end])
        if m.elementsEqual(lastMethod) { return lastMethodCode }
        lastMethod = Array(m)
        lastMethodCode = b[C.method].dictionary.intern(bytes: m)
        return lastMethodCode
    }

    private func describeAddress(_ code: Int, _ b: inout [ColumnBuilder]) -> AddressInfo {
        var info = AddressInfo(excluded: false, country: 0, region: 0, hasCountry: false, hasRegion: false)
        guard let ip = addresses.withBytes(code, { IPAddress.parse($0) }) else { return info }
        info.excluded = excluded.contains { $0.contains(ip) }
        if let geo, let alpha2 = geo.country(of: ip) {
            info.country = b[C.country].dictionary.intern(alpha2)
            info.hasCountry = true
            if let group = countries?.country(alpha2: alpha2)?.group {
                info.region = b[C.region].dictionary.intern(group.name)
                info.hasRegion = true
            }
        }
        return info
    }

    private func describeAgent(_ bytes: UnsafeBufferPointer<UInt8>, _ b: inout [ColumnBuilder]) -> AgentInfo {
        let result = agents.classify(bytes)
        return AgentInfo(family: b[C.agent].dictionary.intern(result.family), kind: b[C.agentKind].dictionary.intern(result.kind.rawValue),
                         automated: result.isAutomated)
    }

    private func describePath(_ code: Int, _ b: inout [ColumnBuilder]) -> PathInfo {
        let c = b[C.path].dictionary.withBytes(code) { requests.classify(path: $0) }
        var info = PathInfo(isStatic: c.isStatic, isDownload: c.isDownload, category: 0, hasCategory: false)
        if let category = c.category {
            info.category = b[C.docCategory].dictionary.intern(category)
            info.hasCategory = true
        }
        return info
    }

    /// HMAC-SHA256 (RFC 2104) of `message` (address, 0, agent) under the workspace secret, first 8 bytes in hex.
    private func visitorCode(_ b: inout [ColumnBuilder]) -> UInt32 {
        var inner = innerPad
        message.withUnsafeBytes { inner.update(bufferPointer: $0) }
        var outer = outerPad
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        let mac = outer.finalize()
        var hex = [UInt8](repeating: 0, count: 16)
        let digits = Array("0123456789abcdef".utf8)
        for (i, byte) in mac.prefix(8).enumerated() {
            hex[2 * i] = digits[Int(byte >> 4)]
            hex[2 * i + 1] = digits[Int(byte & 0xF)]
        }
        return hex.withUnsafeBufferPointer { b[C.visitor].dictionary.intern(bytes: $0) }
    }
}
