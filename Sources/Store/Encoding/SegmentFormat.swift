/// The byte layout of a column segment (one column of one row group).
///
/// ```
/// u8  format version (1)
/// u8  DataType raw value
/// u8  flags: bit 0 a validity bitmap follows, bit 1 floats stored raw,
///            bit 2 floats stored as integers
/// u8  reserved, 0
/// u32 row count
/// [validity: (rows + 63) / 64 little-endian u64 words; set bit = not null]
/// values: an integer run (see `_IntegerCodec`) for ints, timestamps,
///         booleans (0/1), string codes and integral floats; or rows × f64
/// u64 xxHash64 of every byte before it
/// ```
enum _SegmentFormat {
    /// The version written into every segment.
    static let version: UInt8 = 1
    static let hasValidity: UInt8 = 1 << 0
    static let rawFloats: UInt8 = 1 << 1
    static let integralFloats: UInt8 = 1 << 2

    /// The largest magnitude below which every integer is an exact double.
    static let exactIntegerLimit: Double = 9_007_199_254_740_992
}
