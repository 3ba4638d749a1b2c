import ArgumentParser
import Columnar
import Console

/// `chm shell`: the interactive query shell.
struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Explore the workspace interactively with SQL (type .help inside).",
        discussion: """
        Statements end with ';' and may span lines. With a terminal: line editing,
        history (~/.chm_history) and tab completion. Otherwise reads a script:
          chm shell --db chm.db < queries.sql
        """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var schedule: ScheduleOptions

    func run() throws {
        var status: Int32 = 0
        try reportingErrors {
            let shell = InteractiveShell(catalog: try schedule.tables(of: try workspace.open(create: false)), calendar: try schedule.calendar(),
                                         keywords: SQLKeywords.standard, functions: QueryEngine.functionNames,
                                         historyPath: InteractiveShell.defaultHistoryPath)
            status = shell.run()
        }
        if status != 0 { throw ExitCode(status) }
    }
}
