import Columnar
import Store
import Crypto

/// Turns parsed log records into `hits` rows: anonymises the client,
/// classifies agent and path, resolves the country, assigns the visit.
///
/// Everything that depends only on a repeated value is worked out once per
/// distinct value and kept with it: the agent's family and kind per agent
/// string, the visitor hash per (address, agent) pair, the country and
/// exclusion per address, the static/download class per path, the search
/// flag per query, each value's code in its column's dictionary. Lookups go
/// through interners (``ByteInterner``, ``InlineInterner``, ``PairTable``) rather than
/// the column dictionaries, and rows into fixed buffers (``HitColumns``):
/// this runs once per line. The raw address lives only in the private
/// interners, which are never stored.
struct HitEncoder {
    /// The `hits` columns, in order (a contract other modules read).
    static let columns = CanonicalSchema.hits.columns
    enum C {
        static let ts = 0, site = 1, visitor = 2, method = 3, path = 4, query = 5, status = 6, bytes = 7, referrer = 8
        static let agent = 9, agentKind = 10, isBot = 11, isStatic = 12, isDownload = 13, docCategory = 14, isSearch = 15
        static let country = 16, region = 17, isPageview = 18, visit = 19, batch = 20
    }

    /// What is known of an agent, and the hash of its bytes (which places its pairs in ``PairTable``).
    private struct AgentInfo { var family: UInt32; var kind: UInt32; var automated: Bool; var hash: UInt64 = 0 }
    /// Flags last, so that the pair record below takes 40 bytes.
    /// `excluded` is also set for an unreadable address, so that a line tests one flag for both.
    private struct AddressInfo {
        var country: UInt32; var region: UInt32; var excluded: Bool; var hasCountry: Bool; var hasRegion: Bool; var unreadable = false
    }
    /// What a line needs of its (address, agent) pair, in one record: the visitor's code, its place and its
    /// current visit. Kept in the pair's slot (``PairTable``), so a line reads one cache line for all of them.
    private struct PairInfo {
        var visit = VisitTracker.Current()
        var visitor: UInt32
        var place: AddressInfo
    }
    private struct PathInfo {
        var code: UInt32
        var isStatic: Bool
        var isDownload: Bool
        var category: UInt32
        var hasCategory: Bool

        init(code: UInt32, isStatic: Bool, isDownload: Bool, category: UInt32, hasCategory: Bool) {
            precondition(category < 1 << 29, "too many document categories")
            (self.code, self.isStatic, self.isDownload, self.category, self.hasCategory) = (code, isStatic, isDownload, category, hasCategory)
        }

        /// Kept in the path's interner entry as one word: code, three flags, category.
        init(packed v: UInt64) {
            code = UInt32(truncatingIfNeeded: v)
            isStatic = v & 1 << 32 != 0
            isDownload = v & 1 << 33 != 0
            hasCategory = v & 1 << 34 != 0
            category = UInt32(truncatingIfNeeded: v >> 35)
        }

        var packed: UInt64 {
            UInt64(code) | (isStatic ? 1 << 32 : 0) | (isDownload ? 1 << 33 : 0) | (hasCategory ? 1 << 34 : 0) | UInt64(category) << 35
        }
    }

    private let agents: AgentClassifier
    private let requests: RequestClassifier
    private let geo: GeoTable?
    private let countries: CountryReference?
    private let excluded: [IPNetwork]
    /// SHA-256 states after the HMAC key's inner and outer pads, so each hash skips the key setup.
    private let innerPad: SHA256
    private let outerPad: SHA256
    private let fixedSite: String?
    /// The column dictionaries, by column (empty ones for the other columns).
    private let dictionaries: [StringDictionary]

