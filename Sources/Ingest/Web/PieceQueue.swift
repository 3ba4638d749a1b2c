import Foundation

/// Hands parsed pieces from the parse thread to the encoder, a few at a
/// time, and empty pieces back for reuse.
///
/// At most ``depth`` pieces wait: a parse faster than the encoder waits
/// instead of holding the file. Either side can stop the other: the parse
/// by finishing (or failing), the encoder by cancelling.
final class PieceQueue: @unchecked Sendable {
    // @unchecked: every stored property is touched only with `condition` locked.
    private let condition = NSCondition()
    /// At most ``depth`` pieces, so taking the first is cheap.
    private var ready: [ParsedPiece] = []
    private var spare: [ParsedPiece] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private var inFlight = 0
    static let depth = 6

    /// A piece to fill: a recycled one when there is one.
    func emptyPiece() -> ParsedPiece {
        condition.lock()
        defer { condition.unlock() }
        return spare.popLast() ?? ParsedPiece()
    }

    /// Queues a filled piece; waits while ``depth`` pieces wait already.
    /// - Returns: false when the encoder has cancelled (the parse should stop).
    func put(_ piece: ParsedPiece) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while inFlight >= Self.depth, !cancelled { condition.wait() }
        if cancelled { return false }
        ready.append(piece)
        inFlight += 1
        condition.broadcast()
        return true
    }

    /// Marks the end of the input, or the error that stopped the parse.
    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next piece, nil once the parse has finished and every piece was taken.
    /// - Throws: the error that stopped the parse, after the pieces cut before it.
    func next() throws -> ParsedPiece? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty, !finished { condition.wait() }
        if !ready.isEmpty { return ready.removeFirst() }
        if let failure { throw failure }
        return nil
    }

    /// Gives a piece the encoder is done with back to the parse.
    func recycle(_ piece: consuming ParsedPiece) {
        piece.clear()
        condition.lock()
        spare.append(piece)
        inFlight -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the parse (the encoder failed): a waiting `put` returns false.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
