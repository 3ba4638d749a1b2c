/// An append-only table of distinct strings addressed by dense codes.
///
/// String columns store codes into one of these; every kernel that touches
/// strings works on codes and consults the dictionary once per entry, not
/// once per row. It is a reference type on purpose: vectors and chunks share
/// one dictionary by identity, and equal codes mean equal strings only
/// within the same dictionary (`===`).
///
/// Thread safety: a dictionary is mutated only by its builder (an importer,
/// the store while merging a batch, or one query's operator) before anyone
/// else sees it; shared dictionaries are never mutated afterwards.
public final class StringDictionary: @unchecked Sendable {
    @usableFromInline var bytes: [UInt8]
    /// `offsets[i] ..< offsets[i + 1]` are the bytes of entry `i`.
    @usableFromInline var offsets: [UInt32]
    /// Open-addressing index (code + 1, 0 = empty), built on the first `intern`.
    var slots: [UInt32] = []

    /// Creates an empty dictionary.
    public init() {
        bytes = []
        offsets = [0]
    }

    /// Creates a dictionary from its serialised parts.
    /// - Parameters:
    ///   - bytes: the UTF-8 bytes of all entries, back to back.
    ///   - offsets: `count + 1` ascending offsets into `bytes`, starting at 0.
    public init(bytes: [UInt8], offsets: [UInt32]) {
        precondition(offsets.first == 0 && Int(offsets.last ?? 0) == bytes.count)
        self.bytes = bytes
        self.offsets = offsets
    }

    /// Creates a dictionary holding `strings` in order, without removing duplicates.
    public convenience init(_ strings: [String]) {
        self.init()
        for s in strings { append(s) }
    }

    /// The number of entries.
    @inlinable public var count: Int { offsets.count - 1 }

    /// Total bytes of all entries.
    public var byteCount: Int { bytes.count }

    /// The raw parts, for serialisation.
    public var parts: (bytes: [UInt8], offsets: [UInt32]) { (bytes, offsets) }

    /// The string for `code`.
    public subscript(code: Int) -> String {
        withBytes(code) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of entry `code`.
    @inlinable
    public func withBytes<R>(_ code: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = Int(offsets[code])
        let end = Int(offsets[code + 1])
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Length in bytes of entry `code`.
    @inlinable
    public func byteLength(_ code: Int) -> Int { Int(offsets[code + 1] &- offsets[code]) }

    /// Appends an entry without checking for duplicates; returns its code.
    @discardableResult
    public func append(_ string: String) -> UInt32 {
        var s = string
        return s.withUTF8 { append(bytes: $0) }
    }

    /// Appends raw bytes as a new entry; returns its code.
    @discardableResult
    public func append(bytes entry: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let code = store(entry)
        if !slots.isEmpty { insertIntoIndex(code, hash: ByteHash.hash(UnsafeRawBufferPointer(entry))) }
        return code
    }

    private func store(_ entry: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let code = UInt32(count)
        bytes.append(contentsOf: entry)
        precondition(bytes.count <= Int(UInt32.max), "a string dictionary is limited to 4 GiB")
        offsets.append(UInt32(bytes.count))
        return code
    }

    /// Returns the code of `string`, adding it when absent.
    @discardableResult
    public func intern(_ string: String) -> UInt32 {
        var s = string
        return s.withUTF8 { intern(bytes: $0) }
    }

    /// Returns the code of the byte string, adding it when absent.
    public func intern(bytes entry: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if slots.isEmpty { rebuildIndex(capacity: Swift.max(64, count * 2)) }
        // Hashed once: for the lookup and, when absent, for its place in the index.
        let hash = ByteHash.hash(UnsafeRawBufferPointer(entry))
        if let code = find(entry, hash: hash) { return code }
        let code = store(entry)
        insertIntoIndex(code, hash: hash)
        return code
    }

    /// The code of `string` when present.
    public func code(of string: String) -> UInt32? {
        var s = string
        return s.withUTF8 { code(ofBytes: $0) }
    }

    /// The code of a byte string when present.
    public func code(ofBytes entry: UnsafeBufferPointer<UInt8>) -> UInt32? {
        if slots.isEmpty {
            if count == 0 { return nil }
            rebuildIndex(capacity: count * 2)
        }
        return find(entry, hash: ByteHash.hash(UnsafeRawBufferPointer(entry)))
    }

    /// Probes the index for `entry`. Importers call this once per row for
    /// long values (paths, queries, address-and-agent pairs), so the probe
    /// works on raw buffers and compares with `memcmp`.
    private func find(_ entry: UnsafeBufferPointer<UInt8>, hash: UInt64) -> UInt32? {
        slots.withUnsafeBufferPointer { slots in
            offsets.withUnsafeBufferPointer { offsets in
                bytes.withUnsafeBufferPointer { all in
                    let mask = slots.count - 1
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while true {
                        let stored = slots[slot]
                        if stored == 0 { return nil }
                        let start = Int(offsets[Int(stored - 1)])
                        let end = Int(offsets[Int(stored)])
                        if end - start == entry.count,
                           entry.isEmpty || bytesEqual(all.baseAddress! + start, entry.baseAddress!, count: entry.count) {
                            return stored - 1
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    private func hashOf(_ code: Int) -> UInt64 {
        withBytes(code) { ByteHash.hash(UnsafeRawBufferPointer($0)) }
    }

    private func rebuildIndex(capacity: Int) {
        var size = 64
        while size < capacity { size <<= 1 }
        slots = [UInt32](repeating: 0, count: size)
        for c in 0..<count { placeInIndex(UInt32(c), hash: hashOf(c)) }
    }

    private func insertIntoIndex(_ code: UInt32, hash: UInt64) {
        if count * 2 > slots.count {
            rebuildIndex(capacity: count * 2)
        } else {
            placeInIndex(code, hash: hash)
        }
    }

    private func placeInIndex(_ code: UInt32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = code + 1
    }

    /// Compares two entries by their UTF-8 bytes.
    public func compare(_ a: Int, _ b: Int) -> Int {
        withBytes(a) { x in withBytes(b) { y in compareBytes(x, y) } }
    }

    /// Every entry, in code order.
    public var strings: [String] { (0..<count).map { self[$0] } }

    /// Approximate heap bytes used (entries, offsets and index).
    public var memoryFootprint: Int { bytes.capacity + offsets.capacity * 4 + slots.capacity * 4 }
}
