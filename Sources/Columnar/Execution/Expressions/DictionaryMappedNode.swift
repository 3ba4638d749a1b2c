/// Evaluates an expression of one string column once per distinct
/// dictionary entry, then answers each row by a lookup on its code.
///
/// Entries are evaluated lazily, the first time a code is seen, so a filter
/// over a column with two million distinct visitors costs at most one
/// evaluation per visitor actually scanned. After the first batches a
/// batch costs one branch-free pass to confirm nothing is new and one
/// gather.
final class DictionaryMappedNode: PhysicalExpression {
    let slot: Int
    let inner: any PhysicalExpression
    var type: DataType { inner.type }

    private var source: StringDictionary?
    /// Per code: 1 once evaluated.
    private var done: [UInt8] = []
    private var valid: [UInt8] = []
    /// Whether some entry evaluated to NULL (else validity need not be gathered).
    private var someInvalid = false
    private var ints: [Int64] = []
    private var floats: [Double] = []
    private var bools: [UInt8] = []
    private var codes: [UInt32] = []
    private var outputDictionary: StringDictionary?
    private var nullResult: NullResult?
    private let output: Vector
    private let pending: Vector

    /// The expression's value for a NULL input row.
    private struct NullResult {
        var valid: UInt8
        var int: Int64 = 0
        var float: Double = 0
        var bool: UInt8 = 0
        var code: UInt32 = 0
    }

    init(slot: Int, inner: any PhysicalExpression) {
        self.slot = slot
        self.inner = inner
        output = Vector(type: inner.type)
        pending = Vector(type: .string)
    }

    func evaluate(_ batch: Batch) throws -> Vector {
        let input = batch.columns[slot]
        let n = batch.count
        guard let dictionary = input.dictionary else {
            throw SQLError(.runtime, "internal: a string vector without a dictionary")
        }
        if dictionary !== source {
            source = dictionary
            done = []
            valid = []
            ints = []
            floats = []
            bools = []
            codes = []
            someInvalid = false
        }
        if done.count < max(1, dictionary.count) { grow(to: max(1, dictionary.count)) }

        // Null rows may carry any code; point them at entry 0 (their result is patched below).
        let inCodes = input.codes
        if input.hasNulls {
            let v = input.validity
            for i in 0..<n { inCodes[i] &= 0 &- UInt32(v[i]) }
        }
        var anyNew: UInt8 = 0
        done.withUnsafeBufferPointer { d in
            for i in 0..<n { anyNew |= d[Int(inCodes[i])] ^ 1 }
        }
        if anyNew != 0 { try evaluateNew(input, n, dictionary: dictionary, batch: batch) }
        try gather(input, n, batch: batch)
        return output
    }

    private func grow(to count: Int) {
        let extra = count - done.count
        done += [UInt8](repeating: 0, count: extra)
        valid += [UInt8](repeating: 1, count: extra)
        switch inner.type {
        case .int64, .timestamp, .date: ints += [Int64](repeating: 0, count: extra)
        case .float64: floats += [Double](repeating: 0, count: extra)
        case .bool: bools += [UInt8](repeating: 0, count: extra)
        case .string: codes += [UInt32](repeating: 0, count: extra)
        }
    }

    private func evaluateNew(_ input: Vector, _ n: Int, dictionary: StringDictionary, batch: Batch) throws {
        // Collect the new codes first (a batch holds at most `capacity` rows), then evaluate them.
        var missing = 0
        let pendingCodes = pending.codes
        done.withUnsafeMutableBufferPointer { d in
            for i in 0..<n where input.isValid(i) {
                let c = Int(input.codes[i])
                if d[c] == 0 {
                    d[c] = 1
                    pendingCodes[missing] = UInt32(c)
                    missing += 1
                }
            }
        }
        if missing > 0 { try evaluatePending(missing, dictionary: dictionary, batch: batch) }
    }

    private func evaluatePending(_ count: Int, dictionary: StringDictionary, batch: Batch) throws {
        pending.count = count
        pending.hasNulls = false
        pending.dictionary = dictionary
        var columns = batch.columns
        columns[slot] = pending
        let result = try inner.evaluate(Batch(count: count, columns: columns))
        try adopt(result.dictionary)
        for k in 0..<count {
            let c = Int(pending.codes[k])
            let ok: UInt8 = result.isValid(k) ? 1 : 0
            valid[c] = ok
            if ok == 0 { someInvalid = true }
            switch inner.type {
            case .int64, .timestamp, .date: ints[c] = result.ints[k]
            case .float64: floats[c] = result.floats[k]
            case .bool: bools[c] = result.bools[k] & 1
            case .string: codes[c] = result.codes[k]
            }
        }
    }

    private func adopt(_ d: StringDictionary?) throws {
        guard inner.type == .string else { return }
        if outputDictionary == nil { outputDictionary = d }
        guard d === outputDictionary else {
            throw SQLError(.runtime, "internal: a string expression changed dictionaries between batches")
        }
    }

    private func resultForNull(batch: Batch) throws -> NullResult {
        if let nullResult { return nullResult }
        pending.count = 1
        pending.hasNulls = true
        pending.validity[0] = 0
        pending.codes[0] = 0
        var columns = batch.columns
        columns[slot] = pending
        let result = try inner.evaluate(Batch(count: 1, columns: columns))
        pending.hasNulls = false
        var r = NullResult(valid: result.isValid(0) ? 1 : 0)
        switch inner.type {
        case .int64, .timestamp, .date: r.int = result.ints[0]
        case .float64: r.float = result.floats[0]
        case .bool: r.bool = result.bools[0] & 1
        case .string:
            try adopt(result.dictionary)
            r.code = result.codes[0]
        }
        nullResult = r
        return r
    }

    private func gather(_ input: Vector, _ n: Int, batch: Batch) throws {
        output.count = n
        let inCodes = input.codes
        switch inner.type {
        case .int64, .timestamp, .date:
            ints.withUnsafeBufferPointer { r in for i in 0..<n { output.ints[i] = r[Int(inCodes[i])] } }
        case .float64:
            floats.withUnsafeBufferPointer { r in for i in 0..<n { output.floats[i] = r[Int(inCodes[i])] } }
        case .bool:
            bools.withUnsafeBufferPointer { r in for i in 0..<n { output.bools[i] = r[Int(inCodes[i])] } }
        case .string:
            codes.withUnsafeBufferPointer { r in for i in 0..<n { output.codes[i] = r[Int(inCodes[i])] } }
            output.dictionary = outputDictionary ?? StringDictionary()
        }
        output.hasNulls = someInvalid
        if someInvalid {
            let out = output.validity
            valid.withUnsafeBufferPointer { v in for i in 0..<n { out[i] = v[Int(inCodes[i])] } }
        }
        guard input.hasNulls else { return }
        let r = try resultForNull(batch: batch)
        if !output.hasNulls {
            output.validity.update(repeating: 1, count: n)
            output.hasNulls = true
        }
        for i in 0..<n where input.validity[i] == 0 {
            output.validity[i] = r.valid
            switch inner.type {
            case .int64, .timestamp, .date: output.ints[i] = r.int
            case .float64: output.floats[i] = r.float
            case .bool: output.bools[i] = r.bool
            case .string: output.codes[i] = r.code
            }
        }
        output.compactValidity()
    }
}
