import Foundation

/// Generates access logs one year ahead on another thread, so that writing
/// a year's log overlaps with ingesting the previous one on a second core.
final class LogPipeline: @unchecked Sendable {
    typealias Result = Swift.Result<(path: String, lines: Int), any Error>

    private let lock = NSLock()
    private var results: [Int: Result] = [:]
    private let ready: [Int: DispatchSemaphore]

    /// Starts generating `years` in order with `make`.
    init(years: [Int], make: @escaping @Sendable (Int) throws -> (String, Int)) {
        var semaphores: [Int: DispatchSemaphore] = [:]
        for y in years { semaphores[y] = DispatchSemaphore(value: 0) }
        ready = semaphores
        let box = self
        Thread.detachNewThread {
            for year in years {
                let result: Result = Swift.Result { let (p, n) = try make(year); return (p, n) }
                box.lock.lock()
                box.results[year] = result
                box.lock.unlock()
                box.ready[year]?.signal()
                if case .failure = result { break }
            }
        }
    }

    /// Waits for a year's file.
    func wait(for year: Int) throws -> (path: String, lines: Int) {
        ready[year]?.wait()
        lock.lock()
        defer { lock.unlock() }
        guard let r = results[year] else { throw DemoError("no access log was generated for \(year)") }
        return try r.get()
    }
}
