import Columnar

/// The rows of one column for the segment being filled during an append.
///
/// Integers, timestamps, booleans (0/1) and global string codes are all held
/// as `Int64`, floats as `Double`; validity is a bitmap sized for a full
/// segment. Once full (or at the end of the batch) it is encoded and reset.
struct _ColumnAccumulator {
    let type: DataType
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
            integers.reserveCapacity(Workspace.rowsPerSegment)
        }
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
            integers.append(contentsOf: repeatElement(0, count: n))
        }
        nullCount += n
        count += n
        isDirty = true
    }

    private mutating func appendOffsets<T: FixedWidthInteger & UnsignedInteger>(_ offsets: [T], base: Int64, _ range: Range<Int>) {
        offsets.withUnsafeBufferPointer { a in
            for i in range { integers.append(base &+ Int64(bitPattern: UInt64(a[i]))) }
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
            for i in range { integers.append(a[i] != 0 ? 1 : 0) }
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
        switch codes {
        case .uint8(let a): merger.remap(a, range, validity: chunk.validity, from: dictionary, into: &integers)
        case .uint16(let a): merger.remap(a, range, validity: chunk.validity, from: dictionary, into: &integers)
        case .uint32(let a): merger.remap(a, range, validity: chunk.validity, from: dictionary, into: &integers)
        case .uint64(let a): merger.remap(a, range, validity: chunk.validity, from: dictionary, into: &integers)
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
        // Without branches: a row's flag becomes its bit whatever it is.
        validity.withUnsafeMutableBufferPointer { words in
            for i in 0..<n {
                let row = first + i
                let bit: UInt64 = flags[i] != 0 ? 1 : 0
                words[row >> 6] |= bit << UInt64(row & 63)
                nulls &+= Int(1 &- bit)
            }
        }
        nullCount += nulls
    }

    /// Appends integers (or timestamps) from a buffer; `valid` flags null rows.
    mutating func append(integers values: UnsafeBufferPointer<Int64>, valid: UnsafeBufferPointer<UInt8>?) {
        guard !values.isEmpty else { return }
        copyValidity(flags: valid, values.count)
        integers.append(contentsOf: values)
        count += values.count
        isDirty = true
    }

    /// Appends booleans (0 false, else true) from a buffer; `valid` flags null rows.
    mutating func append(booleans values: UnsafeBufferPointer<UInt8>, valid: UnsafeBufferPointer<UInt8>?) {
        guard !values.isEmpty else { return }
        copyValidity(flags: valid, values.count)
        // Grown once, then written in place (a lazy map appended element by element costs several times more).
        let first = integers.count
        integers.append(contentsOf: repeatElement(0, count: values.count))
        integers.withUnsafeMutableBufferPointer { out in
            for i in values.indices { out[first + i] = values[i] != 0 ? 1 : 0 }
        }
        count += values.count
        isDirty = true
    }

    /// Appends dictionary codes of `dictionary` from a buffer, translated into the column's global dictionary.
    mutating func append(codes: UnsafeBufferPointer<UInt32>, valid: UnsafeBufferPointer<UInt8>?, from dictionary: StringDictionary,
                         merger: inout _StringMerger) {
        guard !codes.isEmpty else { return }
        copyValidity(flags: valid, codes.count)
        merger.remap(codes, valid: valid, from: dictionary, into: &integers)
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
            case .booleans(let a): integers.append(contentsOf: a.lazy.map { Int64($0) })
            case .integers(let base, let offsets):
                integers.append(contentsOf: (0..<offsets.count).lazy.map { base &+ Int64(bitPattern: offsets[$0]) })
            case .strings(let codes, _):
                integers.append(contentsOf: (0..<codes.count).lazy.map { Int64(codes[$0]) })
            }
            adoptValidity(chunk.validity, count: chunk.count)
        case .codes(let codes, let bitmap):
            integers.append(contentsOf: (0..<codes.count).lazy.map { Int64(codes[$0]) })
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
        integers.removeAll(keepingCapacity: true)
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
