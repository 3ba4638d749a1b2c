import GRDB

extension StoreError {
    /// Translates a failure met while doing `action` on the workspace at `path`.
    ///
    /// Store errors pass through unchanged, and so do errors that are not the
    /// database's (those thrown by an append's body belong to the caller).
    /// - Parameters:
    ///   - error: what was thrown.
    ///   - action: what was being done, as a phrase: "append to table hits".
    ///   - path: the workspace file.
    static func translating(_ error: any Error, _ action: String, path: String) -> any Error {
        if error is StoreError { return error }
        guard let db = error as? DatabaseError else { return error }
        let context = ["path": path]
        switch db.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.busy, "Could not \(action): the workspace \(path) is in use by another process; try again when it has finished.", context: context)
        case .SQLITE_NOTADB:
            return StoreError(.notAWorkspace, "Could not \(action): \(path) is not a chm workspace.", context: context)
        case .SQLITE_CORRUPT:
            return StoreError(.corrupt, "Could not \(action): the workspace \(path) is damaged.", context: context)
        case .SQLITE_FULL:
            return StoreError(.io, "Could not \(action): the disk holding \(path) is full.", context: context)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError(.io, "Could not \(action): the workspace \(path) cannot be written (check its permissions).", context: context)
        case .SQLITE_CANTOPEN:
            return StoreError(.io, "Could not \(action): the workspace \(path) cannot be opened (check that its folder exists and is writable).", context: context)
        case .SQLITE_NOMEM, .SQLITE_TOOBIG:
            return StoreError(.io, "Could not \(action): the data is too large for the workspace \(path).", context: context)
        case .SQLITE_CONSTRAINT:
            return StoreError(.invalidArgument, "Could not \(action): the change conflicts with what the workspace \(path) already holds.", context: context)
        default:
            return StoreError(.io, "Could not \(action) in the workspace \(path): the database reported a failure while reading or writing the file.", context: context)
        }
    }
}
