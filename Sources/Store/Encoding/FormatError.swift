/// A damaged or foreign blob: reported by callers as ``StoreError/Code/corrupt``
/// with the table, column and segment they were reading.
struct _FormatError: Error {
    var reason: String

    /// Runs `body`, turning a `_FormatError` it throws into the error `translate`
    /// makes of its reason (other errors pass through).
    static func translated<T>(_ translate: (String) -> StoreError, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as _FormatError {
            throw translate(error.reason)
        }
    }
}
