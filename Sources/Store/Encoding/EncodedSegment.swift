import Columnar

/// A segment ready to store: its bytes and what the catalog records about it.
struct _EncodedSegment {
    var blob: [UInt8]
    var checksum: UInt64
    var encoding: String
    var statistics: ColumnStatistics
}
