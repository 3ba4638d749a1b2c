import ArgumentParser
import Columnar
import Evaluation
import Foundation

/// `chm check`: validates what users edit — the indicator catalogue, the
/// schedule, survey instruments, expert judgements and report locales —
/// and prints every problem as `file:line: message`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the indicator catalogue, schedule, survey instruments, judgements and report locales.",
        discussion: """
        Every indicator query is bound against the workspace's tables (or, for tables not ingested yet, \
        the canonical columns) without running it. Exits with status 1 when anything is wrong.

        Example:
          chm check --db chm.db
        """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var catalogueOptions: CatalogueOptions
    @OptionGroup var schedule: ScheduleOptions

    func run() throws {
        try reportingErrors {
            var problems: [String] = []
            var checked: [String] = []
            let folder = try catalogueOptions.locate()
            let schedule: Schedule
            do {
                schedule = try self.schedule.load(indicators: folder)
                checked.append("schedule")
            } catch {
                problems.append("\(error)")
                schedule = Schedule()
            }
            do {
                let catalogue = try Catalogue.load(directory: folder)
                let tables: any Catalog = FileManager.default.fileExists(atPath: workspace.resolvedPath)
                    ? try workspace.open(create: false) : MemoryCatalog()
                problems += catalogue.check(against: tables, schedule: schedule).map(\.description)
                checked.append("\(catalogue.indicators.count) indicators in \(catalogue.objectives.count) objectives")
                let judgements = ProjectChecks.judgementFiles()
                for path in judgements {
                    do {
                        let judgement = try ExpertJudgement.load(path: path, objectives: catalogue.objectives.map(\.id))
                        problems += judgement.untranslated().map { "\(path): \($0) (the original is used)" }
                    } catch let e as Catalogue.Problems {
                        problems += e.errors.map(\.description)
                    }
                }
                if !judgements.isEmpty { checked.append("\(judgements.count) judgement file\(judgements.count == 1 ? "" : "s")") }
            } catch let e as Catalogue.Problems {
                problems += e.errors.map(\.description)
            }
            let instruments = ProjectChecks.instruments()
            problems += instruments.problems
            if instruments.checked > 0 { checked.append("\(instruments.checked) survey instrument\(instruments.checked == 1 ? "" : "s")") }
            let locales = ProjectChecks.locales(catalogue: try? Catalogue.load(directory: folder))
            problems += locales.problems
            if locales.checked > 0 { checked.append("\(locales.checked) report locales") }
            for p in problems { emit(p + "\n") }
            note(problems.isEmpty ? "ok: \(checked.joined(separator: "; "))" : "\(problems.count) problem\(problems.count == 1 ? "" : "s") (checked \(checked.joined(separator: "; ")))")
            if !problems.isEmpty { throw ExitCode(1) }
        }
    }
}
