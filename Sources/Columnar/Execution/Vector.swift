/// The number of rows a batch holds at most: small enough for every
/// vector of a batch to stay in L1/L2, large enough to amortise dispatch.
let batchCapacity = 2048

/// One column of a batch: up to ``batchCapacity`` values of one type in a
/// buffer the vector owns, with a validity byte per row.
///
/// A final class because it owns unmanaged memory (freed in `deinit`) that
/// operators and expression nodes reuse from batch to batch; kernels work
/// on its raw pointers.
final class Vector {
    /// The logical type; the buffer holds Int64 for ints and timestamps,
    /// Double for floats, UInt8 (0/1) for bools and UInt32 codes for strings.
    let type: DataType
    let capacity: Int
    /// Rows currently held.
    var count = 0
    /// When false every row is valid and ``validity`` is not read.
    var hasNulls = false
    /// 1 = valid, 0 = null; meaningful only when ``hasNulls``.
    let validity: UnsafeMutablePointer<UInt8>
    /// The dictionary string codes refer to.
    var dictionary: StringDictionary?
    private let raw: UnsafeMutableRawPointer

    let ints: UnsafeMutablePointer<Int64>
    let floats: UnsafeMutablePointer<Double>
    let bools: UnsafeMutablePointer<UInt8>
    let codes: UnsafeMutablePointer<UInt32>

    init(type: DataType, capacity: Int = batchCapacity) {
        self.type = type
        self.capacity = capacity
        raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, capacity) * 8, alignment: 16)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: max(1, capacity) * 8)
        validity = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, capacity))
        validity.initialize(repeating: 1, count: max(1, capacity))
        // Only the view matching `type` is ever used; the others alias the
        // same bytes and stay untouched.
        ints = raw.assumingMemoryBound(to: Int64.self)
        floats = raw.assumingMemoryBound(to: Double.self)
        bools = raw.assumingMemoryBound(to: UInt8.self)
        codes = raw.assumingMemoryBound(to: UInt32.self)
        if type == .string { dictionary = StringDictionary() }
    }

    deinit {
        raw.deallocate()
        validity.deallocate()
    }

    /// Whether row `i` is valid.
    @inline(__always)
    func isValid(_ i: Int) -> Bool { !hasNulls || validity[i] != 0 }

    /// Marks every row valid.
    @inline(__always)
    func setAllValid() { hasNulls = false }

    /// Makes the validity bytes explicit (all 1) so a kernel can clear some.
    func materializeValidity() {
        if !hasNulls {
            validity.update(repeating: 1, count: count)
            hasNulls = true
        }
    }

    /// Drops the validity map when no row turned out null.
    func compactValidity() {
        guard hasNulls else { return }
        var all: UInt8 = 1
        for i in 0..<count { all &= validity[i] }
        if all == 1 { hasNulls = false }
    }

    /// The value at row `i`, for materialisation and slow paths.
    func value(at i: Int) -> Value {
        guard isValid(i) else { return .null }
        switch type {
        case .int64: return .int(ints[i])
        case .timestamp: return .timestamp(ints[i])
        case .date: return .date(ints[i])
        case .float64: return .float(floats[i])
        case .bool: return .bool(bools[i] != 0)
        case .string: return .string(dictionary![Int(codes[i])])
        }
    }

    /// Copies `other`'s rows `0..<other.count` (same type) into this vector.
    func copy(from other: Vector) {
        count = other.count
        let bytes = other.type == .bool ? other.count : other.count * (other.type == .string ? 4 : 8)
        raw.copyMemory(from: UnsafeRawPointer(other.ints), byteCount: bytes)
        hasNulls = other.hasNulls
        if hasNulls { validity.update(from: other.validity, count: count) }
        dictionary = other.dictionary
    }

    /// Keeps only the rows listed in `selection` (ascending), in place.
    func compact(_ selection: UnsafePointer<Int32>, _ n: Int) {
        switch type {
        case .int64, .timestamp, .date: for k in 0..<n { ints[k] = ints[Int(selection[k])] }
        case .float64: for k in 0..<n { floats[k] = floats[Int(selection[k])] }
        case .bool: for k in 0..<n { bools[k] = bools[Int(selection[k])] }
        case .string: for k in 0..<n { codes[k] = codes[Int(selection[k])] }
        }
        if hasNulls { for k in 0..<n { validity[k] = validity[Int(selection[k])] } }
        count = n
    }

    /// Copies the rows of `source` listed in `selection` into this vector.
    func gather(from source: Vector, _ selection: UnsafePointer<Int32>, _ n: Int) {
        switch type {
        case .int64, .timestamp, .date: for k in 0..<n { ints[k] = source.ints[Int(selection[k])] }
        case .float64: for k in 0..<n { floats[k] = source.floats[Int(selection[k])] }
        case .bool: for k in 0..<n { bools[k] = source.bools[Int(selection[k])] }
        case .string: for k in 0..<n { codes[k] = source.codes[Int(selection[k])] }
        }
        hasNulls = source.hasNulls
        if hasNulls { for k in 0..<n { validity[k] = source.validity[Int(selection[k])] } }
        dictionary = source.dictionary
        count = n
    }

    /// Fills every slot with one value (constant vectors are filled once at
    /// full capacity and then only their count changes).
    func fill(_ value: Value) {
        count = capacity
        switch value {
        case .null:
            validity.update(repeating: 0, count: capacity)
            hasNulls = true
            if type == .string { codes.update(repeating: 0, count: capacity) }
        case .int(let v), .timestamp(let v), .date(let v):
            hasNulls = false
            if type == .float64 { floats.update(repeating: Double(v), count: capacity) } else { ints.update(repeating: v, count: capacity) }
        case .float(let v):
            hasNulls = false
            floats.update(repeating: v, count: capacity)
        case .bool(let b):
            hasNulls = false
            bools.update(repeating: b ? 1 : 0, count: capacity)
        case .string(let s):
            hasNulls = false
            let d = StringDictionary()
            d.append(s)
            dictionary = d
            codes.update(repeating: 0, count: capacity)
        }
    }
}

/// A set of equally long vectors flowing between operators.
struct Batch {
    var count: Int
    var columns: [Vector]
}

/// A pull-based physical operator: each call returns the next batch, or
/// `nil` at the end. Vectors returned stay valid until the next call.
protocol BatchOperator: AnyObject {
    /// Output column types.
    var outputTypes: [DataType] { get }
    /// The next batch, or `nil` when the input is exhausted.
    func next() throws -> Batch?
}

/// A selection vector: indices of rows kept by a filter, ascending.
final class SelectionBuffer {
    let indices: UnsafeMutablePointer<Int32>
    var count = 0

    init(capacity: Int = batchCapacity) {
        indices = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
    }

    deinit { indices.deallocate() }

    /// Selects the rows whose mask byte is 1, branch-free.
    func select(mask: UnsafePointer<UInt8>, count n: Int) {
        var k = 0
        for i in 0..<n {
            indices[k] = Int32(truncatingIfNeeded: i)
            k &+= Int(mask[i])
        }
        count = k
    }

    /// Selects the rows whose predicate is true and not null, branch-free.
    func select(from predicate: Vector) {
        let n = predicate.count
        var k = 0
        let values = predicate.bools
        if predicate.hasNulls {
            let valid = predicate.validity
            for i in 0..<n {
                indices[k] = Int32(truncatingIfNeeded: i)
                k &+= Int(values[i] & valid[i])
            }
        } else {
            for i in 0..<n {
                indices[k] = Int32(truncatingIfNeeded: i)
                k &+= Int(values[i] & 1)
            }
        }
        count = k
    }
}
