/// A fixed-length bit set; as a validity map a set bit means "not null".
public struct Bitmap: Sendable, Hashable {
    /// The bits, least significant first within each word.
    public private(set) var words: [UInt64]
    /// The number of bits.
    public let count: Int

    /// A bitmap of `count` bits, all set or all clear.
    public init(count: Int, value: Bool) {
        self.count = count
        words = [UInt64](repeating: value ? ~0 : 0, count: (count + 63) >> 6)
        if value { clearTail() }
    }

    /// A bitmap from its serialised words.
    public init(words: [UInt64], count: Int) {
        precondition(words.count == (count + 63) >> 6)
        self.words = words
        self.count = count
        clearTail()
    }

    /// A bitmap from bytes that are 0 (clear) or non-zero (set).
    public init(bytes: UnsafeBufferPointer<UInt8>) {
        count = bytes.count
        words = [UInt64](repeating: 0, count: (count + 63) >> 6)
        for i in 0..<count where bytes[i] != 0 {
            words[i >> 6] |= 1 << UInt64(i & 63)
        }
    }

    private mutating func clearTail() {
        let r = count & 63
        if r != 0 { words[words.count - 1] &= (1 << UInt64(r)) - 1 }
    }

    /// The bit at `i`.
    public subscript(i: Int) -> Bool {
        get { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        set {
            if newValue {
                words[i >> 6] |= 1 << UInt64(i & 63)
            } else {
                words[i >> 6] &= ~(1 << UInt64(i & 63))
            }
        }
    }

    /// The number of set bits.
    public var setCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Whether every bit is set.
    public var allSet: Bool { setCount == count }
}
