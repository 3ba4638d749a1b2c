import Columnar

/// How a run of 64-bit integers is laid out in a segment.
enum _IntegerEncoding: UInt8, Sendable {
    /// `value - min`, bit-packed at the width of `max - min` (0 bits: constant).
    case frameOfReference = 1
    /// Differences between neighbours, minus the smallest difference, bit-packed:
    /// sorted or nearly sorted columns such as timestamps.
    case delta = 2
    /// Up to 256 distinct values listed once, rows bit-packed as indices into
    /// the list: few spread-out values such as HTTP statuses.
    case dictionary = 3
}

/// Encodes and decodes runs of integers (ints, timestamps, dictionary codes,
/// booleans as 0/1, integral floats) choosing the smallest layout per run.
///
/// Layout: `u8 encoding, i64 min, i64 max`, then
/// - frame of reference: `u8 width`, packed `value - min`;
/// - delta: `i64 first, i64 minDelta, u8 width`, packed `delta - minDelta` for rows 1…;
/// - dictionary: `u32 k`, `k` ascending `i64` values, `u8 width`, packed indices.
enum _IntegerCodec {
    /// Most distinct values the dictionary layout takes.
    static let dictionaryLimit = 256

    /// What was chosen, for the catalog's `encoding` column.
    static func name(_ encoding: _IntegerEncoding, width: Int) -> String {
        switch encoding {
        case .frameOfReference: width == 0 ? "constant" : "bitpacked"
        case .delta: "delta"
        case .dictionary: "dictionary"
        }
    }

    /// What the choice of layout needs to know of a run: its smallest and
    /// largest value, and its smallest and largest difference between neighbours.
    struct Survey {
        var min: Int64
        var max: Int64
        var minDelta: Int64
        var maxDelta: Int64
        /// Whether the differences were surveyed (else the delta layout is not considered).
        var hasDeltas = true
    }

    /// The bounds of 0/1 values (booleans), without differences: for them
    /// bit-packing at one bit a row is never larger than the delta layout,
    /// which then needs no survey. `values` must not be empty.
    static func surveyFlags(_ values: UnsafeBufferPointer<Int64>) -> Survey {
        // AND and OR of 0/1 values are their minimum and maximum, and vectorise.
        var all: Int64 = 1, any: Int64 = 0
        for v in values {
            all &= v
            any |= v
        }
        return Survey(min: all, max: any, minDelta: 0, maxDelta: 0, hasDeltas: false)
    }

    /// Surveys `values` in one pass (bounds `(max, min)` of Int64 when empty,
    /// deltas `(max, min)` with fewer than two values).
    static func survey(_ values: UnsafeBufferPointer<Int64>) -> Survey {
        var lo = Int64.max, hi = Int64.min
        var minDelta = Int64.max, maxDelta = Int64.min
        guard let base = values.baseAddress, !values.isEmpty else { return Survey(min: lo, max: hi, minDelta: minDelta, maxDelta: maxDelta) }
        lo = base[0]
        hi = base[0]
        for i in 1..<values.count {
            let v = base[i]
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
            let d = v &- base[i - 1]
            minDelta = Swift.min(minDelta, d)
            maxDelta = Swift.max(maxDelta, d)
        }
        return Survey(min: lo, max: hi, minDelta: minDelta, maxDelta: maxDelta)
    }

    /// Appends the smallest encoding of `values` to `writer`; `known`, when
    /// the caller has surveyed them already (``survey(_:)``), saves a pass.
    /// - Returns: the encoding's name.
    static func encode(_ values: UnsafeBufferPointer<Int64>, survey known: Survey? = nil, into writer: inout _ByteWriter) -> String {
        let n = values.count
        let survey = known ?? Self.survey(values)
        var (lo, hi) = (survey.min, survey.max)
        if n == 0 { lo = 0; hi = 0 }
        let forWidth = _BitPacking.bitWidth(UInt64(bitPattern: hi &- lo))
        var best = (encoding: _IntegerEncoding.frameOfReference, size: 1 + _BitPacking.byteCount(count: n, width: forWidth))

        let minDelta = survey.minDelta
        var deltaWidth = 0
        if n >= 2, forWidth > 0, survey.hasDeltas {
            deltaWidth = _BitPacking.bitWidth(UInt64(bitPattern: survey.maxDelta &- minDelta))
            let size = 17 + _BitPacking.byteCount(count: n - 1, width: deltaWidth)
            if size < best.size { best = (.delta, size) }
        }

        var distinct: _SmallIntegerSet?
        // Two values or more take at least a bit a row: a layout already that small cannot lose to the list.
        if forWidth > 1, best.size > 5 + 16 + _BitPacking.byteCount(count: n, width: 1) {
            // The list grows with every distinct value, so past the count where it
            // stops being smaller it cannot win: the search gives up there.
            distinct = _SmallIntegerSet(values, limit: Self.listLimit(count: n, below: best.size))
            if let set = distinct {
                let size = dictionarySize(count: n, distinct: set.count)
                if size < best.size { best = (.dictionary, size) }
            }
        }

        writer.append(best.encoding.rawValue)
        writer.append(lo)
        writer.append(hi)
        // The packed values are worked out as they are packed, without an array of their own.
        switch best.encoding {
        case .frameOfReference:
            writePacked(count: n, width: forWidth, into: &writer) { UInt64(bitPattern: values[$0] &- lo) }
            return name(.frameOfReference, width: forWidth)
        case .delta:
            writer.append(values[0])
            writer.append(minDelta)
            writePacked(count: n - 1, width: deltaWidth, into: &writer) { UInt64(bitPattern: (values[$0 + 1] &- values[$0]) &- minDelta) }
            return name(.delta, width: deltaWidth)
        case .dictionary:
            let set = distinct!
            let sorted = set.sortedValues
            writer.append(UInt32(sorted.count))
            for v in sorted { writer.append(v) }
            let index = set.indexing(sorted)
            writePacked(count: n, width: _BitPacking.bitWidth(UInt64(sorted.count - 1)), into: &writer) { UInt64(index.index(of: values[$0])) }
            return name(.dictionary, width: 0)
        }
    }

