import Crypto
import Dispatch
import Foundation

/// SHA-256 of a file's chunks, taken on a serial queue of its own so that
/// hashing runs on a second core while the reader parses the next chunk;
/// or, ``hashesWhileReading``, by the reader itself.
///
/// At most ``backlog`` chunks wait to be hashed: a reader faster than the
/// hash (or a hash starved of CPU on a busy machine) waits rather than
/// holding the file in memory.
final class ChunkHasher: @unchecked Sendable {
    // @unchecked: `state` is touched only on `queue`, or, once
    // `hashesWhileReading` is set, only by the one thread that reads (and,
    // after it is done, by whoever asks for the hash).
    private var state = SHA256()
    /// Whether chunks are hashed at once by the thread that reads them: when
    /// that thread is itself a second thread (the web ingest's parse), or the
    /// process has one CPU, a third thread would only take turns with the two.
    var hashesWhileReading = false
    private let queue = DispatchQueue(label: "chm.ingest.sha256")
    private let slots: DispatchSemaphore
    static let backlog = 8

    init() {
        slots = DispatchSemaphore(value: Self.backlog)
    }

    /// Adds `bytes` to the hash, later; returns at once unless the backlog is full.
    func update(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if hashesWhileReading {
            bytes.withUnsafeBytes { state.update(bufferPointer: $0) }
            return
        }
        slots.wait()
        queue.async {
            bytes.withUnsafeBytes { self.state.update(bufferPointer: $0) }
            self.slots.signal()
        }
    }

    /// The lower-case hex SHA-256 of everything added so far (waits for the backlog).
    var hex: String {
        queue.sync { state.finalize().map { String(format: "%02x", $0) }.joined() }
    }

    /// Starts a new hash (waits for the backlog).
    func reset() {
        queue.sync { state = SHA256() }
    }
}
