/// Decodes runs of a ``ColumnChunk`` into vectors: widening narrow integers,
/// expanding validity bits into bytes, optionally through a selection.
enum ChunkReader {
    /// Decodes rows `start ..< start + n` of `chunk` into `vector`.
    static func read(_ chunk: ColumnChunk, start: Int, count n: Int, into vector: Vector) {
        vector.count = n
        switch chunk.storage {
        case .integers(let base, let offsets):
            let out = vector.ints
            switch offsets {
            case .uint8(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for i in 0..<n { out[i] = base &+ Int64(q[i]) } }
            case .uint16(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for i in 0..<n { out[i] = base &+ Int64(q[i]) } }
            case .uint32(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for i in 0..<n { out[i] = base &+ Int64(q[i]) } }
            case .uint64(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for i in 0..<n { out[i] = base &+ Int64(bitPattern: q[i]) } }
            }
        case .floats(let a):
            a.withUnsafeBufferPointer { p in vector.floats.update(from: p.baseAddress! + start, count: n) }
        case .booleans(let a):
            a.withUnsafeBufferPointer { p in vector.bools.update(from: p.baseAddress! + start, count: n) }
        case .strings(let codes, let dictionary):
            vector.dictionary = dictionary
            readCodes(codes, start: start, count: n, into: vector.codes)
        }
        readValidity(chunk.validity, start: start, count: n, into: vector)
    }

    private static func readCodes(_ codes: PackedIntegers, start: Int, count n: Int, into out: UnsafeMutablePointer<UInt32>) {
        switch codes {
        case .uint8(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for i in 0..<n { out[i] = UInt32(q[i]) } }
        case .uint16(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for i in 0..<n { out[i] = UInt32(q[i]) } }
        case .uint32(let a): a.withUnsafeBufferPointer { p in out.update(from: p.baseAddress! + start, count: n) }
        case .uint64(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for i in 0..<n { out[i] = UInt32(truncatingIfNeeded: q[i]) } }
        }
    }

    private static func readValidity(_ validity: Bitmap?, start: Int, count n: Int, into vector: Vector) {
        guard let validity else {
            vector.hasNulls = false
            return
        }
        let out = vector.validity
        validity.words.withUnsafeBufferPointer { w in
            for i in 0..<n {
                let bit = start &+ i
                out[i] = UInt8(truncatingIfNeeded: (w[bit >> 6] >> UInt64(bit & 63)) & 1)
            }
        }
        vector.hasNulls = true
        vector.compactValidity()
    }

    /// Decodes the rows `start + selection[k]` of `chunk` into `vector`.
    static func gather(_ chunk: ColumnChunk, start: Int, selection: UnsafePointer<Int32>, count n: Int, into vector: Vector) {
        vector.count = n
        switch chunk.storage {
        case .integers(let base, let offsets):
            let out = vector.ints
            switch offsets {
            case .uint8(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for k in 0..<n { out[k] = base &+ Int64(q[Int(selection[k])]) } }
            case .uint16(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for k in 0..<n { out[k] = base &+ Int64(q[Int(selection[k])]) } }
            case .uint32(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for k in 0..<n { out[k] = base &+ Int64(q[Int(selection[k])]) } }
            case .uint64(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for k in 0..<n { out[k] = base &+ Int64(bitPattern: q[Int(selection[k])]) } }
            }
        case .floats(let a):
            a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for k in 0..<n { vector.floats[k] = q[Int(selection[k])] } }
        case .booleans(let a):
            a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for k in 0..<n { vector.bools[k] = q[Int(selection[k])] } }
        case .strings(let codes, let dictionary):
            vector.dictionary = dictionary
            let out = vector.codes
            switch codes {
            case .uint8(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for k in 0..<n { out[k] = UInt32(q[Int(selection[k])]) } }
            case .uint16(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for k in 0..<n { out[k] = UInt32(q[Int(selection[k])]) } }
            case .uint32(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for k in 0..<n { out[k] = q[Int(selection[k])] } }
            case .uint64(let a): a.withUnsafeBufferPointer { p in let q = p.baseAddress! + start; for k in 0..<n { out[k] = UInt32(truncatingIfNeeded: q[Int(selection[k])]) } }
            }
        }
        guard let validity = chunk.validity else {
            vector.hasNulls = false
            return
        }
        validity.words.withUnsafeBufferPointer { w in
            for k in 0..<n {
                let bit = start &+ Int(selection[k])
                vector.validity[k] = UInt8(truncatingIfNeeded: (w[bit >> 6] >> UInt64(bit & 63)) & 1)
            }
        }
        vector.hasNulls = true
        vector.compactValidity()
    }
}