    // Raw values seen, by first sight; the addresses are never stored.
    private var rawAgents = ByteInterner()
    private var addresses = ByteInterner(capacity: 4096)
    /// Every distinct (address, agent) pair with its record.
    private var shortPairs = PairTable<PairInfo>()
    /// Pairs whose address is too long for `shortPairs`: `address bytes, agent's code (4 bytes)`, to their index in `longPairInfo`.
    private var longPairs = ByteInterner()
    private var longPairInfo: [PairInfo] = []
    private var paths = InlineInterner(capacity: 4096)
    private var queries = ByteInterner(capacity: 4096)
    private var referrers = ByteInterner()
    private var methods = ByteInterner(capacity: 16)
    private var vhosts = ByteInterner(capacity: 16)
    private var agentInfo: [AgentInfo] = []
    private var addressInfo: [AddressInfo] = []
    private var siteCode: UInt32?
    private var defaultSiteCode: UInt32?
    private var noMethodCode: UInt32?
    /// The last method's bytes and length packed in a word (0: none), and its code.
    private var lastMethod: UInt64 = 0
    private var lastMethodCode: UInt32 = 0
    private var visits: VisitTracker
    private var columns = HitColumns()
    /// Rows in `columns`.
    private(set) var pending = 0
    private let batch: Int64
    /// Requests dropped by `--exclude-ip`.
    private(set) var excludedRequests = 0

    init(batch: Int64, secret: [UInt8], agents: AgentClassifier, requests: RequestClassifier, geo: GeoTable?,
         countries: CountryReference?, excluded: [IPNetwork], site: String?, dictionaries: [StringDictionary]) {
        self.batch = batch
        self.agents = agents
        self.requests = requests
        self.geo = geo
        self.countries = countries
        self.excluded = excluded
        self.dictionaries = dictionaries
        var block = secret.count > 64 ? Array(SHA256.hash(data: secret)) : secret
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256(), outer = SHA256()
        inner.update(data: block.map { $0 ^ 0x36 })
        outer.update(data: block.map { $0 ^ 0x5C })
        innerPad = inner
        outerPad = outer
        fixedSite = site
        visits = VisitTracker(batch: batch)
        assert(MemoryLayout<PairInfo>.size <= 40, "a pair's slot no longer fits one cache line")
    }

    /// The number of visits started.
    var visitCount: Int64 { visits.visits }

    /// Whether a piece of rows is ready to be written (``write(to:)``).
    var isFull: Bool { pending == HitColumns.capacity }

    /// Writes the pending rows and empties the buffer.
    mutating func write(to sink: inout RowSink) throws {
        try sink.write(rows: pending, columns.buffers(rows: pending, batch: batch, dictionaries: dictionaries))
        pending = 0
    }

    /// Adds the row of line `number` (``append(_:line:)``) and writes the
    /// pending rows once they fill a piece; a line refused is the sink's reject.
    /// - Parameter ending: how the line ended, for the reject's reason.
    @inline(__always)
    mutating func add(_ r: LogRecord, line: UnsafeBufferPointer<UInt8>, number: Int, ending: LineSplitter.Ending = .newline,
                      to sink: inout RowSink) throws {
        let stored: Bool
        do throws(LineFault) {
            stored = try append(r, line: line)
        } catch {
            sink.reject(line: number, reason: WebLogImport.reason(error, ending), text: String(decoding: line, as: UTF8.self))
            return
        }
        if stored, isFull { try write(to: &sink) }
    }

