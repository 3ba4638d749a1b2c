import Foundation

/// Finds chm's project folders (`Indicators`, `Surveys`, `Reports`) the way
/// a user expects: an explicit flag first, then an environment variable,
/// then the current directory and its parents, then the folders around the
/// executable (a checkout running `.build/release/chm` finds its own
/// `Indicators/`).
public struct ProjectDirectory: Sendable, Hashable {
    /// The folder's name, e.g. `Indicators`.
    public var name: String
    /// The environment variable that names it, e.g. `CHM_INDICATORS`.
    public var environmentVariable: String

    /// The indicator catalogue and schedule.
    public static let indicators = ProjectDirectory(name: "Indicators", environmentVariable: "CHM_INDICATORS")
    /// Survey instruments and their sample exports.
    public static let surveys = ProjectDirectory(name: "Surveys", environmentVariable: "CHM_SURVEYS")
    /// Report templates and locales.
    public static let reports = ProjectDirectory(name: "Reports", environmentVariable: "CHM_REPORTS")

    /// Creates a locator for a folder called `name`.
    public init(name: String, environmentVariable: String) {
        self.name = name
        self.environmentVariable = environmentVariable
    }

    /// The folder to use.
    /// - Parameters:
    ///   - explicit: the command-line flag's value, taken as given.
    ///   - environment: the process environment.
    ///   - currentDirectory: where the command runs.
    ///   - executable: the running program's path.
    /// - Throws: ``ProjectDirectoryError`` listing the places searched.
    public func locate(explicit: String? = nil,
                       environment: [String: String] = ProcessInfo.processInfo.environment,
                       currentDirectory: String = FileManager.default.currentDirectoryPath,
                       executable: String = CommandLine.arguments.first ?? "") throws -> String {
        let fm = FileManager.default
        func isDirectory(_ path: String) -> Bool {
            var flag: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
        }
        if let explicit {
            guard isDirectory(explicit) else {
                throw ProjectDirectoryError(name: name, searched: [explicit], message: "\(explicit) is not a directory")
            }
            return explicit
        }
        if let value = environment[environmentVariable], !value.isEmpty {
            guard isDirectory(value) else {
                throw ProjectDirectoryError(name: name, searched: [value], message: "$\(environmentVariable) = \(value) is not a directory")
            }
            return value
        }
        var searched: [String] = []
        var starts = [URL(fileURLWithPath: currentDirectory)]
        if !executable.isEmpty {
            let program = URL(fileURLWithPath: executable, relativeTo: URL(fileURLWithPath: currentDirectory)).resolvingSymlinksInPath()
            starts.append(program.deletingLastPathComponent())
        }
        for start in starts {
            var dir = start.standardizedFileURL
            while true {
                let candidate = dir.appendingPathComponent(name).path
                if !searched.contains(candidate) {
                    searched.append(candidate)
                    if isDirectory(candidate) { return candidate }
                }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw ProjectDirectoryError(name: name, searched: searched,
                                    message: "no \(name)/ folder found; pass its path or set $\(environmentVariable)")
    }
}

/// A project folder that could not be found.
public struct ProjectDirectoryError: Error, Sendable, CustomStringConvertible {
    /// The folder looked for.
    public var name: String
    /// The places looked at, in order.
    public var searched: [String]
    /// What went wrong.
    public var message: String

    public var description: String {
        searched.count > 1 ? "\(message) (looked in \(searched.prefix(4).joined(separator: ", "))\(searched.count > 4 ? ", …" : ""))" : message
    }
}
