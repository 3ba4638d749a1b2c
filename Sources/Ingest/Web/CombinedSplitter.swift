/// Cuts a line of one of the predefined Apache/nginx layouts (Combined,
/// Common, with or without a virtual host) into its fields without walking
/// the layout token by token, for ``LineLayout``.
///
/// It takes only lines in the usual shape and finds in them exactly the
/// spans the generic walk finds (the same searches, in the same order);
/// anything unusual (a line that ends early, a quote the rest of the layout
/// does not follow, a missing separator) makes it give up, and the generic
/// walk then reads the line, so that odd lines are accepted or rejected,
/// with their reasons, by one reader only.
struct _CombinedSplitter {
    /// What comes before the client address.
    enum Prefix {
        case none
        /// `%v:%^ ` (Apache `vhost_combined`).
        case vhostPort
        /// `%v ` (a virtual host then a space).
        case vhost
    }

    let prefix: Prefix
    /// Whether referrer and agent follow the size (Combined), or the size ends the layout (Common).
    let combined: Bool

    /// The splitter for a layout's tokens, nil when they are not one of the predefined line layouts.
    init?(tokens: [LogFormat.Token]) {
        for name in ["COMBINED", "VCOMBINED", "VHOSTCOMBINED", "COMMON", "VCOMMON"] {
            guard let spec = LogFormat.predefined(name)?.spec, let known = try? LogFormat(spec), known.tokens == tokens else { continue }
            prefix = name.hasPrefix("VHOST") ? .vhost : name.hasPrefix("V") ? .vhostPort : .none
            combined = name.hasSuffix("COMBINED")
            return
        }
        return nil
    }

    /// The spans the generic walk would find, or nil (nothing else changed
    /// but `r`'s spans) when the line is not in the usual shape.
    @inline(__always)
    func split(_ line: UnsafeBufferPointer<UInt8>, into r: inout LogRecord, _ f: inout LineLayout.Fields) -> Bool {
        let n = line.count
        let space: UInt8 = 0x20, quote = UInt8(ascii: "\"")
        var i = 0
        switch prefix {
        case .none: break
        case .vhostPort:
            let e = LineLayout.find(UInt8(ascii: ":"), line, from: 0)
            guard e < n else { return false }
            r.vhost = .init(start: 0, end: e)
            let p = LineLayout.find(space, line, from: e + 1)
            guard p < n else { return false }
            i = p + 1
        case .vhost:
            let e = LineLayout.find(space, line, from: 0)
            guard e < n else { return false }
            r.vhost = .init(start: 0, end: e)
            i = e + 1
        }
        // %h %^ %^ [
        let h = LineLayout.find(space, line, from: i)
        guard h < n else { return false }
        r.host = .init(start: i, end: h)
        var e: Int
        if h + 5 < n, line[h + 1] == UInt8(ascii: "-"), line[h + 2] == space, line[h + 3] == UInt8(ascii: "-"), line[h + 4] == space {
            // `- -` (no identity, no user): the two searches would stop right there.
            e = h + 4
        } else {
            let u = LineLayout.find(space, line, from: h + 1)
            guard u < n else { return false }
            e = LineLayout.find(space, line, from: u + 1)
        }
        guard e + 1 < n, line[e + 1] == UInt8(ascii: "[") else { return false }
        // %x] "
        let ts = e + 2
        let close = LineLayout.find(UInt8(ascii: "]"), line, from: ts)
        guard close + 2 < n, line[close + 1] == space, line[close + 2] == quote else { return false }
        f.datetime = .init(start: ts, end: close)
        // %r" %s %b
        let rq = close + 3
        let rqEnd = LineLayout.quoteEnd(line, from: rq)
        guard rqEnd + 1 < n, line[rqEnd + 1] == space else { return false }
        f.request = .init(start: rq, end: rqEnd)
        f.haveRequest = true
        let st = rqEnd + 2
        let stEnd = LineLayout.find(space, line, from: st)
        guard stEnd < n else { return false }
        f.status = .init(start: st, end: stEnd)
        let b = stEnd + 1
        guard combined else {
            f.bytes = .init(start: b, end: n)
            return true
        }
        let bEnd = LineLayout.find(space, line, from: b)
        guard bEnd + 1 < n, line[bEnd + 1] == quote else { return false }
        f.bytes = .init(start: b, end: bEnd)
        f.sizeFollowed = true
        // "%R" "%u"
        let rf = bEnd + 2
        let rfEnd = LineLayout.quoteEnd(line, from: rf)
        guard rfEnd + 2 < n, line[rfEnd + 1] == space, line[rfEnd + 2] == quote else { return false }
        r.referrer = .init(start: rf, end: rfEnd)
        let ag = rfEnd + 3
        r.agent = .init(start: ag, end: LineLayout.quoteEnd(line, from: ag))
        return true
    }
}
