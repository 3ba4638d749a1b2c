import Columnar

/// The decoded values of one segment as the chunk cache keeps them.
///
/// String segments are kept as bare codes: the dictionary is attached when a
/// table snapshot asks for the chunk, so every chunk of a snapshot shares the
/// snapshot's dictionary object and the cache never pins an old dictionary.
enum _SegmentValues: Sendable {
    /// Ints, timestamps, floats and booleans, ready to use.
    case chunk(ColumnChunk)
    /// Dictionary codes of a string segment and its validity.
    case codes(PackedIntegers, Bitmap?)

    /// The number of rows.
    var count: Int {
        switch self {
        case .chunk(let c): c.count
        case .codes(let codes, _): codes.count
        }
    }

    /// Heap bytes held, for the cache budget.
    var byteCount: Int {
        switch self {
        case .chunk(let c): c.byteCount
        case .codes(let codes, let validity): codes.byteCount + (validity.map { $0.words.count * 8 } ?? 0)
        }
    }

    /// The values as a chunk of `type`, strings resolved through `dictionary`.
    func chunk(type: DataType, dictionary: StringDictionary) -> ColumnChunk {
        switch self {
        case .chunk(let c): c
        case .codes(let codes, let validity):
            ColumnChunk(type: type, storage: .strings(codes: codes, dictionary: dictionary), validity: validity)
        }
    }

    /// The first `n` rows: what a snapshot taken before its segment was topped up holds.
    func prefix(_ n: Int) -> _SegmentValues {
        guard n < count else { return self }
        switch self {
        case .chunk(let c):
            let storage: ColumnChunk.Storage = switch c.storage {
            case .integers(let base, let offsets): .integers(base: base, offsets: offsets.prefix(n))
            case .floats(let a): .floats(Array(a.prefix(n)))
            case .booleans(let a): .booleans(Array(a.prefix(n)))
            case .strings(let codes, let d): .strings(codes: codes.prefix(n), dictionary: d)
            }
            return .chunk(ColumnChunk(type: c.type, storage: storage, validity: c.validity?.prefix(n)))
        case .codes(let codes, let validity):
            return .codes(codes.prefix(n), validity?.prefix(n))
        }
    }
}

extension PackedIntegers {
    /// The first `n` values at the same width.
    func prefix(_ n: Int) -> PackedIntegers {
        switch self {
        case .uint8(let a): .uint8(Array(a.prefix(n)))
        case .uint16(let a): .uint16(Array(a.prefix(n)))
        case .uint32(let a): .uint32(Array(a.prefix(n)))
        case .uint64(let a): .uint64(Array(a.prefix(n)))
        }
    }
}

extension Bitmap {
    /// The first `n` bits.
    func prefix(_ n: Int) -> Bitmap {
        Bitmap(words: Array(words.prefix((n + 63) >> 6)), count: n)
    }
}
