import Columnar

/// The rows of one column for the segment being filled during an append.
///
/// Integers, timestamps, booleans (0/1) and global string codes are all held
/// as `Int64`, floats as `Double`; validity is a bitmap sized for a full
/// segment. Once full (or at the end of the batch) it is encoded and reset.
///
/// The integers take a whole segment's slots from the start, of which the
/// first `count` are rows: rows are written in place, with no append's
/// uniqueness and capacity checks per value and no zeroing ahead of a write.
struct _ColumnAccumulator {
    let type: DataType
    /// A segment's slots (none for floats); rows `0 ..< count` are the values.
    private(set) var integers: [Int64] = []
    private(set) var floats: [Double] = []
    /// Set bit = not null.
    private(set) var validity: [UInt64]
    private(set) var count = 0
    private(set) var nullCount = 0
    /// Whether rows were added since the segment was loaded from disk or
    /// last encoded: a loaded partial segment that gains nothing is not rewritten.
    private(set) var isDirty = false

    init(type: DataType) {
        self.type = type
        validity = [UInt64](repeating: 0, count: Workspace.rowsPerSegment >> 6)
        if type == .float64 {
            floats.reserveCapacity(Workspace.rowsPerSegment)
        } else {
            // Not zeroed: every slot is written before it is read (as a row), and pages
            // not written yet stay untouched, so a table of few rows takes no more memory.
            integers = [Int64](unsafeUninitializedCapacity: Workspace.rowsPerSegment) { _, initialised in
                initialised = Workspace.rowsPerSegment
            }
        }
    }

    /// Hands `body` the slots of the `n` rows that follow the last one, to write; `count` is not moved.
    @inline(__always)
    private mutating func slots(_ n: Int, _ body: (UnsafeMutableBufferPointer<Int64>) -> Void) {
        let first = count
        precondition(first + n <= integers.count, "more rows than a segment holds")
        integers.withUnsafeMutableBufferPointer { body(UnsafeMutableBufferPointer(rebasing: $0[first..<(first + n)])) }
    }

    /// Marks `n` rows starting at `count` as not null.
    private mutating func setValid(_ n: Int) {
        var i = count
        let end = count + n
        while i < end {
            let bit = i & 63
            let take = Swift.min(64 - bit, end - i)
            let bits: UInt64 = take == 64 ? ~0 : ((1 << UInt64(take)) - 1) << UInt64(bit)
            validity[i >> 6] |= bits
            i += take
        }
    }

    /// Copies the validity of `range` of a chunk to the rows starting at `count`.
    private mutating func copyValidity(_ source: Bitmap?, _ range: Range<Int>) {
        guard let source else {
            setValid(range.count)
            return
        }
        var row = count
        let words = source.words
        for i in range {
            if words[i >> 6] & (1 << UInt64(i & 63)) != 0 {
                validity[row >> 6] |= 1 << UInt64(row & 63)
            } else {
                nullCount += 1
            }
            row += 1
        }
    }

    /// Appends `n` nulls.
    mutating func appendNulls(_ n: Int) {
        guard n > 0 else { return }
        if type == .float64 {
            floats.append(contentsOf: repeatElement(0, count: n))
        } else {
            // Zero, as an all-null segment stores them.
            slots(n) { $0.update(repeating: 0) }
        }
        nullCount += n
        count += n
        isDirty = true
    }

    private mutating func appendOffsets<T: FixedWidthInteger & UnsignedInteger>(_ offsets: [T], base: Int64, _ range: Range<Int>) {
        offsets.withUnsafeBufferPointer { a in
            slots(range.count) { out in
                for (k, i) in range.enumerated() { out[k] = base &+ Int64(bitPattern: UInt64(a[i])) }
            }
        }
    }

    /// Appends rows `range` of a non-string chunk of this column's type.
    mutating func append(_ chunk: ColumnChunk, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        copyValidity(chunk.validity, range)
        switch chunk.storage {
        case .integers(let base, let offsets):
            switch offsets {
            case .uint8(let a): appendOffsets(a, base: base, range)
            case .uint16(let a): appendOffsets(a, base: base, range)
            case .uint32(let a): appendOffsets(a, base: base, range)
            case .uint64(let a): appendOffsets(a, base: base, range)
            }
        case .floats(let a):
            floats.append(contentsOf: a[range])
        case .booleans(let a):
            slots(range.count) { out in
                for (k, i) in range.enumerated() { out[k] = a[i] != 0 ? 1 : 0 }
            }
        case .strings:
            preconditionFailure("string chunks go through appendStrings")
        }
        count += range.count
        isDirty = true
    }

    /// Appends rows `range` of a string chunk, translating its codes into the
    /// column's global dictionary.
    mutating func appendStrings(_ chunk: ColumnChunk, _ range: Range<Int>, merger: inout _StringMerger) {
        guard !range.isEmpty, case .strings(let codes, let dictionary) = chunk.storage else { return }
        copyValidity(chunk.validity, range)
        slots(range.count) { out in
            switch codes {
            case .uint8(let a): merger.remap(a, range, validity: chunk.validity, from: dictionary, to: out)
            case .uint16(let a): merger.remap(a, range, validity: chunk.validity, from: dictionary, to: out)
            case .uint32(let a): merger.remap(a, range, validity: chunk.validity, from: dictionary, to: out)
            case .uint64(let a): merger.remap(a, range, validity: chunk.validity, from: dictionary, to: out)
            }
        }
        count += range.count
        isDirty = true
    }

