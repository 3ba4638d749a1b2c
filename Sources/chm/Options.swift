import ArgumentParser
import Columnar
import Evaluation
import Foundation
import Store

/// `--db PATH`: the workspace file, the same flag on every command.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("The workspace file.", valueName: "path"))
    var path: String?

    /// The path: --db, else $CHM_DB, else ./chm.db.
    var resolvedPath: String {
        path ?? ProcessInfo.processInfo.environment["CHM_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "chm.db"
    }

    /// Opens the workspace; `create` makes a new one when the file is missing.
    func open(create: Bool) throws -> Workspace {
        let p = resolvedPath
        if !create, !FileManager.default.fileExists(atPath: p) {
            throw CommandFailure("no workspace at \(p): import data first (chm import TABLE FILE.csv --db \(p)), or pass --db")
        }
        return try Workspace.open(path: p, create: create)
    }
}

/// `--schedule PATH`: the schedule behind cycle() and phase().
struct ScheduleOptions: ParsableArguments {
    @Option(name: .customLong("schedule"), help: ArgumentHelp("The schedule file (default: $CHM_SCHEDULE, else schedule.toml in the Indicators folder when found, else the plan's schedule).", valueName: "path"))
    var path: String?

    /// The schedule: --schedule, $CHM_SCHEDULE, the Indicators folder's
    /// schedule.toml (see ``ProjectDirectory``), or the plan's default.
    func load(indicators: String? = nil) throws -> Schedule {
        let environment = ProcessInfo.processInfo.environment["CHM_SCHEDULE"].flatMap { $0.isEmpty ? nil : $0 }
        if let explicit = path ?? environment {
            return try Schedule.load(path: explicit)
        }
        if let folder = indicators ?? (try? ProjectDirectory.indicators.locate()) {
            let file = (folder as NSString).appendingPathComponent("schedule.toml")
            if FileManager.default.fileExists(atPath: file) { return try Schedule.load(path: file) }
        }
        return Schedule()
    }

    func calendar() throws -> PeriodCalendar { try load().calendar }

    /// The workspace's tables and, when the Indicators folder holds a
    /// catalogue that loads, its derived tables (`views.toml`), so that
    /// queries can read `search_visits` like the indicators do.
    func tables(of workspace: any Catalog) throws -> any Catalog {
        let calendar = try calendar()
        guard let folder = try? ProjectDirectory.indicators.locate(), let catalogue = try? Catalogue.load(directory: folder),
              !catalogue.derivedTables.isEmpty else { return workspace }
        return catalogue.catalog(over: workspace, calendar: calendar)
    }
}

/// `--indicators DIR`: the indicator catalogue.
struct CatalogueOptions: ParsableArguments {
    @Option(name: .customLong("indicators"), help: ArgumentHelp("The indicator catalogue folder (default: $CHM_INDICATORS, else Indicators/ here, in a parent folder or beside the chm executable).", valueName: "dir"))
    var directory: String?

    /// The catalogue folder's path.
    func locate() throws -> String { try ProjectDirectory.indicators.locate(explicit: directory) }
}

/// An error the command reports as one line on stderr, exiting with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Runs a command body, printing any error the way a user should read it.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as SQLError {
        FileHandle.standardError.write(Data((error.rendered + "\n").utf8))
        throw ExitCode(1)
    } catch {
        FileHandle.standardError.write(Data("chm: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

/// Writes text to standard output.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes a status line to standard error (kept out of piped results).
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
