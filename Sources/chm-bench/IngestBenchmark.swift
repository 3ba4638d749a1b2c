import ArgumentParser
import Foundation
import Ingest
import Store

/// `chm-bench ingest`: `chm ingest web` against GoAccess on a generated
/// Combined log, in the same run.
struct IngestBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Time chm ingest web (in-process) and goaccess -o json on a generated Combined log; peak memory of both."
    )

    @Option(help: "Lines in the generated log.")
    var lines = 5_000_000

    @Option(help: "Timed runs of each program (the median is reported).")
    var runs = 3

    @Option(help: "Where the generated log and workspaces are kept.")
    var data = FileManager.default.temporaryDirectory.appendingPathComponent("chm-bench").path

    @Flag(help: "Skip GoAccess.")
    var skipGoaccess = false

    func run() throws {
        let directory = URL(fileURLWithPath: data)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("combined-\(lines).log")
        if !FileManager.default.fileExists(atPath: log.path) {
            print("generating \(lines) lines…")
            var generator = CombinedLogGenerator(seed: 42)
            try generator.write(lines: lines, to: log)
        }
        let size = (try FileManager.default.attributesOfItem(atPath: log.path)[.size] as? NSNumber)?.intValue ?? 0
        print("log: \(log.path), \(lines) lines, \(size / 1_000_000) MB")

        let workspacePath = directory.appendingPathComponent("ingest-bench.db").path
        var options = WebLogImport.Options()
        options.ingest.showProgress = false
        var rows = 0
        let cpuBefore = Timing.cpuSeconds()
        let chmSeconds = try Timing.median(runs) {
            try? FileManager.default.removeItem(atPath: workspacePath)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: workspacePath + suffix) }
            let ws = try Workspace.open(path: workspacePath, create: true)
            let outcome = try WebLogImport.run(file: log.path, workspace: ws, options: options)
            rows = Int(outcome.ingest.batch.rows)
        }
        guard rows == lines else { throw BenchError("chm stored \(rows) rows of \(lines) lines") }
        // CPU of every thread (the file's SHA-256 is taken on a second one), per run, warm-up included.
        let cpuPerRun = (Timing.cpuSeconds() - cpuBefore) / Double(max(1, runs) + 1)
        let chmRate = Double(lines) / chmSeconds
        print(String(format: "chm ingest web (in-process): median %.2f s, %.0f lines/s; CPU %.2f s per run (mean), %.0f lines per CPU-second",
                     chmSeconds, chmRate, cpuPerRun, Double(lines) / cpuPerRun))

        // Peak memory of the command as a user runs it.
        let chm = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("chm").path
        try? FileManager.default.removeItem(atPath: workspacePath)
        let chmPeak = try Self.peakMemory([chm, "ingest", "web", log.path, "--db", workspacePath])
        print("chm ingest web (child process): peak RSS \(chmPeak / 1_000_000) MB")

        guard !skipGoaccess else { return }
        let json = directory.appendingPathComponent("goaccess.json").path
        let goaccessArguments = ["/usr/bin/goaccess", log.path, "--log-format=COMBINED", "--no-progress", "-o", json]
        let goaccessSeconds = try Timing.median(runs) { _ = try Self.peakMemory(goaccessArguments) }
        let goaccessPeak = try Self.peakMemory(goaccessArguments)
        let goaccessRate = Double(lines) / goaccessSeconds
        print(String(format: "goaccess -o json: median %.2f s, %.0f lines/s, peak RSS %d MB", goaccessSeconds, goaccessRate, goaccessPeak / 1_000_000))
        print(String(format: "chm / goaccess: %.1f×", chmRate / goaccessRate))
    }

    /// Runs a program under `/usr/bin/time -v` and returns its peak resident memory in bytes.
    static func peakMemory(_ arguments: [String]) throws -> Int {
        guard FileManager.default.isExecutableFile(atPath: arguments[0]) else { throw BenchError("\(arguments[0]) is not installed") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        p.arguments = ["-v"] + arguments
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw BenchError("\(arguments.joined(separator: " ")) failed: \(text.suffix(500))") }
        guard let line = text.split(separator: "\n").first(where: { $0.contains("Maximum resident set size") }),
              let kb = Int(line.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) else {
            throw BenchError("/usr/bin/time -v gave no peak memory")
        }
        return kb * 1024
    }
}