    /// Sets the validity of the `n` rows starting at `count` from per-row flags (nil: all valid).
    private mutating func copyValidity(flags: UnsafeBufferPointer<UInt8>?, _ n: Int) {
        guard let flags else {
            setValid(n)
            return
        }
        let first = count
        var nulls = 0
        validity.withUnsafeMutableBufferPointer { words in
            // Without branches: a row's flag becomes its bit whatever it is.
            func single(_ i: Int) {
                let row = first + i
                let bit: UInt64 = flags[i] != 0 ? 1 : 0
                words[row >> 6] |= bit << UInt64(row & 63)
                nulls &+= Int(1 &- bit)
            }
            var i = 0
            while i < n, (first + i) & 63 != 0 {
                single(i)
                i += 1
            }
            // Whole words gathered in a register, 8 flags per multiply, and stored once: OR-ing
            // each row's bit into memory makes every row wait for the store of the row before.
            let raw = UnsafeRawPointer(flags.baseAddress!)
            while i + 64 <= n {
                var word: UInt64 = 0
                for k in 0..<8 {
                    let x = raw.loadUnaligned(fromByteOffset: i + 8 * k, as: UInt64.self)
                    // The top bit of each byte set when the byte is not 0; then the 8 top bits as 8 bits in order.
                    let top = (((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
                    word |= (((top >> 7) &* 0x0102_0408_1020_4080) >> 56) << UInt64(8 * k)
                }
                words[(first + i) >> 6] |= word
                nulls &+= 64 &- word.nonzeroBitCount
                i += 64
            }
            while i < n {
                single(i)
                i += 1
            }
        }
        nullCount += nulls
    }

    /// Appends integers (or timestamps) from a buffer; `valid` flags null rows.
    mutating func append(integers values: UnsafeBufferPointer<Int64>, valid: UnsafeBufferPointer<UInt8>?) {
        guard !values.isEmpty else { return }
        copyValidity(flags: valid, values.count)
        slots(values.count) { $0.baseAddress!.update(from: values.baseAddress!, count: values.count) }
        count += values.count
        isDirty = true
    }

    /// Appends booleans (0 false, else true) from a buffer; `valid` flags null rows.
    mutating func append(booleans values: UnsafeBufferPointer<UInt8>, valid: UnsafeBufferPointer<UInt8>?) {
        guard !values.isEmpty else { return }
        copyValidity(flags: valid, values.count)
        slots(values.count) { out in
            for i in values.indices { out[i] = values[i] != 0 ? 1 : 0 }
        }
        count += values.count
        isDirty = true
    }

    /// Appends dictionary codes of `dictionary` from a buffer, translated into the column's global dictionary.
    mutating func append(codes: UnsafeBufferPointer<UInt32>, valid: UnsafeBufferPointer<UInt8>?, from dictionary: StringDictionary,
                         merger: inout _StringMerger) {
        guard !codes.isEmpty else { return }
        copyValidity(flags: valid, codes.count)
        slots(codes.count) { merger.remap(codes, valid: valid, from: dictionary, to: $0.baseAddress!) }
        count += codes.count
        isDirty = true
    }

    /// Starts from an existing partial segment, so that appending tops it up.
    mutating func load(_ values: _SegmentValues) {
        precondition(count == 0)
        switch values {
        case .chunk(let chunk):
            switch chunk.storage {
            case .floats(let a): floats.append(contentsOf: a)
            case .booleans(let a): slots(a.count) { out in for i in a.indices { out[i] = Int64(a[i]) } }
            case .integers(let base, let offsets):
                slots(offsets.count) { out in for i in 0..<offsets.count { out[i] = base &+ Int64(bitPattern: offsets[i]) } }
            case .strings(let codes, _):
                slots(codes.count) { out in for i in 0..<codes.count { out[i] = Int64(codes[i]) } }
            }
            adoptValidity(chunk.validity, count: chunk.count)
        case .codes(let codes, let bitmap):
            slots(codes.count) { out in for i in 0..<codes.count { out[i] = Int64(codes[i]) } }
            adoptValidity(bitmap, count: codes.count)
        }
        isDirty = false
    }

    private mutating func adoptValidity(_ bitmap: Bitmap?, count n: Int) {
        if let bitmap {
            for (i, w) in bitmap.words.enumerated() { validity[i] = w }
            nullCount = n - bitmap.setCount
        } else {
            setValid(n)
        }
        count = n
    }

    /// Empties the accumulator for the next segment.
    mutating func reset() {
        floats.removeAll(keepingCapacity: true)
        for i in validity.indices { validity[i] = 0 }
        count = 0
        nullCount = 0
        isDirty = false
    }

    /// Whether row `i` is not null.
    @inline(__always)
    func isValid(_ i: Int) -> Bool { validity[i >> 6] & (1 << UInt64(i & 63)) != 0 }

    /// Replaces every null integer by the value before it (the first non-null
    /// value for leading nulls), so nulls cost nothing in any encoding.
    mutating func fillNullIntegers() {
        guard type != .float64, nullCount > 0, nullCount < count else { return }
        let n = count
        validity.withUnsafeBufferPointer { words in
            integers.withUnsafeMutableBufferPointer { values in
                var firstWord = 0
                while words[firstWord] == 0 { firstWord += 1 }
                var previous = values[firstWord << 6 + words[firstWord].trailingZeroBitCount]
                // A word at a time: a word of 64 valid rows is passed over at once.
                for w in 0..<((n + 63) >> 6) {
                    let bits = words[w]
                    let first = w << 6
                    let end = Swift.min(first + 64, n)
                    if bits == ~0 {
                        previous = values[end - 1]
                        continue
                    }
                    for row in first..<end {
                        if bits & (1 << UInt64(row & 63)) != 0 { previous = values[row] } else { values[row] = previous }
                    }
                }
            }
        }
    }
}