    @inline(__always) private static func slice(_ line: UnsafeBufferPointer<UInt8>, _ s: LogRecord.Span) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[s.start..<s.end])
    }

    /// Starts bringing in the slots a later ``append(_:line:)`` of `r` will
    /// read (its pair's and its path's), which are rarely in cache when
    /// visitors and paths are many.
    @inline(__always)
    func prefetch(_ r: LogRecord) {
        if r.host.count <= PairTable<PairInfo>.maxAddressBytes { shortPairs.prefetch(hash: r.pairHash) }
        paths.prefetch(hash: r.pathHash)
    }

    /// Adds the row for `r` (whose spans point into `line`, its lookups
    /// prepared: ``LogRecord/prepareLookups(_:)``) to the pending rows; false
    /// when the request is excluded. Call ``write(to:)`` when ``isFull``.
    /// - Throws: why the line is refused: its client is neither an IP
    ///   address nor a host name (GoAccess refuses such lines too).
    mutating func append(_ r: LogRecord, line: UnsafeBufferPointer<UInt8>) throws(LineFault) -> Bool {
        // The agent first (few distinct, so its lookup stays in cache), then the pair keyed by address and agent code.
        let agentBytes = Self.slice(line, r.agent)
        let agent = rawAgents.intern(agentBytes, hash: r.agentHash)
        if agent.isNew {
            var info = describeAgent(agentBytes)
            info.hash = r.agentHash
            agentInfo.append(info)
        }
        let host = Self.slice(line, r.host)
        let agentCode = UInt32(agent.code)
        // The visit is assigned here, where the pair's record is at hand (nothing below changes visits).
        let known: PairInfo
        let visit: Int64
        if host.count <= PairTable<PairInfo>.maxAddressBytes {
            let place = agentInfo.withUnsafeBufferPointer { known in
                shortPairs.find(low: r.hostLow, high: r.hostHigh, length: host.count, agent: agentCode, hash: r.pairHash) { known[Int($0)].hash }
            }
            if place.isNew { shortPairs.insert(describePair(host: host, agentBytes: agentBytes), at: place, address: host, agent: agentCode) }
            let record = shortPairs.record(at: place)
            if record.pointee.place.excluded {
                if record.pointee.place.unreadable { throw Self.unreadable(host) }
                excludedRequests += 1
                return false
            }
            visit = visits.visit(&record.pointee.visit, ts: r.ts)
            known = record.pointee
        } else {
            // Longer addresses (some IPv6, host names): keyed by the address's bytes and the agent's code.
            let long = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: host.count + 4) { key in
                key.baseAddress!.update(from: host.baseAddress!, count: host.count)
                var code = agentCode
                withUnsafeBytes(of: &code) { UnsafeMutableRawPointer(key.baseAddress! + host.count).copyMemory(from: $0.baseAddress!, byteCount: 4) }
                return longPairs.intern(UnsafeBufferPointer(key))
            }
            if long.isNew { longPairInfo.append(describePair(host: host, agentBytes: agentBytes)) }
            if longPairInfo[long.code].place.excluded {
                if longPairInfo[long.code].place.unreadable { throw Self.unreadable(host) }
                excludedRequests += 1
                return false
            }
            visit = visits.visit(&longPairInfo[long.code].visit, ts: r.ts)
            known = longPairInfo[long.code]
        }
        let who = agentInfo[agent.code]

        // What is known of a path, a query, a referrer host is kept in its interner entry, read with it.
        let pathBytes = Self.slice(line, r.path)
        let pathEntry = paths.intern(pathBytes, hash: r.pathHash)
        var pathValue = pathEntry.value
        if pathEntry.isNew {
            pathValue = describePath(pathBytes).packed
            paths.setValue(pathValue, of: pathEntry)
        }
        let what = PathInfo(packed: pathValue)
        var isSearch = false
        var queryCode: UInt32 = 0
        if r.hasQuery {
            let q = Self.slice(line, r.query)
            let entry = queries.intern(q, hash: r.queryHash)
            // The query's code in the query column, bit 63 set when it is a site search.
            var info = entry.value
            if entry.isNew {
                info = UInt64(dictionaries[C.query].intern(bytes: q)) | (requests.isSearch(query: q) ? 1 << 63 : 0)
                queries.setValue(info, of: entry)
            }
            queryCode = UInt32(truncatingIfNeeded: info)
            isSearch = info >> 63 != 0
        }
        let methodCode = method(r, line)
        let isGetOrPost = r.method.count == 3 ? line[r.method.start] == UInt8(ascii: "G") && line[r.method.start + 1] == UInt8(ascii: "E") && line[r.method.start + 2] == UInt8(ascii: "T")
            : r.method.count == 4 && line[r.method.start] == UInt8(ascii: "P") && line[r.method.start + 1] == UInt8(ascii: "O") && line[r.method.start + 2] == UInt8(ascii: "S") && line[r.method.start + 3] == UInt8(ascii: "T")
        let counted = (200...299).contains(r.status) || r.status == 304
        let isPageview = !who.automated && !what.isStatic && !what.isDownload && !isSearch && isGetOrPost && counted

        let n = pending
        columns.ts[n] = r.ts
        columns.site[n] = site(r, line)
        columns.visitor[n] = known.visitor
        columns.method[n] = methodCode
        columns.path[n] = what.code
        columns.query[n] = queryCode
        columns.queryValid[n] = r.hasQuery ? 1 : 0
        columns.status[n] = Int64(r.status)
        columns.bytes[n] = r.bytes
        let referrer = referrerCode(r, line)
        columns.referrer[n] = referrer ?? 0
        columns.referrerValid[n] = referrer == nil ? 0 : 1
        columns.agent[n] = who.family
        columns.agentKind[n] = who.kind
        columns.isBot[n] = who.automated ? 1 : 0
        columns.isStatic[n] = what.isStatic ? 1 : 0
        columns.isDownload[n] = what.isDownload ? 1 : 0
        columns.docCategory[n] = what.category
        columns.docCategoryValid[n] = what.hasCategory ? 1 : 0
        columns.isSearch[n] = isSearch ? 1 : 0
        columns.country[n] = known.place.country
        columns.countryValid[n] = known.place.hasCountry ? 1 : 0
        columns.region[n] = known.place.region
        columns.regionValid[n] = known.place.hasRegion ? 1 : 0
        columns.isPageview[n] = isPageview ? 1 : 0
        columns.visit[n] = visit
        pending = n + 1
        return true
    }

    private mutating func referrerCode(_ r: LogRecord, _ line: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard r.hasReferrerHost else { return nil }
        let host = Self.slice(line, r.referrerHost)
        guard r.referrerHostHasUpper else { return referrerCode(host) }
        let lower = host.map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 }
        return lower.withUnsafeBufferPointer { referrerCode($0) }
    }

    private mutating func referrerCode(_ host: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let entry = referrers.intern(host)
        if !entry.isNew { return UInt32(truncatingIfNeeded: entry.value) }
        let code = dictionaries[C.referrer].intern(bytes: host)
        referrers.setValue(UInt64(code), of: entry)
        return code
    }

    private mutating func site(_ r: LogRecord, _ line: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if let siteCode { return siteCode }
        if let fixedSite {
            let code = dictionaries[C.site].intern(fixedSite)
            siteCode = code
            return code
        }
        guard !r.vhost.isEmpty else {
            if let defaultSiteCode { return defaultSiteCode }
            let code = dictionaries[C.site].intern("default")
            defaultSiteCode = code
            return code
        }
        let vhost = Self.slice(line, r.vhost)
        let known = vhosts.intern(vhost)
        if !known.isNew { return UInt32(truncatingIfNeeded: known.value) }
        let lower = vhost.map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 }
        let code = lower.withUnsafeBufferPointer { dictionaries[C.site].intern(bytes: $0) }
        vhosts.setValue(UInt64(code), of: known)
        return code
    }

    private mutating func method(_ r: LogRecord, _ line: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if r.method.isEmpty {
            if let noMethodCode { return noMethodCode }
            let code = dictionaries[C.method].intern("-")
            noMethodCode = code
            return code
        }
        let m = Self.slice(line, r.method)
        // Most lines repeat the method before them (GET): checked as one word, no lookup.
        var word: UInt64 = 0
        if m.count <= 7 {
            for (k, byte) in m.enumerated() { word |= UInt64(byte) << UInt64(8 * k) }
            word |= UInt64(m.count) << 56
            if word == lastMethod { return lastMethodCode }
        }
        let known = methods.intern(m)
        var code = UInt32(truncatingIfNeeded: known.value)
        if known.isNew {
            code = dictionaries[C.method].intern(bytes: m)
            methods.setValue(UInt64(code), of: known)
        }
        lastMethod = word
        lastMethodCode = code
        return lastMethodCode
    }

    private static func unreadable(_ host: UnsafeBufferPointer<UInt8>) -> LineFault {
        .layout("the client address \(LineLayout.show(host, .init(start: 0, end: host.count))) is neither an IP address nor a host name")
    }

    /// Works out once per distinct (address, agent) pair what its lines share.
    private mutating func describePair(host: UnsafeBufferPointer<UInt8>, agentBytes: UnsafeBufferPointer<UInt8>) -> PairInfo {
        let address = addresses.intern(host)
        if address.isNew { addressInfo.append(describeAddress(host)) }
        return PairInfo(visitor: visitorCode(host: host, agent: agentBytes), place: addressInfo[address.code])
    }

    private func describeAddress(_ host: UnsafeBufferPointer<UInt8>) -> AddressInfo {
        var info = AddressInfo(country: 0, region: 0, excluded: false, hasCountry: false, hasRegion: false)
        guard let ip = IPAddress.parse(host) else {
            // A host name (Apache's HostnameLookups) is a client still, with no country; anything else is damage.
            if !IPAddress.isHostName(host) { (info.excluded, info.unreadable) = (true, true) }
            return info
        }
        info.excluded = excluded.contains { $0.contains(ip) }
        if let geo, let alpha2 = geo.country(of: ip) {
            info.country = dictionaries[C.country].intern(alpha2)
            info.hasCountry = true
            if let group = countries?.country(alpha2: alpha2)?.group {
                info.region = dictionaries[C.region].intern(group.name)
                info.hasRegion = true
            }
        }
        return info
    }

    private func describeAgent(_ bytes: UnsafeBufferPointer<UInt8>) -> AgentInfo {
        let result = agents.classify(bytes)
        return AgentInfo(family: dictionaries[C.agent].intern(result.family), kind: dictionaries[C.agentKind].intern(result.kind.rawValue),
                         automated: result.isAutomated)
    }

    private func describePath(_ path: UnsafeBufferPointer<UInt8>) -> PathInfo {
        let c = requests.classify(path: path)
        var info = PathInfo(code: dictionaries[C.path].intern(bytes: path), isStatic: c.isStatic, isDownload: c.isDownload,
                            category: 0, hasCategory: false)
        if let category = c.category {
            info.category = dictionaries[C.docCategory].intern(category)
            info.hasCategory = true
        }
        return info
    }

    /// HMAC-SHA256 (RFC 2104) of (address, 0, agent) under the workspace secret, first 8 bytes in hex.
    ///
    /// Once per distinct pair, but pairs are many (a visitor a pair): the
    /// message goes in as one update and the hex is written on the stack, so
    /// that a pair costs the two hash states it copies and no other allocation.
    private func visitorCode(host: UnsafeBufferPointer<UInt8>, agent: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var inner = innerPad
        let length = host.count + 1 + agent.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { message in
            let m = message.baseAddress!
            if let h = host.baseAddress { m.update(from: h, count: host.count) }
            m[host.count] = 0
            if let a = agent.baseAddress { (m + host.count + 1).update(from: a, count: agent.count) }
            inner.update(bufferPointer: UnsafeRawBufferPointer(start: m, count: length))
        }
        var outer = outerPad
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        return outer.finalize().withUnsafeBytes { mac in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { hex in
                for i in 0..<8 {
                    let byte = mac[i]
                    hex[2 * i] = Self.hexDigit(byte >> 4)
                    hex[2 * i + 1] = Self.hexDigit(byte & 0xF)
                }
                return dictionaries[C.visitor].intern(bytes: UnsafeBufferPointer(hex))
            }
        }
    }

    /// The lower-case hex digit of `v` (0–15).
    @inline(__always)
    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10
    }
}
