/// The text `.help` prints.
enum ShellHelp {
    /// One line per command, then how statements and parameters work.
    static let text = """
    .tables                  List the tables
    .schema [TABLE]          Show the columns and types of TABLE, or of every table
    .mode [FORMAT]           Set the result format: table, csv, json, markdown, line
    .timer on|off            Show or hide the elapsed time after each result
    .maxrows N               Rows a table shows before eliding the middle (0 for all)
    .nullvalue TEXT          Text shown for NULL
    .output [FILE]           Send results to FILE; without FILE, back to the screen
    .once FILE               Send the next result to FILE
    .read FILE               Run the statements and commands in FILE
    .param set NAME VALUE    Bind :NAME to VALUE (int, float, bool, timestamp or string;
                             quote VALUE to force a string)
    .param unset NAME        Remove :NAME
    .param list              Show the parameters
    .param clear             Remove every parameter
    .help                    Show this help
    .quit, .exit             Leave the shell

    Statements end with ; and may span lines. Tab completes keywords, tables,
    columns, functions and commands.

    """
}
