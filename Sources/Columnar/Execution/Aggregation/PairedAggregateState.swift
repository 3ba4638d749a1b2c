/// The state of an aggregate of two arguments (`arg_max(x, by)`,
/// `corr(y, x)`): rows count when both are non-NULL and FILTER holds, and
/// the partition passes both vectors to ``update(_:_:mask:gids:count:)``.
protocol PairedAggregateState: AggregateState {
    /// Adds the rows of a batch: `first` and `second` are the two
    /// arguments; `mask` and `gids` as in ``AggregateState``.
    func update(_ first: Vector, _ second: Vector, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count: Int) throws
}

extension PairedAggregateState {
    func update(_ input: Vector?, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count: Int) throws {
        throw SQLError(.runtime, "internal: a two-argument aggregate was given one argument")
    }
}