    /// The most distinct values for which the dictionary layout of `count`
    /// rows takes fewer than `size` bytes (at most ``dictionaryLimit``).
    static func listLimit(count n: Int, below size: Int) -> Int {
        var k = 1
        while k < dictionaryLimit, dictionarySize(count: n, distinct: k + 1) < size { k += 1 }
        return k
    }

    @inline(__always)
    private static func dictionarySize(count n: Int, distinct k: Int) -> Int {
        5 + 8 * k + _BitPacking.byteCount(count: n, width: _BitPacking.bitWidth(UInt64(k - 1)))
    }

    @inline(__always)
    private static func writePacked(count: Int, width: Int, into writer: inout _ByteWriter, _ value: (Int) -> UInt64) {
        writer.append(UInt8(width))
        writer.appendZeroed(_BitPacking.byteCount(count: count, width: width)) { out in
            _BitPacking.pack(count: count, width: width, into: out, value)
        }
    }

    /// The part of an encoded run read before its values.
    struct Header {
        var encoding: _IntegerEncoding
        var min: Int64
        var max: Int64
    }

    static func readHeader(_ reader: inout _ByteReader) throws -> Header {
        guard let encoding = _IntegerEncoding(rawValue: try reader.u8()) else {
            throw _FormatError(reason: "it names an unknown integer encoding")
        }
        let lo = try reader.i64()
        let hi = try reader.i64()
        guard lo <= hi else { throw _FormatError(reason: "its value range is inverted") }
        return Header(encoding: encoding, min: lo, max: hi)
    }

    private static func readWidth(_ reader: inout _ByteReader) throws -> Int {
        let width = Int(try reader.u8())
        guard width <= 64 else { throw _FormatError(reason: "it has a bit width above 64") }
        return width
    }

    /// Decodes `count` values, storing `value - base` (wrapping) into `out`.
    static func decode<T: FixedWidthInteger & UnsignedInteger>(
        _ header: Header, _ reader: inout _ByteReader, count: Int, base: Int64, into out: UnsafeMutablePointer<T>
    ) throws {
        switch header.encoding {
        case .frameOfReference:
            let width = try readWidth(&reader)
            let packed = try reader.bytes(_BitPacking.byteCount(count: count, width: width))
            _BitPacking.unpack(packed.baseAddress!, count: count, width: width,
                               adding: UInt64(bitPattern: header.min &- base), into: out)
        case .delta:
            let first = try reader.i64()
            let minDelta = try reader.i64()
            let width = try readWidth(&reader)
            let packed = try reader.bytes(_BitPacking.byteCount(count: Swift.max(count - 1, 0), width: width))
            _BitPacking.unpackDeltas(packed.baseAddress!, count: count, width: width,
                                     first: UInt64(bitPattern: first), minDelta: UInt64(bitPattern: minDelta),
                                     base: UInt64(bitPattern: base), into: out)
        case .dictionary:
            let k = Int(try reader.u32())
            guard k >= 1, k <= dictionaryLimit else { throw _FormatError(reason: "its value list has \(k) entries") }
            var table = [T](repeating: 0, count: 256)
            for j in 0..<k { table[j] = T(truncatingIfNeeded: UInt64(bitPattern: try reader.i64() &- base)) }
            let width = try readWidth(&reader)
            guard width <= 8, k <= 1 << width else {
                throw _FormatError(reason: "its index width does not fit its value list")
            }
            let packed = try reader.bytes(_BitPacking.byteCount(count: count, width: width))
            table.withUnsafeBufferPointer { t in
                _BitPacking.unpackLookup(packed.baseAddress!, count: count, width: width, table: t.baseAddress!, into: out)
            }
        }
    }

    /// Decodes `count` values as offsets from `base` at the narrowest byte
    /// width that holds `maxOffset`.
    static func decodePacked(
        _ header: Header, _ reader: inout _ByteReader, count: Int, base: Int64, maxOffset: UInt64
    ) throws -> PackedIntegers {
        func run<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) throws -> [T] {
            try [T](unsafeUninitializedCapacity: count) { buffer, initialised in
                if count > 0 { try decode(header, &reader, count: count, base: base, into: buffer.baseAddress!) }
                initialised = count
            }
        }
        if maxOffset <= UInt64(UInt8.max) { return .uint8(try run(UInt8.self)) }
        if maxOffset <= UInt64(UInt16.max) { return .uint16(try run(UInt16.self)) }
        if maxOffset <= UInt64(UInt32.max) { return .uint32(try run(UInt32.self)) }
        return .uint64(try run(UInt64.self))
    }
}
