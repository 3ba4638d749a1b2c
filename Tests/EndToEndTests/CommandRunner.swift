import Foundation

/// Runs the built `chm` executable as a user would, in a scratch directory.
struct CommandRunner {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chm-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// The `chm` binary built beside the test bundle.
    static var executable: URL {
        get throws {
            var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("chm")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                dir = dir.deletingLastPathComponent()
            }
            throw RunnerError("the chm executable was not found next to the tests (build it with swift build)")
        }
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct RunnerError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        return path(name)
    }

    /// Starts chm and returns the process (for tests that interrupt it).
    func start(_ arguments: [String], stdin: String? = nil) throws -> (Process, Pipe, Pipe) {
        let p = Process()
        p.executableURL = try Self.executable
        p.arguments = arguments
        p.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["CHM_DB"] = nil
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        return (p, out, err)
    }

    /// Runs chm to completion.
    func run(_ arguments: [String], stdin: String? = nil) throws -> Output {
        let (p, out, err) = try start(arguments, stdin: stdin)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
