import Columnar

/// Merges the dictionaries of incoming string chunks into a column's global,
/// append-only dictionary during one append.
///
/// The global dictionary here is a private copy of the committed one: it is
/// mutated only by this batch and published to readers after the commit, so
/// a dictionary that readers hold is never mutated under them.
struct _StringMerger {
    /// The column's dictionary: committed entries, then this batch's new ones.
    let dictionary: StringDictionary
    /// Entries that were committed before this batch.
    let committedCount: Int
    /// Chunk-code → global-code maps of recently seen source dictionaries
    /// (importers usually reuse one dictionary across the pieces of a file).
    private var maps: [(source: StringDictionary, map: [UInt32])] = []
    private static let unmapped = UInt32.max
    private static let mapsKept = 4

    /// Starts from the committed dictionary `base`, which is left untouched.
    init(base: StringDictionary) {
        let parts = base.parts
        dictionary = StringDictionary(bytes: parts.bytes, offsets: parts.offsets)
        committedCount = base.count
    }

    private mutating func mapIndex(for source: StringDictionary) -> Int {
        if let i = maps.lastIndex(where: { $0.source === source }) {
            if maps[i].map.count < source.count {
                maps[i].map.append(contentsOf: repeatElement(Self.unmapped, count: source.count - maps[i].map.count))
            }
            return i
        }
        if maps.count == Self.mapsKept { maps.removeFirst() }
        maps.append((source, [UInt32](repeating: Self.unmapped, count: source.count)))
        return maps.count - 1
    }

    /// Writes the global codes of rows `range` to `out`, one slot per row (0 for null rows).
    mutating func remap<T: FixedWidthInteger & UnsignedInteger>(
        _ codes: [T], _ range: Range<Int>, validity: Bitmap?, from source: StringDictionary, to out: UnsafeMutableBufferPointer<Int64>
    ) {
        precondition(out.count >= range.count)
        let m = mapIndex(for: source)
        let global = dictionary
        maps[m].map.withUnsafeMutableBufferPointer { map in
            codes.withUnsafeBufferPointer { codes in
                // The validity's words are read directly: a call per row to the bitmap's subscript costs more than the remap.
                let words = validity?.words ?? []
                let checked = validity != nil
                for (k, i) in range.enumerated() {
                    if checked, words[i >> 6] & (1 << UInt64(i & 63)) == 0 {
                        out[k] = 0
                        continue
                    }
                    out[k] = Int64(Self.global(Int(codes[i]), map, source, global))
                }
            }
        }
    }

    /// Writes the global codes of `codes` to `out`, one slot per row (0 for rows whose `valid` flag is 0).
    mutating func remap(_ codes: UnsafeBufferPointer<UInt32>, valid: UnsafeBufferPointer<UInt8>?, from source: StringDictionary,
                        to out: UnsafeMutablePointer<Int64>) {
        let m = mapIndex(for: source)
        let global = dictionary
        maps[m].map.withUnsafeMutableBufferPointer { map in
            if let valid {
                for i in codes.indices {
                    out[i] = valid[i] != 0 ? Int64(Self.global(Int(codes[i]), map, source, global)) : 0
                }
            } else {
                for i in codes.indices {
                    out[i] = Int64(Self.global(Int(codes[i]), map, source, global))
                }
            }
        }
    }

    /// Appends the global codes of `codes` to `out` (0 for rows whose `valid` flag is 0).
    mutating func remap(_ codes: UnsafeBufferPointer<UInt32>, valid: UnsafeBufferPointer<UInt8>?, from source: StringDictionary,
                        into out: inout [Int64]) {
        let first = out.count
        out.append(contentsOf: repeatElement(0, count: codes.count))
        out.withUnsafeMutableBufferPointer { remap(codes, valid: valid, from: source, to: $0.baseAddress! + first) }
    }

    /// The global code of `source`'s entry `c`, interned the first time it is seen.
    @inline(__always)
    private static func global(_ c: Int, _ map: UnsafeMutableBufferPointer<UInt32>, _ source: StringDictionary,
                               _ global: StringDictionary) -> UInt32 {
        let known = map[c]
        if known != unmapped { return known }
        let g = source.withBytes(c) { global.intern(bytes: $0) }
        map[c] = g
        return g
    }

    /// Whether the batch added strings to the dictionary.
    var hasNewEntries: Bool { dictionary.count > committedCount }
}
